import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 8. Each answer is checked against the theory or GradScaler's rule,
/// never by matching text.
package enum PrecisionExercises {
  /// The number of exercises.
  package static let count = 3
  /// How each exercise changes with the variant: 1 draws σ_w² and q₁, 2 the median gradient and
  /// the share allowed to flush, 3 the overflow and good-step counts.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: 0),
    .varies(relativeTolerance: 0.02),
    .varies(relativeTolerance: 0),
  ]

  /// Float16's flush threshold: magnitudes at or below 2⁻²⁵ round to 0.
  static let flushThreshold = 0x1p-25
  /// σ of ln|g| in exercise 2.
  static let logSpread = 1.5

  /// The scale after GradScaler's rule: `overflowsFirst` skipped steps from `start`, then `goodSteps`
  /// good ones, then `overflowsLast` skipped ones.
  package static func scale(
    start: Double, overflowsFirst: Int, goodSteps: Int, overflowsLast: Int, interval: Int
  ) -> Double {
    var scaler = LossScaler(scale: start, growthInterval: interval)
    for _ in 0..<overflowsFirst { _ = scaler.update(foundNonFinite: true) }
    for _ in 0..<goodSteps { _ = scaler.update(foundNonFinite: false) }
    for _ in 0..<overflowsLast { _ = scaler.update(foundNonFinite: true) }
    return scaler.scale
  }

  /// The exercises of `variant` for a configuration.
  package static func all(_ config: PrecisionConfiguration, variant: ExerciseVariant = .original) -> [Exercise] {
    let gain2 = variant.draw(3, in: 2.5...6, digits: 2, salt: 91, axis: .first)
    let q1 = variant.draw(1, in: 0.5...4, digits: 2, salt: 92, axis: .second)
    let growth = gain2 / 2
    let layer = RangeOverflow.float16.firstLayerWithOverflowingMeanSquare(initialMeanSquare: q1, growth: growth)
    let float32Layer = RangeOverflow.float32.firstLayerWithOverflowingMeanSquare(initialMeanSquare: q1, growth: growth)
    let fullGrowthLayer = RangeOverflow.float16.firstLayerWithOverflowingMeanSquare(
      initialMeanSquare: q1, growth: gain2)

    let medianExponent = variant.draw(6.5, in: 5.5...7.5, digits: 2, salt: 93, axis: .first)
    let share = variant.draw(0.01, in: 0.001...0.05, spacing: .logarithmic, digits: 2, salt: 94, axis: .second)
    let fit = LogNormalFit(mu: -medianExponent * Double.log(10), sigma: logSpread, count: 1)
    let smallestScale = fit.scaleKeeping(allBut: share, above: flushThreshold)
    let subnormalScale = fit.scaleKeeping(allBut: share, above: 2 * flushThreshold)
    let medianScale = flushThreshold / Double.exp(fit.mu)

    let interval = config.scaler.growthInterval
    let start = 65536.0
    let overflowsFirst = variant.draw(5, in: 1...9, salt: 95, axis: .first)
    let goodSteps = variant.draw(4500, in: 1000...9000, salt: 96, axis: .second)
    let overflowsLast = variant.draw(1, in: 1...3, salt: 97)
    let finalScale = scale(
      start: start, overflowsFirst: overflowsFirst, goodSteps: goodSteps, overflowsLast: overflowsLast,
      interval: interval)
    let rounded =
      start * Double.pow(0.5, Double(overflowsFirst + overflowsLast))
      * Double.pow(2, (Double(goodSteps) / Double(interval)).rounded())
    let noReset =
      start * Double.pow(0.5, Double(overflowsFirst + overflowsLast))
      * Double.pow(2, Double((goodSteps + overflowsFirst) / interval))

    return [
      .prediction(
        question:
          """
          A ReLU net with weights N(0, σ_w²/n), σ_w² = \(Format.number(gain2)), whose first layer's \
          pre-activations have E[h_1²] = \(Format.number(q1)). Its activations are stored in Float16 \
          (largest finite number 65504). What is the first layer l whose E[h_l²] exceeds 65504?
          """,
        answerFormat: "layer", predicted: Double(layer), tolerance: 0,
        reasoning: [
          """
          Each ReLU layer multiplies E[h²] by σ_w²·E[ReLU(h)²]/E[h²] = σ_w²/2 = \(Format.number(growth)) \
          (theory §1), so E[h_l²] = q₁·(σ_w²/2)^(l−1).
          """
        ],
        derivation:
          """
          The first l with \(Format.number(q1))·\(Format.number(growth))^(l−1) > 65504: \
          l − 1 > ln(65504/\(Format.number(q1)))/ln \(Format.number(growth)) = \
          \(Format.number(Double.log(65504 / q1) / Double.log(growth))), so l
          """,
        mistakes: [
          .init(
            Double(fullGrowthLayer), within: 0,
            hint: "ReLU keeps half of the second moment: the factor per layer is σ_w²/2, not σ_w²."),
          .init(
            Double(float32Layer), within: 0,
            hint: "That is where Float32 (3.4·10³⁸) overflows; Float16's limit is 65504."),
        ]),
      .prediction(
        question:
          """
          A layer's nonzero gradient magnitudes are log-normal: ln|g| ~ N(μ, σ²) with median \
          e^μ = 10^−\(Format.number(medianExponent)) and σ = \(Format.number(logSpread)). Float16 \
          rounds a magnitude at or below 2⁻²⁵ to 0. What is the smallest loss scale S that leaves at \
          most \(Format.percent(share)) of the entries flushed?
          """,
        answerFormat: "S", predicted: smallestScale, tolerance: 0.02,
        reasoning: [
          """
          Scaling multiplies every gradient by S, so an entry is flushed when S·|g| ≤ 2⁻²⁵: the share \
          flushed is P(|g| ≤ 2⁻²⁵/S) = Φ((ln(2⁻²⁵/S) − μ)/σ). Set it to \(Format.percent(share)): \
          ln(2⁻²⁵/S) = μ + σ·Φ⁻¹(\(Format.number(share))).
          """
        ],
        derivation: "S = 2⁻²⁵ / exp(μ + σ·Φ⁻¹(p))",
        mistakes: [
          .init(
            subnormalScale, within: 0.02 * subnormalScale,
            hint: "Values between 2⁻²⁵ and 2⁻²⁴ round up to 2⁻²⁴, not to 0: the threshold is 2⁻²⁵."),
          .init(
            medianScale, within: 0.02 * medianScale,
            hint: "That S saves only half the entries (it lifts the median to 2⁻²⁵): use the p-quantile μ + σ·Φ⁻¹(p)."),
        ]),
      .prediction(
        question:
          """
          GradScaler starts at S = 65536 (growth ×2 after \(interval) good steps in a row, back-off ×½ \
          and a skipped step on an overflow). The first \(overflowsFirst) steps overflow; the next \
          \(goodSteps) do not; then \(overflowsLast) overflow in a row. What is S after them?
          """,
        answerFormat: "S", predicted: finalScale, tolerance: 0,
        reasoning: [
          """
          Each overflow halves S and starts the count of good steps again; S doubles each time the \
          count reaches \(interval), which then starts again: ⌊\(goodSteps)/\(interval)⌋ = \
          \(goodSteps / interval) doublings.
          """
        ],
        derivation:
          "65536 · ½^\(overflowsFirst) · 2^\(goodSteps / interval) · ½^\(overflowsLast)",
        mistakes: [
          .init(
            rounded, within: 0,
            hint: "S grows only when \(interval) good steps are complete: ⌊good steps / \(interval)⌋, not rounded."),
          .init(noReset, within: 0, hint: "Skipped steps are not good steps, and an overflow starts the count again."),
        ]),
    ]
  }
}
