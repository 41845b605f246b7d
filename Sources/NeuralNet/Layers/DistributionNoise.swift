/// Time-varying noise on a layer's activations, the "noisy batch norm" of Santurkar et al. (2018,
/// "How does batch normalization help optimization?", §2.1): y_j = s_j·x_j + m_j, with a scale
/// s_j ~ U(1 − a, 1 + a) and a shift m_j ~ U(−b, b) drawn for every unit j and redrawn only when
/// `resample()` is called (once per training step), so every step's input distribution of the next
/// layer moves: a covariate shift made on purpose. Evaluation passes x through unchanged.
///
/// The next step's draw is made one step ahead, so a measurement can apply it (`appliesUpcoming`)
/// to see what the following layers will face after `resample()`.
public final class DistributionNoise: Layer {
  /// The scale's half-range a.
  public let scaleSpread: Double
  /// The shift's half-range b.
  public let shiftSpread: Double
  private let features: Int
  private var rng: SeededGenerator
  private var isTraining = true
  /// The current s_j.
  public private(set) var scales: [Float]
  /// The current m_j.
  public private(set) var shifts: [Float]
  /// The next step's draw, which `resample()` makes current.
  private var upcoming: (scales: [Float], shifts: [Float])
  /// Whether forward and backward apply the next step's draw instead of the current one.
  public var appliesUpcoming = false

  /// A noise layer for `features` units, its draws from `rng`; s = 1 and m = 0 until the first `resample()`.
  public init(features: Int, scaleSpread: Double, shiftSpread: Double, using rng: SeededGenerator) {
    precondition(features > 0 && scaleSpread >= 0 && scaleSpread < 1 && shiftSpread >= 0, "invalid noise settings")
    self.features = features
    self.scaleSpread = scaleSpread
    self.shiftSpread = shiftSpread
    self.rng = rng
    scales = Array(repeating: 1, count: features)
    shifts = Array(repeating: 0, count: features)
    upcoming = (scales, shifts)
    upcoming = draw()
  }

  public var kind: LayerKind { .distributionNoise }

  public func setTraining(_ training: Bool) { isTraining = training }

  /// Makes the next draw current and draws the one after it.
  public func resample() {
    (scales, shifts) = upcoming
    upcoming = draw()
  }

  /// Every unit's scale and shift, freshly drawn.
  private func draw() -> (scales: [Float], shifts: [Float]) {
    let scales = (0..<features).map { _ in Float(1 + scaleSpread * (2 * rng.nextUnitDouble() - 1)) }
    let shifts = (0..<features).map { _ in Float(shiftSpread * (2 * rng.nextUnitDouble() - 1)) }
    return (scales, shifts)
  }

  public func forward(_ input: Tensor) -> Tensor {
    guard isTraining else { return input }
    precondition(input.columns == features, "\(input.columns) features, expected \(features)")
    let (scales, shifts) = appliesUpcoming ? upcoming : (self.scales, self.shifts)
    var output = input
    for row in 0..<input.rows {
      for j in 0..<features {
        let i = row * features + j
        output.scalars[i] = scales[j] * input.scalars[i] + shifts[j]
      }
    }
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    guard isTraining else { return outputGradient }
    let scales = appliesUpcoming ? upcoming.scales : self.scales
    var gradient = outputGradient
    for i in gradient.scalars.indices { gradient.scalars[i] *= scales[i % features] }
    return gradient
  }
}
