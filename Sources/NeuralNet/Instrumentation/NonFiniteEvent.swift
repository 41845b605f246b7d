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
  /// The layer as a student reads it (`Sequential.readableLayerNames`): "hidden layer 12", "the
  /// readout", "the relu after hidden layer 10"; nil for the loss and the input.
  public var layerName: String?
  /// The tensor that held it.
  public var tensor: TensorKind

  public init(step: Int, layer: Int?, layerName: String? = nil, tensor: TensorKind) {
    self.step = step
    self.layer = layer
    self.layerName = layerName
    self.tensor = tensor
  }

  /// "step 1, the relu after hidden layer 37, output", "step 0, the loss" (the model's own layer
  /// index only where the layer has no name).
  public var description: String {
    switch (layer, tensor) {
    case (let layer?, _):
      return "step \(step), \(layerName ?? "model layer \(layer)"), \(tensor.rawValue)"
    case (nil, .input): return "step \(step), the input"
    case (nil, _): return "step \(step), the loss"
    }
  }
}
