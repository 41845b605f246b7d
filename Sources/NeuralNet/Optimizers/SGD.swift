/// Plain stochastic gradient descent: θ ← θ − η·∂L/∂θ.
public struct SGD: Sendable, Equatable {
  /// The step size η.
  public var learningRate: Float

  /// SGD with step size `learningRate`.
  public init(learningRate: Float) {
    self.learningRate = learningRate
  }

  /// Applies one update to every parameter from its current gradient.
  public func update(_ parameters: [Parameter]) {
    for parameter in parameters {
      parameter.value.add(parameter.gradient, scaledBy: -learningRate)
    }
  }
}
