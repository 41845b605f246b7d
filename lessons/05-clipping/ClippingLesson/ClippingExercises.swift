import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 5. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ClippingExercises {
  /// The number of exercises.
  package static let count = 4
  /// The gradient of exercise 2.
  package static let exerciseGradient: [Double] = [4, 3, 1, -0.5]
  /// The value-clipping bound of exercise 2.
  package static let exerciseClip = 1.0
  /// The steps within which exercise 3's threshold must train the task.
  package static let exerciseSteps = 3000

  /// The exercises for a configuration.
  package static func all(_ config: ClippingConfiguration) -> [Exercise] {
    let g = exerciseGradient
    let c = exerciseClip
    let gradientText = "(" + g.map { Format.number($0) }.joined(separator: ", ") + ")"
    return [
      .prediction(
        number: 1,
        question:
          "One linear unit x_t = w·x_{t−1} with x₀ = 0.5 and w = 1.05. What is ∂x₄₀/∂w?",
        answerFormat: "∂x₄₀/∂w", predicted: SingleUnit.formula(w: 1.05, x0: 0.5, t: 40), tolerance: 0.02,
        derivation: "x_t = w^t·x₀, so ∂x_t/∂w = t·x₀·w^{t−1} = 40·0.5·1.05^39",
        mistakes: [
          .init(
            0.5 * Double.pow(1.05, 40), within: 0.05,
            hint: "That is x₄₀ itself; the question asks for its derivative with respect to w."),
          .init(
            40 * 0.5 * Double.pow(1.05, 40), within: 1,
            hint: "The exponent is t − 1: differentiating w^t gives t·w^{t−1}."),
        ]),
      .prediction(
        number: 2,
        question:
          "The gradient g = \(gradientText) is clipped by VALUE at c = \(Format.number(c)) (every component clamped to [−c, c]). What is the cosine between g and the clipped gradient?",
        answerFormat: "cosine", predicted: RecurrentTheory.valueClippingCosine(g, bound: c), tolerance: 0.005,
        derivation: "clip(g) = (1, 1, 1, −0.5); cos = g·clip(g)/(‖g‖‖clip(g)‖) = 8.25/(5.1235·1.8028)",
        mistakes: [
          .init(
            1, within: 0.001,
            hint:
              "A cosine of 1 is what NORM clipping gives: it rescales the whole vector. Value clipping clamps the large components only, which turns the vector."
          )
        ]),
      Exercise(
        number: 3,
        question:
          "The recurrent net of \(ClippingLesson.outline.reference([.unclipped, .sweep])) (network seed \(config.seed), T = \(config.length), η = \(Format.number(config.learningRate)), \(config.hidden) \(config.activation.rawValue) units) blows up without clipping. Give a norm-clipping threshold τ (--clip-norm) with which it learns the adding problem (a final test loss, the mean of the last 3 evaluations, below 1/24) within \(exerciseSteps) steps.",
        answerFormat: "τ"
      ) { answer in
        guard answer.isFinite && answer > 0 && answer <= 1e6 else {
          return ExerciseVerdict(correct: false, reason: "A threshold must be a number in (0, 1e6].")
        }
        var settings = config
        settings.steps = exerciseSteps
        let history = ClippingRuns.run(
          settings, networkSeed: config.seed, clipping: .norm(answer), test: config.testSet())
        let reached = history.firstStep(belowTestLoss: ClippingConfiguration.learnedLoss)
        let correct = history.learned(belowTestLoss: ClippingConfiguration.learnedLoss)
        var reason: String
        if let bad = history.nonFiniteStep {
          reason = "A real run with τ = \(Format.number(answer)) went non-finite at step \(bad)."
        } else if let reached, correct {
          reason =
            "A real run with τ = \(Format.number(answer)) reached a test loss below 1/24 at step \(reached) and ended at \(Format.number(history.finalTestLoss(overLast: 3))) (\(Format.percent(history.clippedFraction)) of the steps clipped)."
        } else if let reached {
          reason =
            "A real run with τ = \(Format.number(answer)) touched a test loss below 1/24 at step \(reached) but did not stay there: its final test loss is \(Format.number(history.finalTestLoss(overLast: 3))) (\(Format.percent(history.clippedFraction)) of the steps clipped)."
        } else {
          reason =
            "A real run with τ = \(Format.number(answer)) stayed finite but never got below 1/24 (final test loss \(Format.number(history.finalTestLoss)), \(Format.percent(history.clippedFraction)) of the steps clipped)."
        }
        if !correct {
          reason +=
            history.clippedFraction < 0.05
            ? " Too few steps were clipped: a step of length η·τ can still throw W_rec off the cliff. Try a τ near the average gradient norm (\(ClippingLesson.outline.reference(.sweep))'s ḡ)."
            : " Try a τ near the average gradient norm (\(ClippingLesson.outline.reference(.sweep))'s ḡ)."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        number: 4,
        question:
          "A vanilla RNN with the logistic sigmoid as φ. Below which largest singular value σ₁ of W_rec is the gradient through time guaranteed to vanish?",
        answerFormat: "σ₁", predicted: RecurrentTheory.vanishingThreshold(derivativeBound: 0.25), tolerance: 0.01,
        derivation: "max|σ'| = γ = ¼, and σ₁ < 1/γ suffices",
        mistakes: [
          .init(1, within: 0.01, hint: "1 is tanh's threshold (γ = 1); the sigmoid's derivative is at most ¼."),
          .init(0.25, within: 0.01, hint: "¼ is γ itself; the condition is γσ₁ < 1."),
        ]),
    ]
  }
}
