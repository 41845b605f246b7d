/// What `residualBlockBackward` returns for y = x + ReLU(x·W).
public struct ResidualGradients: Sendable {
  /// ∂L/∂x, the shape of x (B×n).
  public var input: Matrix
  /// ∂L/∂W, the shape of W (n×n).
  public var weight: Matrix

  public init(input: Matrix, weight: Matrix) {
    self.input = input
    self.weight = weight
  }
}
