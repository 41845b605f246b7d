/// SGD with momentum, in the form of PyTorch and Keras (Sutskever et al. 2013, heavy ball):
///
///     v ← μ·v + g,   θ ← θ − η·v          (PyTorch; Keras' v ← μv − ηg is the same for constant η)
///
/// and, with `nesterov`, θ ← θ − η·(g + μ·v). The velocity starts at zero.
public final class Momentum: Optimizer {
  /// The step size η.
  public let learningRate: Float
  /// The momentum μ in [0, 1).
  public let momentum: Float
  /// Whether to use Nesterov's look-ahead form.
  public let nesterov: Bool
  private var velocity: [ObjectIdentifier: Tensor] = [:]

  /// Momentum SGD; μ = 0.9 is the usual choice.
  public init(learningRate: Float, momentum: Float = 0.9, nesterov: Bool = false) {
    precondition(learningRate > 0 && momentum >= 0 && momentum < 1, "momentum needs η > 0 and μ in [0, 1)")
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
  }

  public func update(_ parameters: [Parameter]) {
    for p in parameters {
      let key = ObjectIdentifier(p)
      var v = velocity[key] ?? Tensor(shape: p.value.shape)
      v.scale(by: momentum)
      v.add(p.gradient)
      if nesterov {
        var step = p.gradient
        step.add(v, scaledBy: momentum)
        p.value.add(step, scaledBy: -learningRate)
      } else {
        p.value.add(v, scaledBy: -learningRate)
      }
      velocity[key] = v
    }
  }
}
