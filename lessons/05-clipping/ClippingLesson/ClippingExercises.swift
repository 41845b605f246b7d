import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 5. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ClippingExercises {
  /// The number of exercises.
  package static let count = 4
  /// The gradient of exercise 2 (variant 0).
  package static let exerciseGradient: [Double] = [4, 3, 1, -0.5]
  /// The value-clipping bound of exercise 2 (variant 0).
  package static let exerciseClip = 1.0
  /// Exercise 2's gradients and bounds, variant 0 first.
  package static let clippingCases: [([Double], Double)] = [
    (exerciseGradient, exerciseClip), ([2, -3, 0.5, 1], 1), ([5, 1, -1, 0.2], 2), ([-2, 2, 3, 0.5], 1.5),
    ([6, -1, 2, 0.5], 1), ([1, 4, -2, 0.25], 0.5),
  ]
  /// Exercise 1's weight w and time step t, variant 0 first.
  package static let unitWeights: [Double] = [1.05, 1.1, 0.95, 1.02, 1.08]
  package static let unitSteps: [Int] = [40, 30, 50, 20, 60]
  /// Exercise 4's nonlinearities: name, formula and γ = max|φ'|, variant 0 first.
  package static let boundedNonlinearities: [(String, String, Double)] = [
    ("the logistic sigmoid", "σ(x) = 1/(1 + e^−x), σ' = σ(1 − σ) ≤ ¼ at x = 0", 0.25),
    ("tanh", "tanh' = 1 − tanh² ≤ 1 at x = 0", 1),
    (
      "LeCun's scaled tanh 1.7159·tanh(2x/3)", "φ' = 1.7159·(2/3)·(1 − tanh²(2x/3)) ≤ 1.7159·2/3 at x = 0",
      1.7159 * 2 / 3
    ),
    ("tanh(x/2)", "φ' = ½(1 − tanh²(x/2)) ≤ ½ at x = 0", 0.5),
  ]
  /// The steps within which exercise 3's threshold must train the task.
  package static let exerciseSteps = 3000

  /// "(4, 3, 1, -0.5)".
  static func vectorText(_ v: [Double]) -> String { "(" + v.map { Format.number($0) }.joined(separator: ", ") + ")" }

  /// The exercises of `variant` for a configuration. Exercises 1, 2 and 4 change with the variant.
  package static func all(_ config: ClippingConfiguration, variant: ExerciseVariant = .original) -> [Exercise] {
    let (g, c) = variant.pick(clippingCases, salt: 52)
    let gradientText = vectorText(g)
    let clamped = g.map { Swift.min(Swift.max($0, -c), c) }
    let w = variant.pick(unitWeights, salt: 51)
    let t = variant.pick(unitSteps, salt: 61)
    let (phiName, phiBound, gamma) = variant.pick(boundedNonlinearities, salt: 54)
    let x0 = 0.5
    let xt = x0 * Double.pow(w, Double(t))
    let average = Memo { ClippingRuns.averageGradientNorm(config, networkSeed: config.seed) }
    var longer = config
    longer.steps = exerciseSteps
    let settings = longer
    let runs = MemoTable<Double, AddingProblemTrainer.History> { tau in
      ClippingRuns.run(settings, networkSeed: config.seed, clipping: .norm(tau), test: config.testSet())
    }
    return [
      .prediction(
        question:
          "One linear unit x_t = w·x_{t−1} with x₀ = 0.5 and w = \(Format.number(w)). What is ∂x_\(t)/∂w?",
        answerFormat: "∂x_\(t)/∂w", predicted: SingleUnit.formula(w: w, x0: x0, t: t), tolerance: 0.02,
        reasoning: [
          "Unrolled, the unit is x_t = w^t·x₀: the same weight acts at every one of the t steps, so the derivative collects one term per step (backpropagation through time sums them), each equal to x₀·w^{t−1}."
        ],
        derivation: "∂x_t/∂w = t·x₀·w^{t−1} = \(t)·0.5·\(Format.number(w))^\(t - 1)",
        mistakes: [
          .init(
            xt, within: 0.02 * xt,
            hint: "That is x_\(t) itself; the question asks for its derivative with respect to w."),
          .init(
            Double(t) * xt, within: 0.015 * Double(t) * xt,
            hint: "The exponent is t − 1: differentiating w^t gives t·w^{t−1}."),
        ]),
      .prediction(
        question:
          "The gradient g = \(gradientText) is clipped by VALUE at c = \(Format.number(c)) (every component clamped to [−c, c]). What is the cosine between g and the clipped gradient?",
        answerFormat: "cosine", predicted: RecurrentTheory.valueClippingCosine(g, bound: c), tolerance: 0.005,
        reasoning: [
          "Clamping each component to [−\(Format.number(c)), \(Format.number(c))] gives clip(g) = \(vectorText(clamped)). The cosine of the angle between two vectors is their dot product over the product of their norms."
        ],
        derivation:
          "cos = g·clip(g)/(‖g‖‖clip(g)‖) = \(Format.number(zip(g, clamped).map { $0 * $1 }.reduce(0, +)))/(\(Format.number(g.map { $0 * $0 }.reduce(0, +).squareRoot()))·\(Format.number(clamped.map { $0 * $0 }.reduce(0, +).squareRoot())))",
        mistakes: [
          .init(
            1, within: 0.001,
            hint:
              "A cosine of 1 is what NORM clipping gives: it rescales the whole vector. Value clipping clamps the large components only, which turns the vector."
          )
        ]),
      Exercise(
        question:
          "The recurrent net of \(ClippingLesson.outline.reference([.unclipped, .sweep])) (network seed \(config.seed), T = \(config.length), η = \(Format.number(config.learningRate)), \(config.hidden) \(config.activation.name) units) blows up without clipping. Give a norm-clipping threshold τ (--clip-norm) with which it learns the adding problem (a final test loss, the mean of the last 3 evaluations, below 1/24) within \(exerciseSteps) steps.",
        answerFormat: "τ",
        solution: {
          let mean = average.value
          let candidates = [mean, mean / 2, 2 * mean]
          let learned = candidates.first { runs[$0].learned(belowTestLoss: ClippingConfiguration.learnedLoss) }
          return WorkedSolution(
            [
              "Without clipping, the rare steps where the gradient norm spikes (the net crosses a cliff of the loss, where W_rec's largest singular value passes the stability edge) throw W_rec so far that training never recovers. Norm clipping keeps the direction of those steps and caps their length at η·τ (Pascanu et al. 2013, Algorithm 1).",
              "Pascanu et al. suggest a threshold near the average gradient norm: it leaves ordinary steps alone and caps only the spikes. A probe run at η/10 (as in \(ClippingLesson.outline.reference(.sweep))) measures ḡ = \(Format.number(mean)).",
              learned.map {
                "A real run of \(exerciseSteps) steps with τ = \(Format.number($0))\($0 == mean ? " (ḡ itself)" : $0 < mean ? " (ḡ/2)" : " (2ḡ)") learns the task."
              } ?? "None of ḡ/2, ḡ and 2ḡ learns the task within \(exerciseSteps) steps in this configuration.",
            ], answer: learned ?? mean)
        }
      ) { answer in
        guard answer.isFinite && answer > 0 && answer <= 1e6 else {
          return ExerciseVerdict(correct: false, reason: "A threshold must be a number in (0, 1e6].")
        }
        let history = runs[answer]
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
        question:
          "A vanilla RNN with \(phiName) as φ. Below which largest singular value σ₁ of W_rec is the gradient through time guaranteed to vanish?",
        answerFormat: "σ₁", predicted: RecurrentTheory.vanishingThreshold(derivativeBound: gamma), tolerance: 0.01,
        reasoning: [
          "Back through one step, ∂h_t/∂h_{t−1} = W_recᵀ·diag(φ'(a_t)), whose norm is at most σ₁·γ with γ = max|φ'|. So k steps back the gradient is bounded by (γσ₁)^k, which vanishes whenever γσ₁ < 1 (Pascanu et al. 2013). Here \(phiBound)."
        ],
        derivation: "σ₁ < 1/γ = 1/\(Format.number(gamma))",
        mistakes: [
          .init(
            1, within: 0.01,
            hint: "1 is tanh's threshold (γ = 1); \(phiName)'s derivative is at most \(Format.number(gamma))."),
          .init(gamma, within: 0.01, hint: "\(Format.number(gamma)) is γ itself; the condition is γσ₁ < 1."),
        ]),
    ]
  }
}
