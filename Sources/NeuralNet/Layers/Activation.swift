/// An elementwise nonlinearity φ and its derivative φ'.
///
/// Derivatives are written in terms of the output y = φ(h), which is what `ActivationLayer` caches:
/// ReLU φ' = [y > 0], tanh φ' = 1 − y², sigmoid φ' = y(1 − y), identity φ' = 1.
public enum Activation: String, Sendable, CaseIterable, Codable {
  case relu
  case tanh
  case sigmoid
  case identity

  /// The backward gain E[φ'(h)²] for h ~ N(0, q) with small q (the linear regime), which sets the
  /// per-layer growth σ_w²·E[φ'(h)²] of squared gradient norms (THEORY.md §1). For ReLU it is ½ for
  /// every q; for tanh it is 1 only as q → 0; for sigmoid ¼ as q → 0.
  public var linearRegimeBackwardGain: Double {
    switch self {
    case .relu: 0.5
    case .tanh: 1
    case .sigmoid: 0.0625
    case .identity: 1
    }
  }
}
