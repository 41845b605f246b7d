/// The first NaN or ±Inf a run produced: where it appeared and in which tensor.
public struct NonFiniteEvent: Sendable, Equatable, CustomStringConvertible {
  /// Which tensor held the value.
  public enum TensorKind: String, Sendable, Equatable {
    case input
    case activation
    case loss
    case outputGradient = "output gradient"
    case weightGradient = "weight gradient"
    case biasGradient = "bias gradient"
    case weight
  }

  /// The training step (0-based) in which it appeared.
  public var step: Int
  /// The layer index in the model, or nil for the loss and the input.
  public var layer: Int?
  /// The tensor that held it.
  public var tensor: TensorKind

  public init(step: Int, layer: Int?, tensor: TensorKind) {
    self.step = step
    self.layer = layer
    self.tensor = tensor
  }

  public var description: String {
    let place = layer.map { "layer \($0)" } ?? "the loss"
    return "step \(step), \(place), \(tensor.rawValue)"
  }
}
