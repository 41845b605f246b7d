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

  /// The exercises for a configuration.
  package static func all(_ config: InitializationConfiguration, train: Dataset) -> [Exercise] {
    let depth = config.depth
    let bias2 = config.biasVariance
    let batch = train.subset(0..<Swift.min(config.measurementBatch, train.count))
    return [
      Exercise(
        number: 1,
        question:
          "Deep tanh net, biases N(0, σ_b²) with σ_b² = \(Format.number(bias2)). Choose σ_w² (weights N(0, σ_w²/fan_in)) so that gradients neither explode nor vanish over \(depth) layers.",
        answerFormat: "σ_w²"
      ) { answer in
        guard answer > 0 && answer <= 100 else {
          return ExerciseVerdict(correct: false, reason: "σ_w² is a variance times fan-in: it must be in (0, 100].")
        }
        let chi = MeanField(.tanh, weightVariance: answer, biasVariance: bias2).chi1
        var single = config
        single.networksPerCase = 1
        let point = EdgeOfChaos.measure(single, gains2: [answer], depth: depth, batch: batch)[0]
        let ratio = point.gradientNorm[0] / point.gradientNorm[depth - 1]
        let theoryOK = abs(chi - 1) <= 0.02
        let runOK = ratio >= 1.0 / 3 && ratio <= 3
        let critical = config.criticalTanhGain2
        var reason =
          "χ₁ = \(Format.number(chi)) (\(theoryOK ? "within" : "not within") 2% of 1), and a real \(depth)-layer tanh net gives ‖g₁‖/‖g_L‖ = \(Format.number(ratio)) (\(runOK ? "inside" : "outside") [1/3, 3])."
        if !theoryOK {
          reason += " The edge of chaos at σ_b² = \(Format.number(bias2)) is σ_w² ≈ \(Format.number(critical))."
          if abs(answer - critical.squareRoot()) < 0.02 { reason += " You gave σ_w; the question asks for σ_w²." }
        }
        return ExerciseVerdict(correct: theoryOK && runOK, reason: reason)
      },
      .prediction(
        number: 2,
        question:
          "Predict the per-layer factor of the SQUARED back-propagated gradient norm ‖∂L/∂h_l‖² in a deep ReLU net with weights N(0, 4/fan_in).",
        answerFormat: "factor", predicted: PlainNetworkTheory.squaredGrowthPerLayer(.relu, gain2: 4), tolerance: 0.02,
        derivation: "σ_w²·E[relu'(h)²] = 4·½",
        mistakes: [
          .init(2.0.squareRoot(), within: 0.03, hint: "√2 is the factor of the norm; the squared norm grows by 2.")
        ]
      ),
      Exercise(
        number: 3,
        question:
          "Which init keeps a \(config.trainingDepth)-layer plain ReLU net trainable with SGD at lr \(Format.number(config.learningRate))? 1 = naive N(0,1), 2 = LeCun, 3 = Xavier, 4 = He, 5 = orthogonal. (Checked by training it for \(trainabilitySteps) steps: trainable means the mean loss of the last 20 steps is below 0.8·ln 10.)",
        answerFormat: "choice 1–5"
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
          "A real \(config.trainingDepth)-layer ReLU net from \(InitializationLesson.label(choice)) init ends at mean loss \(Format.number(loss)) after \(trainabilitySteps) steps (\(correct ? "below" : "not below") \(Format.number(threshold)))."
        if !correct {
          reason +=
            loss.isFinite
            ? " Its gradient shrinks ×√(σ_w²/2) per layer; only σ_w² = 2 (He) makes that 1 for ReLU."
            : " The run produced a non-finite value: unscaled weights overflow."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        number: 4,
        question:
          "Glorot & Bengio's \"standard\" init U[±1/√n_in] in tanh layers of equal width, in tanh's linear regime: by what factor does the back-propagated gradient VARIANCE shrink per layer?",
        answerFormat: "factor", predicted: 1.0 / 3, tolerance: 0.05,
        derivation: "Var[U[±a]] = a²/3, so n·Var[W] = 1/3 and the variance is multiplied by σ_w²·E[tanh'²] ≈ 1/3",
        mistakes: [
          .init(
            (1.0 / 3).squareRoot(), within: 0.02, hint: "0.577 = √(1/3) is the factor of the norm, not of the variance."
          )
        ]
      ),
      .prediction(
        number: 5,
        question:
          "Multiply two large N×N Gaussian matrices with entries N(0, 1/N). As N → ∞, what is the largest squared singular value of the product?",
        answerFormat: "number", predicted: RandomMatrixTheory.fussCatalanEdge(layers: 2), tolerance: 0.03,
        derivation: "The Fuss–Catalan edge (L+1)^(L+1)/L^L at L = 2 is 27/4",
        mistakes: [
          .init(
            4, within: 0.1,
            hint: "4 is the edge for ONE matrix (Marchenko–Pastur); multiplying spreads the spectrum further."),
          .init(1, within: 0.05, hint: "1 is the MEAN squared singular value; the largest is far above it."),
        ]
      ),
    ]
  }

  /// The mean loss of the last 20 of `trainabilitySteps` SGD steps of a deep ReLU net from `choice`
  /// (NaN if the run hit a non-finite value).
  package static func trainedLoss(_ config: InitializationConfiguration, choice: InitializerChoice, train: Dataset)
    -> Double
  {
    var rng = SeededGenerator(seed: config.seed &+ 90_000)
    let model = MLP.make(
      inputs: train.features, width: config.width, depth: config.trainingDepth, outputs: Digits.classes,
      activation: .relu, initializer: choice.initializer(weightStd: config.weightStd), using: &rng)
    let history = Trainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(config.learningRate)),
      steps: trainabilitySteps, batchSize: config.batchSize, batchSeed: config.seed &+ 90_001,
      clipping: config.clipping)
    guard history.nonFinite == nil else { return .nan }
    let last = history.steps.suffix(20).map(\.loss)
    return last.reduce(0, +) / Double(last.count)
  }
}
