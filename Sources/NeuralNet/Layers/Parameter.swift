/// A trainable tensor together with the gradient of the loss with respect to it.
public final class Parameter {
  /// A short name for reports ("weight", "bias").
  public let name: String
  /// The current value.
  public var value: Tensor
  /// ∂L/∂value from the last backward pass (same shape as `value`).
  public var gradient: Tensor

  /// A parameter with the given value and a zero gradient.
  public init(name: String, value: Tensor) {
    self.name = name
    self.value = value
    self.gradient = Tensor(shape: value.shape)
  }
}

extension Parameter {
  /// The global gradient norm ‖g‖ = √(Σ over `parameters` of ‖∂L/∂θ‖²), in Float64: what norm
  /// clipping compares with its threshold and what a trainer records per step.
  public static func gradientNorm(_ parameters: [Parameter]) -> Double {
    parameters.map { $0.gradient.sumOfSquares() }.reduce(0, +).squareRoot()
  }
}
