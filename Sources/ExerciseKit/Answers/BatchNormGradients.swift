/// What `batchNormBackward` returns: the gradients with respect to the input, γ and β.
public struct BatchNormGradients: Sendable {
  /// ∂L/∂x, the shape of x (B×d).
  public var input: Matrix
  /// ∂L/∂γ, one value per feature (d).
  public var gamma: [Double]
  /// ∂L/∂β, one value per feature (d).
  public var beta: [Double]

  public init(input: Matrix, gamma: [Double], beta: [Double]) {
    self.input = input
    self.gamma = gamma
    self.beta = beta
  }
}
