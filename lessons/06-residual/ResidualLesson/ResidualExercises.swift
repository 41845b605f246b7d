import ExperimentKit
import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 6. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ResidualExercises {
  /// The number of exercises.
  package static let count = 3
  /// How each exercise changes with the variant: 1 draws α and L, 2 draws L; 3 is checked by
  /// training the lesson's own deep net.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: 0.02),
    .varies(relativeTolerance: 0.01),
    .shared("it is checked by training the lesson's own deep residual net, and many α are right"),
  ]
  /// Exercise 3's required test accuracy.
  package static let requiredAccuracy = 0.8

  /// Test accuracy of a `depth`-layer residual net with branch scale α, no normalization, trained
  /// with the lesson's step size, steps and batches (NaN if it went non-finite).
  package static func accuracy(alpha: Double, _ config: ResidualConfiguration, train: Dataset, test: Dataset) -> Double
  {
    var rng = SeededGenerator(seed: config.seed)
    let model = TwoLayerResidualMLP.make(
      inputs: Digits.pixels, width: config.width, blocks: config.deepDepth / 2, outputs: Digits.classes,
      scale: .fixed(Float(alpha)), using: &rng)
    return config.recipe(batches: "batches").train(model, on: train, test: test).testAccuracy
  }

  /// The exercises of `variant` for a configuration. Exercises 1 and 2 change with the variant.
  package static func all(
    _ config: ResidualConfiguration, train: Dataset, test: Dataset, variant: ExerciseVariant = .original
  ) -> [Exercise] {
    let blocks = config.deepDepth / 2
    let alpha = variant.draw(0.5, in: 0.1...0.7, digits: 2, salt: 61)
    let growthBlocks = variant.draw(20, in: 10...60, salt: 71, axis: .second)
    let growth = ResidualTheory.normGrowth(alpha: alpha, blocks: growthBlocks)
    // L over a factor 40 on a log scale; the growth stays 2 (a second drawn number would let two
    // variants' α meet).
    let targetBlocks = variant.draw(50, in: 10...400, spacing: .logarithmic, salt: 62)
    let targetGrowth = 2.0
    let targetAlpha = ResidualTheory.alpha(forGrowth: targetGrowth, blocks: targetBlocks)
    let blockVariance =
      """
      At init W₁x has variance 2‖x‖²/n per unit, ReLU keeps half of its second moment, and W₂ ~ N(0, \
      1/n) passes it on: E‖W₂·ReLU(W₁x)‖² = ‖x‖². The branch is independent of x, so the two add in \
      variance: E‖x + α·F(x)‖² = (1 + α²)‖x‖², and the blocks compound.
      """
    let accuracies = MemoTable<Double, Double> { accuracy(alpha: $0, config, train: train, test: test) }
    return [
      .prediction(
        question:
          """
          Residual blocks x + α·W₂·ReLU(W₁x) with W₁ ~ N(0, 2/n), W₂ ~ N(0, 1/n) and α = \
          \(Format.number(alpha)). By what factor does E‖x‖² grow over \(growthBlocks) blocks at init?
          """,
        answerFormat: "factor", predicted: growth, tolerance: 0.02,
        reasoning: [blockVariance],
        derivation: "(1 + α²)^L = \(Format.number(1 + alpha * alpha))^\(growthBlocks)",
        mistakes: [
          .init(
            Double.pow(1 + alpha, Double(growthBlocks)), within: 0.05 * Double.pow(1 + alpha, Double(growthBlocks)),
            hint: "The branch adds variance α²·‖x‖², not α: the factor is 1 + α²."),
          .init(
            1 + Double(growthBlocks) * alpha * alpha, within: 0.02 * (1 + Double(growthBlocks) * alpha * alpha),
            hint: "The factors compound: (1 + α²)^L, not 1 + L·α²."),
        ]),
      .prediction(
        question:
          "Which α makes \(targetBlocks) such blocks multiply E‖x‖² by exactly \(Format.number(targetGrowth)) at init?",
        answerFormat: "α", predicted: targetAlpha, tolerance: 0.01,
        reasoning: [blockVariance, "So solve (1 + α²)^L = \(Format.number(targetGrowth)) for α."],
        derivation:
          "α = √(\(Format.number(targetGrowth))^{1/\(targetBlocks)} − 1)",
        mistakes: [
          .init(
            1 / Double(targetBlocks).squareRoot(), within: 0.005 / Double(targetBlocks).squareRoot(),
            hint:
              """
              α = 1/√L gives (1 + 1/L)^L ≈ \
              \(Format.number(Double.pow(1 + 1 / Double(targetBlocks), Double(targetBlocks)))) at L = \
              \(targetBlocks), not \(Format.number(targetGrowth)).
              """
          ),
          .init(
            targetAlpha * targetAlpha, within: 0.005 * targetAlpha * targetAlpha,
            hint: "That is α²; take the square root."),
        ]),
      Exercise(
        question:
          """
          A residual net of \(blocks) two-layer blocks (\(config.deepDepth) weight layers, width \
          \(config.width)) without normalization, trained like \
          \(ResidualLesson.outline.reference(.withoutNormalization)) (η = \
          \(Format.number(config.learningRate)), \(config.steps) steps). Give a fixed branch scale α with \
          which it reaches at least \(Format.percent(requiredAccuracy)) test accuracy.
          """,
        answerFormat: "α",
        solution: {
          let alpha = 1 / Double(config.deepDepth).squareRoot()
          let accuracy = accuracies[alpha]
          return WorkedSolution(
            [
              blockVariance,
              """
              With α = 1 the forward signal grows 2^\(blocks) at init and the first step overflows; with α → \
              0 the net starts as the identity and its branches learn slowly. α = 1/√L with L = \
              \(config.deepDepth) weight layers keeps (1 + α²)^\(blocks) = \
              \(Format.number(ResidualTheory.normGrowth(alpha: alpha, blocks: blocks))) (under e^½), close to \
              the identity but with branches large enough to learn.
              """,
              """
              A real run with α = 1/√\(config.deepDepth) = \(Format.number(alpha)) \
              \(accuracy.isFinite ? "reaches \(Format.percent(accuracy)) test accuracy" : "goes non-finite").
              """,
            ], answer: alpha)
        }
      ) { answer in
        guard answer.isFinite && answer >= 0 && answer <= 10 else {
          return ExerciseVerdict(correct: false, reason: "α must be a number in [0, 10].")
        }
        let accuracy = accuracies[answer]
        let growth = ResidualTheory.normGrowth(alpha: answer, blocks: blocks)
        let correct = accuracy.isFinite && accuracy >= requiredAccuracy
        var reason =
          """
          At init your α multiplies E‖x‖² by (1 + α²)^\(blocks) = \(Format.number(growth)). A real run \
          \(accuracy.isFinite ? "reached \(Format.percent(accuracy)) test accuracy" : "went non-finite").
          """
        if !correct {
          reason +=
            growth > 100
            ? " The forward signal explodes at init: make α small enough that (1 + α²)^L stays near e (α ≈ 1/√L)."
            : " Too small an α starts near the identity but can learn slowly within \(config.steps) steps; try α near 1/√L."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
    ]
  }
}
