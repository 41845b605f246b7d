import RealModule

/// An elementwise nonlinearity φ: the one type the engine applies (`ActivationLayer`, `MLP`,
/// `VanillaRNN`) and the theory predicts with (`MeanField`, `PlainNetworkTheory`, `BatchNormTheory`).
///
/// The engine writes derivatives in terms of the output y = φ(h), which is what `ActivationLayer`
/// caches: ReLU φ' = [y > 0], tanh φ' = 1 − y², sigmoid φ' = y(1 − y), identity φ' = 1. The theory
/// takes Gaussian moments over pre-activations h ~ N(0, q): ReLU and identity have closed forms
/// (E[φ(h)²] = q/2 and q, E[φ'(h)²] = ½ and 1), tanh and sigmoid need quadrature of `value` and
/// `derivative`.
public enum Activation: String, Sendable, CaseIterable, Codable {
  case relu
  case tanh
  case sigmoid
  case identity

  /// The nonlinearity's name in prose, tables and legends ("ReLU", "linear" for the identity);
  /// `rawValue` is its command-line value.
  public var name: String {
    switch self {
    case .identity: "linear"
    case .relu: "ReLU"
    case .tanh: "tanh"
    case .sigmoid: "sigmoid"
    }
  }

  /// φ(h), in Float64.
  public func value(_ h: Double) -> Double {
    switch self {
    case .relu: Swift.max(h, 0)
    case .tanh: Double.tanh(h)
    case .sigmoid: 1 / (1 + Double.exp(-h))
    case .identity: h
    }
  }

  /// φ'(h), in Float64 (ReLU's at 0 is taken as 0, as the engine's [y > 0]).
  public func derivative(_ h: Double) -> Double {
    switch self {
    case .relu: return h > 0 ? 1 : 0
    case .tanh:
      let t = Double.tanh(h)
      return 1 - t * t
    case .sigmoid:
      let s = value(h)
      return s * (1 - s)
    case .identity: return 1
    }
  }

  /// γ = max_h |φ'(h)|: ¼ for the sigmoid, 1 for the others. Each step back through a recurrent
  /// net multiplies the gradient's norm by at most γ·σ₁(W_rec) (Pascanu et al. 2013).
  public var derivativeBound: Double { self == .sigmoid ? 0.25 : 1 }
}
