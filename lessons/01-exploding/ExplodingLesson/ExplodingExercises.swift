import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 1. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ExplodingExercises {
  /// The number of exercises.
  package static let count = 5

  /// The nets exercise 1's root-mean-square ratio is taken over.
  package static let ratioNetworks = 32

  /// How each exercise changes with the variant: 3 and 4 draw their parameters from ranges; the
  /// others are properties of the lesson's own nets and runs.
  package static let variations: [ExerciseVariation] = [
    .shared("its answer is σ_w² = 1/E[φ'²] of the lesson's nonlinearity (2 for ReLU), the same for every variant"),
    .shared("its answer is the layer where the lesson's naive net overflows on the digits"),
    .varies(relativeTolerance: 0.02),
    .varies(relativeTolerance: 0.1),
    .shared("it is checked by training the lesson's own warm-up run, and many peaks are right"),
  ]

  /// Exercise 5's target: the warm-up run must end below this loss (mean of its last 20 steps):
  /// a peak of a fifth of the one that stays finite does not get there (quick mode's run is
  /// shorter, so its target is higher).
  package static func warmupLossTarget(_ config: ExplodingConfiguration) -> Double { config.quick ? 0.22 : 0.2 }

  /// The exercises of `variant` for a configuration (depth, width and activation follow the
  /// overrides). Exercises 3 and 4 change with the variant.
  package static func all(_ config: ExplodingConfiguration, digits: Dataset, variant: ExerciseVariant = .original)
    -> [Exercise]
  {
    let depth = config.depth
    let naive = Memo { ExplodingExperiments.naiveForward(config, digits: digits) }
    // σ_w² over a range of a factor 7 on a log scale: the answers √(σ_w²/2) of 30 variants
    // stay more than 2% apart; s and L spread s^L over e^±13.
    let gain2 = variant.draw(4, in: 2.2...16, spacing: .logarithmic, salt: 13)
    let scale = variant.draw(1.1, in: 0.8...1.25, spacing: .logarithmic, salt: 14, axis: .first)
    let count = variant.draw(50, in: 20...60, salt: 24, axis: .second)
    let derivative =
      config.activation == .relu
      ? "E[relu'(h)²] = ½ (relu' is 1 on half the inputs, 0 on the other half)"
      : "E[tanh'(h)²] ≈ 1 near the origin, where tanh'(0) = 1"
    return [
      Exercise(
        question:
          """
          Choose σ_w² (weights N(0, σ_w²/fan_in)) for a \(depth)-layer \(config.activation.name) net of \
          width \(config.width) so that the ratio of the first to the last layer's back-propagated \
          gradient norm ‖∂L/∂h₁‖/‖∂L/∂h_L‖, as a root mean square over \(ratioNetworks) random nets, lies \
          in [0.5, 2].
          """,
        answerFormat: "σ_w²",
        solution: {
          WorkedSolution(
            [
              """
              Going back one layer, ∂L/∂h_{l−1} = Wᵀ·(φ'(h_l) ⊙ ∂L/∂h_l). With W ~ N(0, σ_w²/n) each layer \
              multiplies the squared norm by σ_w²·E[φ'(h)²] on average, so the ratio over \(depth - 1) layers \
              is (σ_w²·E[φ'²])^((\(depth) − 1)/2).
              """,
              """
              That stays in [0.5, 2] over \(depth) layers only if the factor is 1 within about \
              \(Format.percent(Double.pow(2, 2 / Double(max(depth - 1, 1))) - 1)). Here \(derivative), so \
              σ_w² = 1/E[φ'²] = \(Format.number(config.criticalGain2)).
              """,
              """
              Why a root mean square over \(ratioNetworks) nets: the average (σ_w²·E[φ'²])^(L−1) is that of \
              the SQUARED ratio, and one net's ratio scatters around it (at width \(config.width) its log has \
              a standard deviation of about ½·√(5·\(depth - 1)/\(config.width)) = \
              \(Format.number(0.5 * (5 * Double(depth - 1) / Double(config.width)).squareRoot())), Hanin \
              2018), so even the right σ_w² can put a single net outside [0.5, 2].
              """,
            ], answer: config.criticalGain2)
        }
      ) { answer in
        guard answer > 0 else {
          return ExerciseVerdict(correct: false, reason: "σ_w² is a variance times fan-in: it must be positive.")
        }
        let ratio = ExplodingExperiments.rootMeanSquareRatio(
          config, gain2: answer, networks: ratioNetworks, digits: digits)
        let inRange = ratio >= 0.5 && ratio <= 2
        return ExerciseVerdict(
          correct: inRange,
          reason:
            """
            \(ratioNetworks) real \(depth)-layer nets with σ_w² = \(Format.number(answer)) give a \
            root-mean-square ‖∂L/∂h₁‖/‖∂L/∂h_L‖ of \(Format.number(ratio)), \
            \(inRange ? "inside" : "outside") [0.5, 2]. The theory: each layer multiplies the norm by \
            √(σ_w²·E[φ'²]), which is 1 only at σ_w² = \(Format.number(config.criticalGain2)).
            """
        )
      },
      Exercise(
        question:
          """
          With unscaled N(0, 1) weights (the documents' code), \(depth) \(config.activation.name) layers \
          of width \(config.width), and digits as input: at which hidden layer does the forward pass \
          first produce a non-finite value? (Answer \(depth + 1) if it never does.)
          """,
        answerFormat: "layer number",
        solution: {
          let result = naive.value
          let prediction = ExplodingExperiments.naivePrediction(
            config, inputSquaredNorm: result.inputSquaredNorm, valuesPerLayer: result.valuesPerLayer)
          let measured = result.firstNonFiniteLayer ?? (depth + 1)
          return WorkedSolution(
            [
              """
              Unscaled N(0, 1) weights have σ_w² = fan_in = \(config.width), so from layer 2 on each layer \
              multiplies the mean square by \(config.width)·E[φ(h)²]/E[h²] = \
              \(Format.number(prediction.growth)): E[h_l²] = ‖x₀‖²·\(Format.number(prediction.growth))^(l−1), \
              with ‖x₀‖² = \(Format.number(result.inputSquaredNorm)) for the digits.
              """,
              """
              Float32 overflows at 3.4e38. The mean square passes it at layer \(prediction.meanSquareLayer), \
              but a layer overflows when its LARGEST value does: of N = \(result.valuesPerLayer) Gaussian \
              values the largest is about √(2 ln N)·√E[h²], which passes 3.4e38 at layer \
              \(prediction.valueLayer).
              """,
              """
              The real forward pass (the experiment this lesson runs) confirms it: the first non-finite value \
              appears at hidden layer \
              \(measured)\(result.firstNonFiniteLayer == nil ? " (it never does: answer depth + 1)" : "").
              """,
            ], answer: Double(measured))
        }
      ) { answer in
        let result = naive.value
        let measured = result.firstNonFiniteLayer ?? (depth + 1)
        let prediction = ExplodingExperiments.naivePrediction(
          config, inputSquaredNorm: result.inputSquaredNorm, valuesPerLayer: result.valuesPerLayer)
        let correct = abs(answer - Double(measured)) <= 1
        var reason = "The real forward pass first produces a non-finite value at hidden layer \(measured)."
        if !correct && abs(answer - Double(prediction.meanSquareLayer)) <= 1 {
          reason +=
            """
             Layer \(prediction.meanSquareLayer) is where the MEAN SQUARE E[h²] passes 3.4e38; the values \
            themselves are only √ of that and overflow about twice as deep.
            """
        } else {
          reason +=
            """
             Theory: E[h_l²] = ‖x₀‖²·\(Format.number(prediction.growth))^(l−1), and the largest of \
            \(result.valuesPerLayer) Gaussian values is about √(2 ln N)·√E[h²]; it passes 3.4e38 at layer \
            \(prediction.valueLayer).
            """
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        question:
          "Predict the per-layer growth factor of the back-propagated gradient NORM in a deep ReLU net with σ_w² = \(Format.number(gain2)).",
        answerFormat: "factor", predicted: PlainNetworkTheory.normGrowthPerLayer(.relu, gain2: gain2), tolerance: 0.02,
        reasoning: [
          """
          One layer back, the squared norm is multiplied by σ_w²·E[relu'(h)²] on average: n·Var[W] = \
          σ_w², and relu' is 1 on half of the units and 0 on the others, so E[relu'²] = ½. The norm grows \
          by the square root of that.
          """
        ],
        derivation: "√(σ_w²·E[relu'(h)²]) = √(\(Format.number(gain2))·½)",
        mistakes: [
          .init(
            gain2 / 2, within: 0.02 * gain2 / 2,
            hint: "\(Format.number(gain2 / 2)) is the factor of the SQUARED norm; the norm grows by its square root.")
        ]
      ),
      .prediction(
        question:
          """
          A vector is multiplied by \(count) random matrices with entries N(0, \
          \(Format.number(scale))²/n). By what factor does its norm grow, according to the theory for \
          wide matrices?
          """,
        answerFormat: "factor", predicted: Double.pow(scale, Double(count)), tolerance: 0.1,
        reasoning: [
          """
          For a wide matrix W with entries N(0, s²/n), ‖Wx‖² ≈ s²‖x‖²: each of the n outputs is a sum of \
          n terms of variance s²x_j²/n. So each matrix multiplies the norm by s, and L of them by s^L \
          (\(ExplodingLesson.outline.reference(.products)) measures a slightly smaller geometric mean at \
          finite width: e^(−L/2n) lower).
          """
        ],
        derivation: "s^L = \(Format.number(scale))^\(count)",
        mistakes: [
          .init(
            Double.pow(scale * scale, Double(count)), within: 0.1 * Double.pow(scale * scale, Double(count)),
            hint: "s^(2L) is the growth of the SQUARED norm.")
        ]
      ),
      warmupExercise(config, digits: digits),
    ]
  }

  /// Exercise 5: a peak step for `.midTraining`'s warm-up that neither explodes nor crawls, checked by
  /// training the net with it (one run, the lesson's seed).
  static func warmupExercise(_ config: ExplodingConfiguration, digits: Dataset) -> Exercise {
    let setup = config.midTraining
    let target = warmupLossTarget(config)
    let step = ExplodingLesson.outline.reference(.midTraining)
    @Sendable func train(peak: Double) -> MidTrainingExplosion.Run {
      var run = setup
      run.schedule = .linearWarmup(to: peak, over: setup.schedule.warmupSteps)
      return MidTrainingExplosion.run(
        run, variant: .baseline, train: digits, seed: config.seed, measuresSharpness: false)
    }
    return Exercise(
      question:
        """
        In \(step) the warm-up to η = \(Format.number(setup.schedule.peak)) over \
        \(setup.schedule.warmupSteps) steps explodes. Choose a peak η for the same warm-up so that the \
        \(setup.steps)-step run stays finite and ends with a loss (mean of its last 20 steps) below \
        \(Format.number(target)).
        """,
      answerFormat: "peak η",
      solution: {
        // The flattest sharpness the exploding warm-up reached, and η·λ_max while it rode the edge.
        let baseline = MidTrainingExplosion.run(setup, variant: .baseline, train: digits, seed: config.seed)
        let flattest = baseline.flattest?.sharpness ?? .nan
        let products = zip(baseline.sharpnessSteps, baseline.stepTimesSharpness).filter { step, _ in
          step >= 10 && step <= (baseline.flattest?.step ?? 0)
        }.map(\.1).filter(\.isFinite).sorted()
        let edge = products.isEmpty ? 3 : products[products.count / 2]
        let estimate = edge / flattest
        let answer = setup.schedule.peak / setup.smallerStepDivisor
        let run = train(peak: answer)
        return WorkedSolution(
          [
            """
            The warm-up run survives while the net can flatten itself to follow 2/η. Measured on the \
            lesson's seed: λ_max fell from \(Format.number(baseline.initialSharpness)) at step 0 to \
            \(Format.number(flattest)) before it stopped falling, with η·λ_max riding near \
            \(Format.number(edge)). A peak with η·λ_max at most that at the floor, η ≈ \
            \(Format.number(edge))/\(Format.number(flattest)) = \(Format.number(estimate)), never pushes \
            the net past the flattest region it can reach.
            """,
            """
            Too small a peak is safe but slow (try a fifth of it: it does not get below \
            \(Format.number(target)) in \(setup.steps) steps). The lesson's smaller step, \
            \(Format.number(answer)), is in between; this run with it ended \
            \(run.explosionStep.map { "with an explosion at step \($0)" } ?? "finite, with a loss of \(Format.number(run.finalLoss))").
            """,
          ], answer: answer)
      }
    ) { answer in
      guard answer > 0, answer.isFinite else {
        return ExerciseVerdict(correct: false, reason: "A step size must be positive.")
      }
      let run = train(peak: answer)
      if let exploded = run.explosionStep {
        return ExerciseVerdict(
          correct: false,
          reason:
            """
            With a peak of \(Format.number(answer)) the run exploded at step \(exploded) (η = \
            \(Format.number(run.history.steps[exploded].learningRate ?? .nan))): the step outgrew the \
            flattest region the net can reach. Choose a smaller peak.
            """
        )
      }
      let loss = run.finalLoss
      let correct = loss < target
      return ExerciseVerdict(
        correct: correct,
        reason:
          """
          With a peak of \(Format.number(answer)) the run stayed finite and ended with a loss of \
          \(Format.number(loss)), \(correct ? "below" : "not below") \
          \(Format.number(target))\(correct ? "." : ": too small a step is safe but does not learn enough in \(setup.steps) steps; choose a larger peak.")
          """
      )
    }
  }
}
