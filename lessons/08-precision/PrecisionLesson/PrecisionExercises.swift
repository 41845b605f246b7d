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
  /// the share allowed to flush, 3 the growth and back-off factors and the good steps.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: 0),
    .varies(relativeTolerance: 0.02),
    .varies(relativeTolerance: 0.001),
  ]

  /// σ of ln|g| in exercise 2.
  static let logSpread = 1.5

  /// The scale after GradScaler's rule with `growth`, `backoff` and `interval`: `overflowsFirst`
  /// skipped steps from `start`, then `goodSteps` good ones, then `overflowsLast` skipped ones.
  package static func scale(
    start: Double, growth: Double = 2, backoff: Double = 0.5, overflowsFirst: Int, goodSteps: Int,
    overflowsLast: Int, interval: Int
  ) -> Double {
    var scaler = LossScaler(scale: start, growthFactor: growth, backoffFactor: backoff, growthInterval: interval)
    for _ in 0..<overflowsFirst { _ = scaler.update(foundNonFinite: true) }
    for _ in 0..<goodSteps { _ = scaler.update(foundNonFinite: false) }
    for _ in 0..<overflowsLast { _ = scaler.update(foundNonFinite: true) }
    return scaler.scale
  }

  /// The exercises of `variant` for a configuration.
  package static func all(_ config: PrecisionConfiguration, variant: ExerciseVariant = .original) -> [Exercise] {
    // σ_w² near 2 grows slowly: the layer ranges over 10…300, so a class of 30 has distinct answers.
    let gain2 = variant.draw(3, in: 2.1...4, spacing: .logarithmic, digits: 3, salt: 91, axis: .first)
    let q1 = variant.draw(1, in: 0.01...100, spacing: .logarithmic, digits: 2, salt: 92, axis: .second)
    let growth = gain2 / 2
    let layer = RangeOverflow.float16.firstLayerWithOverflowingMeanSquare(initialMeanSquare: q1, growth: growth)
    let float32Layer = RangeOverflow.float32.firstLayerWithOverflowingMeanSquare(initialMeanSquare: q1, growth: growth)
    let fullGrowthLayer = RangeOverflow.float16.firstLayerWithOverflowingMeanSquare(
      initialMeanSquare: q1, growth: gain2)

    let medianExponent = variant.draw(6.5, in: 5.5...7.5, digits: 3, salt: 93, axis: .first)
    let share = variant.draw(0.01, in: 0.001...0.05, spacing: .logarithmic, digits: 3, salt: 94, axis: .second)
    let fit = LogNormalFit(mu: -medianExponent * Double.log(10), sigma: logSpread, count: 1)
    let flushThreshold = NumberFormat.float16.flushThreshold
    let smallestScale = fit.scaleKeeping(allBut: share, above: flushThreshold)
    let subnormalScale = fit.scaleKeeping(allBut: share, above: 2 * flushThreshold)
    let medianScale = flushThreshold / Double.exp(fit.mu)

    let interval = config.scaler.growthInterval
    let start = 65536.0
    // GradScaler takes any growth and back-off factors; drawing them gives each student their own S.
    let growthFactor = variant.draw(2, in: 1.5...4, digits: 2, salt: 95, axis: .first)
    let backoff = variant.draw(0.5, in: 0.25...0.75, digits: 2, salt: 96, axis: .second)
    let overflowsFirst = 5
    let goodSteps = variant.draw(4500, in: 2500...9500, salt: 97)
    let overflowsLast = 1
    let finalScale = scale(
      start: start, growth: growthFactor, backoff: backoff, overflowsFirst: overflowsFirst, goodSteps: goodSteps,
      overflowsLast: overflowsLast, interval: interval)
    let backoffs = Double.pow(backoff, Double(overflowsFirst + overflowsLast))
    let rounded = start * backoffs * Double.pow(growthFactor, (Double(goodSteps) / Double(interval)).rounded())
    let divided =
      start * Double.pow(1 / backoff, Double(overflowsFirst + overflowsLast))
      * Double.pow(growthFactor, Double(goodSteps / interval))

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
          GradScaler starts at S = 65536, with growth factor \(Format.number(growthFactor)) after \
          \(interval) good steps in a row and back-off factor \(Format.number(backoff)) (and a skipped \
          step) on an overflow. The first \(overflowsFirst) steps overflow; the next \(goodSteps) do \
          not; then one overflows. What is S after them?
          """,
        answerFormat: "S", predicted: finalScale, tolerance: 0.001,
        reasoning: [
          """
          Each overflow multiplies S by the back-off factor and starts the count of good steps \
          again; S is multiplied by the growth factor each time the count reaches \(interval), which \
          then starts again: ⌊\(goodSteps)/\(interval)⌋ = \(goodSteps / interval) growths.
          """
        ],
        derivation:
          """
          65536 · \(Format.number(backoff))^\(overflowsFirst) · \(Format.number(growthFactor))^\(goodSteps / interval) \
          · \(Format.number(backoff))
          """,
        mistakes: [
          .init(
            rounded, within: 0.001 * rounded,
            hint: "S grows only when \(interval) good steps are complete: ⌊good steps / \(interval)⌋, not rounded."),
          .init(
            divided, within: 0.001 * divided,
            hint: "Backing off multiplies S by the back-off factor; it does not divide by it."),
        ]),
    ]
  }
}
