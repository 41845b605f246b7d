import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 5. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ClippingExercises {
  /// The number of exercises.
  package static let count = 4
  /// The gradient of exercise 2 (every variant: the bound c changes).
  package static let exerciseGradient: [Double] = [4, 3, 1, -0.5]
  /// The value-clipping bound of exercise 2 (variant 0).
  package static let exerciseClip = 1.0

  /// How each exercise changes with the variant: 1, 2 and 4 draw their parameters from ranges;
  /// 3 is checked by training the lesson's own recurrent net.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: 0.02),
    .varies(relativeTolerance: 0.02),
    .shared("it is checked by training the lesson's own recurrent net, and many thresholds are right"),
    .varies(relativeTolerance: 0.01),
  ]

  /// The steps within which exercise 3's threshold must train the task.
  package static let exerciseSteps = 3000

  /// "(4, 3, 1, -0.5)".
  static func vectorText(_ v: [Double]) -> String { "(" + v.map { Format.number($0) }.joined(separator: ", ") + ")" }

  /// The exercises of `variant` for a configuration. Exercises 1, 2 and 4 change with the variant.
  package static func all(_ config: ClippingConfiguration, variant: ExerciseVariant = .original) -> [Exercise] {
    // The bound c from 1 (below it the angle no longer grows as c falls) to just under max|g|.
    let g = exerciseGradient
    let c = variant.draw(exerciseClip, in: 1...3.8, spacing: .logarithmic, salt: 52)
    let gradientText = vectorText(g)
    let clamped = g.map { Swift.min(Swift.max($0, -c), c) }
    let w = variant.draw(1.05, in: 0.9...1.15, salt: 51, axis: .first)
    let t = variant.draw(40, in: 15...60, salt: 61, axis: .second)
    // The logistic sigmoid (γ = ¼) in variant 0, tanh(βx) (γ = β) in the others.
    let beta = variant.draw(0.25, in: 0.2...3, spacing: .logarithmic, salt: 54)
    let (phiName, phiBound, gamma) =
      variant == .original
      ? ("the logistic sigmoid", "σ(x) = 1/(1 + e^−x), σ' = σ(1 − σ) ≤ ¼ at x = 0", 0.25)
      : (
        "tanh(βx) with β = \(Format.number(beta))",
        "φ' = β·(1 − tanh²(βx)) ≤ β = \(Format.number(beta)) at x = 0", beta
      )
    let cosine = RecurrentTheory.valueClippingCosine(g, bound: c)
    let angle = Double.acos(Swift.min(cosine, 1)) * 180 / Double.pi
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
          """
          Unrolled, the unit is x_t = w^t·x₀: the same weight acts at every one of the t steps, so the \
          derivative collects one term per step (backpropagation through time sums them), each equal to \
          x₀·w^{t−1}.
          """
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
          """
          The gradient g = \(gradientText) is clipped by VALUE at c = \(Format.number(c)) (every \
          component clamped to [−c, c]). By what angle, in degrees, does clipping turn it (the angle \
          between g and the clipped gradient)?
          """,
        answerFormat: "degrees", predicted: angle, tolerance: 0.02,
        reasoning: [
          """
          Clamping each component to [−\(Format.number(c)), \(Format.number(c))] gives clip(g) = \
          \(vectorText(clamped)). The cosine of the angle between two vectors is their dot product over \
          the product of their norms, and the angle is its arccosine.
          """
        ],
        derivation:
          """
          θ = arccos(g·clip(g)/(‖g‖‖clip(g)‖)) = \
          arccos(\(Format.number(zip(g, clamped).map { $0 * $1 }.reduce(0, +)))/(\(Format.number(g.map { $0 * $0 }.reduce(0,
              +).squareRoot()))·\(Format.number(clamped.map { $0 * $0 }.reduce(0, +).squareRoot())))) \
          = arccos(\(Format.number(cosine))) in degrees
          """,
        mistakes: [
          .init(
            0, within: 0.05,
            hint:
              """
              An angle of 0 is what NORM clipping gives: it rescales the whole vector. Value clipping clamps \
              the large components only, which turns the vector.
              """
          ),
          .init(
            cosine, within: 0.005,
            hint: "That is the cosine of the angle; the question asks for the angle in degrees."),
          .init(
            Double.acos(Swift.min(cosine, 1)), within: 0.02 * Double.acos(Swift.min(cosine, 1)),
            hint: "That is the angle in radians; the question asks for degrees."),
        ]),
      Exercise(
        question:
          """
          The recurrent net of \(ClippingLesson.outline.reference([.unclipped, .sweep])) (network seed \
          \(config.seed), T = \(config.length), η = \(Format.number(config.learningRate)), \
          \(config.hidden) \(config.activation.name) units) blows up without clipping. Give a \
          norm-clipping threshold τ (--clip-norm) with which it learns the adding problem (a final test \
          loss, the mean of the last 3 evaluations, below 1/24) within \(exerciseSteps) steps.
          """,
        answerFormat: "τ",
        solution: {
          let mean = average.value
          let candidates = [mean, mean / 2, 2 * mean]
          let learned = candidates.first { runs[$0].learned(belowTestLoss: ClippingConfiguration.learnedLoss) }
          return WorkedSolution(
            [
              """
              Without clipping, the rare steps where the gradient norm spikes (the net crosses a cliff of the \
              loss, where W_rec's largest singular value passes the stability edge) throw W_rec so far that \
              training never recovers. Norm clipping keeps the direction of those steps and caps their length \
              at η·τ (Pascanu et al. 2013, Algorithm 1).
              """,
              """
              Pascanu et al. suggest a threshold near the average gradient norm: it leaves ordinary steps \
              alone and caps only the spikes. A probe run at η/10 (as in \
              \(ClippingLesson.outline.reference(.sweep))) measures ḡ = \(Format.number(mean)).
              """,
              learned.map {
                """
                A real run of \(exerciseSteps) steps with τ = \
                \(Format.number($0))\($0 == mean ? " (ḡ itself)" : $0 < mean ? " (ḡ/2)" : " (2ḡ)") learns the \
                task.
                """
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
            """
            A real run with τ = \(Format.number(answer)) reached a test loss below 1/24 at step \(reached) \
            and ended at \(Format.number(history.finalTestLoss(overLast: 3))) \
            (\(Format.percent(history.clippedFraction)) of the steps clipped).
            """
        } else if let reached {
          reason =
            """
            A real run with τ = \(Format.number(answer)) touched a test loss below 1/24 at step \(reached) \
            but did not stay there: its final test loss is \
            \(Format.number(history.finalTestLoss(overLast: 3))) \
            (\(Format.percent(history.clippedFraction)) of the steps clipped).
            """
        } else {
          reason =
            """
            A real run with τ = \(Format.number(answer)) stayed finite but never got below 1/24 (final test \
            loss \(Format.number(history.finalTestLoss)), \(Format.percent(history.clippedFraction)) of the \
            steps clipped).
            """
        }
        if !correct {
          reason +=
            history.clippedFraction < 0.05
            ? """
             Too few steps were clipped: a step of length η·τ can still throw W_rec off the cliff. Try a τ \
            near the average gradient norm (\(ClippingLesson.outline.reference(.sweep))'s ḡ).
            """
            : " Try a τ near the average gradient norm (\(ClippingLesson.outline.reference(.sweep))'s ḡ)."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        question:
          "A vanilla RNN with \(phiName) as φ. Below which largest singular value σ₁ of W_rec is the gradient through time guaranteed to vanish?",
        answerFormat: "σ₁", predicted: RecurrentTheory.vanishingThreshold(derivativeBound: gamma), tolerance: 0.01,
        reasoning: [
          """
          Back through one step, ∂h_t/∂h_{t−1} = W_recᵀ·diag(φ'(a_t)), whose norm is at most σ₁·γ with γ \
          = max|φ'|. So k steps back the gradient is bounded by (γσ₁)^k, which vanishes whenever γσ₁ < 1 \
          (Pascanu et al. 2013). Here \(phiBound).
          """
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
