/// An elementwise nonlinearity φ and its derivative φ'.
///
/// Derivatives are written in terms of the output y = φ(h), which is what `ActivationLayer` caches:
/// ReLU φ' = [y > 0], tanh φ' = 1 − y², sigmoid φ' = y(1 − y), identity φ' = 1.
public enum Activation: String, Sendable, CaseIterable, Codable {
  case relu
  case tanh
  case sigmoid
  case identity

}
