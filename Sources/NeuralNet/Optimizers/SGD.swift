/// Stochastic gradient descent with optional L2 weight decay: θ ← θ − η·(∂L/∂θ + λ·θ).
///
/// The decay is coupled, as in PyTorch's `SGD(weight_decay: λ)`: it is the gradient of the penalty
/// (λ/2)·‖θ‖² added to the loss, applied to every parameter, so each step multiplies θ by
/// (1 − η·λ) before the gradient step (Krogh & Hertz 1992, "A simple weight decay can improve
/// generalization").
public struct SGD: Sendable, Equatable {
  /// The step size η.
  public var learningRate: Float
  /// The weight decay λ (0: plain SGD).
  public var weightDecay: Float

  /// SGD with step size `learningRate` and weight decay `weightDecay`.
  public init(learningRate: Float, weightDecay: Float = 0) {
    self.learningRate = learningRate
    self.weightDecay = weightDecay
  }

  /// Applies one update to every parameter from its current gradient.
  public func update(_ parameters: [Parameter]) {
    for parameter in parameters {
      if weightDecay != 0 {
        let shrink = 1 - learningRate * weightDecay
        for i in parameter.value.scalars.indices { parameter.value.scalars[i] *= shrink }
      }
      parameter.value.add(parameter.gradient, scaledBy: -learningRate)
    }
  }
}
