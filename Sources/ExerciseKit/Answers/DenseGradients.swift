/// What `denseBackward` returns for y = x·W + b: the gradients of the loss with respect to the
/// input, the weight and the bias.
public struct DenseGradients: Sendable {
  /// ∂L/∂x, the shape of x (B×n).
  public var input: Matrix
  /// ∂L/∂W, the shape of W (n×m).
  public var weight: Matrix
  /// ∂L/∂b, one value per output (m).
  public var bias: [Double]

  public init(input: Matrix, weight: Matrix, bias: [Double]) {
    self.input = input
    self.weight = weight
    self.bias = bias
  }
}
