import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 6. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ResidualExercises {
  /// The number of exercises.
  package static let count = 3
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
    let history = Trainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(config.learningRate)),
      steps: config.steps, batchSize: config.batchSize, batchSeed: config.seed &+ 7, clipping: config.clipping)
    return history.nonFinite == nil ? test.accuracy(of: model) : .nan
  }

  /// The exercises for a configuration.
  package static func all(_ config: ResidualConfiguration, train: Dataset, test: Dataset) -> [Exercise] {
    let blocks = config.deepDepth / 2
    return [
      .prediction(
        number: 1,
        question:
          "Residual blocks x + α·W₂·ReLU(W₁x) with W₁ ~ N(0, 2/n), W₂ ~ N(0, 1/n) and α = 0.5. By what factor does E‖x‖² grow over 20 blocks at init?",
        answerFormat: "factor", predicted: ResidualTheory.normGrowth(alpha: 0.5, blocks: 20), tolerance: 0.02,
        derivation: "Each block multiplies E‖x‖² by 1 + α² = 1.25, so 1.25^20",
        mistakes: [
          .init(
            Double.pow(1.5, 20), within: 50, hint: "The branch adds variance α²·‖x‖², not α: the factor is 1 + α²."),
          .init(6, within: 0.1, hint: "The factors compound: (1 + α²)^L, not 1 + L·α²."),
        ]),
      .prediction(
        number: 2,
        question: "Which α makes 50 such blocks multiply E‖x‖² by exactly 2 at init?",
        answerFormat: "α", predicted: ResidualTheory.alpha(forGrowth: 2, blocks: 50), tolerance: 0.01,
        derivation: "(1 + α²)^50 = 2 gives α = √(2^{1/50} − 1)",
        mistakes: [
          .init(
            1 / 50.0.squareRoot(), within: 1e-3,
            hint: "α = 1/√L gives (1 + 1/L)^L ≈ e = 2.69 at L = 50, not 2."),
          .init(Double.pow(2, 1.0 / 50) - 1, within: 1e-4, hint: "That is α²; take the square root."),
        ]),
      Exercise(
        number: 3,
        question:
          "A residual net of \(blocks) two-layer blocks (\(config.deepDepth) weight layers, width \(config.width)) without normalization, trained like \(ResidualLesson.outline.reference(.withoutNormalization)) (η = \(Format.number(config.learningRate)), \(config.steps) steps). Give a fixed branch scale α with which it reaches at least \(Format.percent(requiredAccuracy)) test accuracy.",
        answerFormat: "α"
      ) { answer in
        guard answer.isFinite && answer >= 0 && answer <= 10 else {
          return ExerciseVerdict(correct: false, reason: "α must be a number in [0, 10].")
        }
        let accuracy = accuracy(alpha: answer, config, train: train, test: test)
        let growth = ResidualTheory.normGrowth(alpha: answer, blocks: blocks)
        let correct = accuracy.isFinite && accuracy >= requiredAccuracy
        var reason =
          "At init your α multiplies E‖x‖² by (1 + α²)^\(blocks) = \(Format.number(growth)). A real run \(accuracy.isFinite ? "reached \(Format.percent(accuracy)) test accuracy" : "went non-finite")."
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
