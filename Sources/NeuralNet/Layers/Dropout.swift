/// Inverted dropout (Srivastava et al. 2014, "Dropout: a simple way to prevent neural networks from
/// overfitting"): in training, each unit is kept with probability 1 − p and scaled by 1/(1 − p),
/// so E[y] = x; in evaluation, y = x.
///
/// Forward in training draws a fresh mask m ∈ {0, 1/(1 − p)}ⁿ per call, y = m ⊙ x, and backward
/// returns m ⊙ ∂L/∂y. The mask comes from the layer's own seeded stream, so a run is reproducible
/// and adding dropout to one net moves no other random draw.
public final class Dropout: Layer {
  /// The probability p that a unit is dropped.
  public let rate: Double
  private var rng: SeededGenerator
  private var isTraining = true
  private var mask: [Float] = []

  /// A dropout layer dropping each unit with probability `rate` (0 ≤ p < 1), its masks drawn from `rng`.
  public init(rate: Double, using rng: SeededGenerator) {
    precondition(rate >= 0 && rate < 1, "a dropout rate must be in [0, 1)")
    self.rate = rate
    self.rng = rng
  }

  public var kind: LayerKind { .dropout }

  public func setTraining(_ training: Bool) { isTraining = training }

  public func forward(_ input: Tensor) -> Tensor {
    guard isTraining, rate > 0 else {
      mask = []
      return input
    }
    let keep = 1 - rate
    let scale = Float(1 / keep)
    mask = (0..<input.count).map { _ in rng.nextUnitDouble() < keep ? scale : 0 }
    var output = input
    for i in output.scalars.indices { output.scalars[i] *= mask[i] }
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    guard !mask.isEmpty else { return outputGradient }
    precondition(outputGradient.count == mask.count, "backward before forward")
    var gradient = outputGradient
    for i in gradient.scalars.indices { gradient.scalars[i] *= mask[i] }
    return gradient
  }
}
