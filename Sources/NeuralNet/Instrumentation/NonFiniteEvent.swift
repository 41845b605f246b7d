/// The first NaN or ±Inf a run produced: where it appeared and in which tensor.
public struct NonFiniteEvent: Sendable, Equatable, CustomStringConvertible {
  /// Which tensor held the value.
  public enum TensorKind: String, Sendable, Equatable {
    case input
    case output
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
  /// The layer named by kind and position among layers of that kind, e.g. "dense 38" (the 38th
  /// dense layer) or "relu 37"; nil for the loss and the input.
  public var layerName: String?
  /// The tensor that held it.
  public var tensor: TensorKind

  public init(step: Int, layer: Int?, layerName: String? = nil, tensor: TensorKind) {
    self.step = step
    self.layer = layer
    self.layerName = layerName
    self.tensor = tensor
  }

  /// "step 1, layer 74 (relu 37), output", "step 0, the loss".
  public var description: String {
    switch (layer, tensor) {
    case (let layer?, _):
      let name = layerName.map { " (\($0))" } ?? ""
      return "step \(step), layer \(layer)\(name), \(tensor.rawValue)"
    case (nil, .input): return "step \(step), the input"
    case (nil, _): return "step \(step), the loss"
    }
  }
}
