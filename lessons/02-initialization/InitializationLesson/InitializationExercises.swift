import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 2. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum InitializationExercises {
  /// The number of exercises.
  package static let count = 5

  /// The inits of exercise 3, numbered as in its question.
  package static let trainabilityChoices: [InitializerChoice] = [.naive, .lecun, .xavier, .he, .orthogonal]

  /// Steps of the training run that checks exercise 3.
  package static let trainabilitySteps = 200

  /// How close to the edge of chaos exercise 1's σ_w² must be (relative).
  package static let edgeTolerance = 0.015

  /// How each exercise changes with the variant: all but 3 draw their parameters from ranges.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: edgeTolerance),
    .varies(relativeTolerance: 0.02),
    .shared("its answer is He init, the one init whose σ_w²·E[relu'²] is 1, in every variant"),
    .varies(relativeTolerance: 0.05),
    .varies(relativeTolerance: 0.03),
  ]

  /// The exercises of `variant` for a configuration. Exercises 1, 2, 4 and 5 change with the variant.
  package static func all(
    _ config: InitializationConfiguration, train: Dataset, variant: ExerciseVariant = .original
  ) -> [Exercise] {
    let depth = config.depth
    let bias2 = variant.draw(config.biasVariance, in: 0.005...2, spacing: .logarithmic, digits: 2, salt: 21)
    let critical = MeanField.criticalWeightVariance(.tanh, biasVariance: bias2)
    let reluGain2 = variant.draw(4, in: 1.5...12, spacing: .logarithmic, salt: 22)
    let uniformBound = variant.draw(1, in: 0.5...3, spacing: .logarithmic, salt: 24)
    let uniformFactor = uniformBound * uniformBound / 3
    // L matrices with entries N(0, s²/N): the edge scales by s^(2L).
    let matrices = variant.draw(2, in: 2...10, salt: 25, axis: .second)
    let matrixScale = variant.draw(1, in: 0.7...1.4, spacing: .logarithmic, salt: 26, axis: .first)
    let edgeScale = Double.pow(matrixScale, Double(2 * matrices))
    let edge = edgeScale * RandomMatrixTheory.fussCatalanEdge(layers: matrices)
    let entries = matrixScale == 1 ? "N(0, 1/N)" : "N(0, \(Format.number(matrixScale))²/N)"
    let boundText = uniformBound == 1 ? "1" : Format.number(uniformBound)
    let batch = train.subset(0..<Swift.min(config.measurementBatch, train.count))
    return [
      Exercise(
        question:
          """
          Deep tanh net, biases N(0, σ_b²) with σ_b² = \(Format.number(bias2)). Choose σ_w² (weights N(0, \
          σ_w²/fan_in)) so that gradients neither explode nor vanish over \(depth) layers.
          """,
        answerFormat: "σ_w²",
        solution: {
          let meanField = MeanField(.tanh, weightVariance: critical, biasVariance: bias2)
          return WorkedSolution(
            [
              """
              In a wide tanh net the pre-activations' variance settles at the fixed point q* of q = \
              σ_w²·E_z[tanh(√q·z)²] + σ_b², and each layer multiplies the squared gradient norm by χ₁ = \
              σ_w²·E_z[tanh'(√q*·z)²] (Poole et al. 2016; Schoenholz et al. 2017). Gradients neither explode \
              nor vanish at χ₁ = 1, the edge of chaos.
              """,
              """
              Solve the two together (a fixed-point iteration for q*, Gauss–Hermite quadrature for the \
              expectations, bisection on σ_w²): at σ_b² = \(Format.number(bias2)) the edge is σ_w² = \
              \(Format.number(critical, digits: 6)), where q* = \
              \(Format.number(meanField.fixedPoint ?? .nan)) and χ₁ = \(Format.number(meanField.chi1)). It is \
              above 1 because σ_b² > 0 pushes q* out of tanh's linear range, where tanh'² < 1.
              """,
            ], answer: critical)
        }
      ) { answer in
        guard answer > 0 && answer <= 100 else {
          return ExerciseVerdict(correct: false, reason: "σ_w² is a variance times fan-in: it must be in (0, 100].")
        }
        let chi = MeanField(.tanh, weightVariance: answer, biasVariance: bias2).chi1
        var single = config
        single.networksPerCase = 1
        single.biasVariance = bias2
        let point = EdgeOfChaos.measure(single, gains2: [answer], depth: depth, batch: batch)[0]
        let ratio = point.gradientNorm[0] / point.gradientNorm[depth - 1]
        let theoryOK = abs(answer - critical) <= edgeTolerance * critical
        let runOK = ratio >= 1.0 / 3 && ratio <= 3
        var reason =
          """
          At σ_w² = \(Format.number(answer)), χ₁ = \(Format.number(chi)); the edge of chaos (χ₁ = 1) at \
          σ_b² = \(Format.number(bias2)) is σ_w² = \(Format.number(critical)), and your answer is \
          \(theoryOK ? "within" : "outside") \(Format.percent(edgeTolerance)) of it. A real \
          \(depth)-layer tanh net gives ‖g₁‖/‖g_L‖ = \(Format.number(ratio)) \
          (\(runOK ? "inside" : "outside") [1/3, 3]).
          """
        if theoryOK && !runOK {
          reason += " The run's ratio is outside [1/3, 3] although the theory is met: a finite net fluctuates."
        }
        let gaveStd = !theoryOK && abs(answer - critical.squareRoot()) < 0.02
        return ExerciseVerdict(
          correct: theoryOK && runOK, reason: reason,
          mistake: gaveStd ? "You gave σ_w; the question asks for σ_w²." : nil)
      },
      .prediction(
        question:
          """
          Predict the per-layer factor of the SQUARED back-propagated gradient norm ‖∂L/∂h_l‖² in a deep \
          ReLU net with weights N(0, \(Format.number(reluGain2))/fan_in).
          """,
        answerFormat: "factor", predicted: PlainNetworkTheory.squaredGrowthPerLayer(.relu, gain2: reluGain2),
        tolerance: 0.02,
        reasoning: [
          """
          ∂L/∂h_{l−1} = Wᵀ·(relu'(h_l) ⊙ ∂L/∂h_l): with n·Var[W] = σ_w² and relu' equal to 1 on half of \
          the units, 0 on the rest, E[relu'²] = ½ and the squared norm is multiplied by σ_w²·½ per layer.
          """
        ],
        derivation: "σ_w²·E[relu'(h)²] = \(Format.number(reluGain2))·½",
        mistakes: [
          .init(
            (reluGain2 / 2).squareRoot(), within: 0.015 * (reluGain2 / 2).squareRoot(),
            hint:
              "\(Format.number((reluGain2 / 2).squareRoot())) is the factor of the norm; the squared norm grows by its square."
          )
        ]
      ),
      Exercise(
        question:
          """
          Which init keeps a \(config.trainingDepth)-layer plain ReLU net trainable with SGD at lr \
          \(Format.number(config.learningRate))? 1 = naive N(0,1), 2 = LeCun, 3 = Xavier, 4 = He, 5 = \
          orthogonal. (Checked by training it for \(trainabilitySteps) steps: trainable means the mean \
          loss of the last 20 steps is below 0.8·ln 10.)
          """,
        answerFormat: "choice 1–5",
        solution: {
          WorkedSolution(
            [
              """
              A plain ReLU net multiplies the squared gradient norm by σ_w²·½ per layer (relu' is 1 on half \
              of the units), so over \(config.trainingDepth) layers by (σ_w²/2)^\(config.trainingDepth - 1): \
              naive N(0, 1) weights (σ_w² = fan_in) overflow at once, LeCun and Xavier (σ_w² ≈ 1) shrink the \
              gradient by about 2^−\((config.trainingDepth - 1) / 2) in norm, and orthogonal weights (gain 1) \
              shrink it like σ_w² = 1.
              """,
              "Only He (σ_w² = 2) makes the factor 1, so the first layers get gradients as large as the last: choice 4.",
            ], answer: 4)
        }
      ) { answer in
        guard answer == answer.rounded(), (1...Double(trainabilityChoices.count)).contains(answer) else {
          return ExerciseVerdict(
            correct: false, reason: "Answer with the number of one init, 1 to \(trainabilityChoices.count).")
        }
        let choice = trainabilityChoices[Int(answer) - 1]
        let loss = trainedLoss(config, choice: choice, train: train)
        let threshold = 0.8 * Double.log(10)
        let correct = loss.isFinite && loss < threshold
        var reason =
          """
          A real \(config.trainingDepth)-layer ReLU net from \(choice.name) init ends at mean loss \
          \(Format.number(loss)) after \(trainabilitySteps) steps (\(correct ? "below" : "not below") \
          \(Format.number(threshold))).
          """
        if !correct {
          reason +=
            loss.isFinite
            ? " Its gradient shrinks ×√(σ_w²/2) per layer; only σ_w² = 2 (He) makes that 1 for ReLU."
            : " The run produced a non-finite value: unscaled weights overflow."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        question:
          """
          Glorot & Bengio's \"standard\" init, scaled: U[±\(boundText)/√n_in] in tanh layers of equal \
          width, in tanh's linear regime. By what factor is the back-propagated gradient VARIANCE \
          multiplied per layer?
          """,
        answerFormat: "factor", predicted: uniformFactor, tolerance: 0.05,
        reasoning: [
          """
          A uniform U[±a] has variance a²/3. With a = \(boundText)/√n, n·Var[W] = \(boundText)²/3, and in \
          tanh's linear regime tanh' ≈ 1, so the back-propagated variance is multiplied by \
          n·Var[W]·E[tanh'²].
          """
        ],
        derivation: "n·Var[W] = \(boundText)²/3",
        mistakes: [
          .init(
            uniformFactor.squareRoot(), within: 0.02 * uniformFactor.squareRoot(),
            hint: "\(Format.number(uniformFactor.squareRoot())) is the factor of the norm, not of the variance.")
        ]
      ),
      .prediction(
        question:
          "Multiply \(matrices) large N×N Gaussian matrices with entries \(entries). As N → ∞, what is the largest squared singular value of the product?",
        answerFormat: "number", predicted: edge, tolerance: 0.03,
        reasoning: [
          """
          The squared singular values of a product of L independent square Gaussian matrices with entries \
          N(0, 1/N) follow the Fuss–Catalan law of order L (L = 1 is Marchenko–Pastur, edge 4); its \
          support ends at (L+1)^(L+1)/L^L (Penson & Życzkowski 2011).
          """
        ]
          + (matrixScale == 1
            ? []
            : [
              """
              Entries N(0, s²/N) are s times entries N(0, 1/N), so the product is s^L times theirs and its \
              squared singular values s^(2L) times: s^(2L) = \(Format.number(matrixScale))^\(2 * matrices) = \
              \(Format.number(edgeScale)).
              """
            ]),
        derivation: matrixScale == 1
          ? "(L+1)^(L+1)/L^L at L = \(matrices)"
          : "s^(2L)·(L+1)^(L+1)/L^L at s = \(Format.number(matrixScale)), L = \(matrices)",
        mistakes: [
          .init(
            4 * matrixScale * matrixScale, within: 0.1,
            hint: "That is the edge for ONE matrix (Marchenko–Pastur); multiplying spreads the spectrum further."),
          .init(
            edgeScale, within: 0.05 * edgeScale,
            hint: "That is the MEAN squared singular value; the largest is far above it."),
          .init(
            RandomMatrixTheory.fussCatalanEdge(layers: matrices),
            within: 0.03 * RandomMatrixTheory.fussCatalanEdge(layers: matrices),
            hint:
              "That is the edge for entries N(0, 1/N); the scale s multiplies every squared singular value by s^(2L)."),
        ]
      ),
    ]
  }

  /// The mean loss of the last 20 of `trainabilitySteps` SGD steps of a deep ReLU net from `choice`
  /// (NaN if the run hit a non-finite value).
  package static func trainedLoss(_ config: InitializationConfiguration, choice: InitializerChoice, train: Dataset)
    -> Double
  {
    var rng = SeededGenerator(seed: config.seed, stream: "trainability weights")
    let model = MLP.make(
      inputs: train.features, width: config.width, depth: config.trainingDepth, outputs: Digits.classes,
      activation: .relu, initializer: choice.initializer(weightStd: config.weightStd), using: &rng)
    let history = Trainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(config.learningRate)),
      steps: trainabilitySteps, batchSize: config.batchSize,
      batchSeed: SeededGenerator.streamSeed(config.seed, "trainability batches"),
      clipping: config.clipping)
    guard history.nonFinite == nil else { return .nan }
    let last = history.steps.suffix(20).map(\.loss)
    return last.reduce(0, +) / Double(last.count)
  }
}
