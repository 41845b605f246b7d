import NeuralNet
import Notebook
import Theory

/// The exercises of lesson 3. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum BatchNormExercises {
  /// The number of exercises.
  package static let count = 4

  /// The exercises for a configuration.
  package static func all(_ config: BatchNormConfiguration, train: Dataset, test: Dataset) -> [Exercise] {
    [
      .prediction(
        number: 1,
        question:
          "A deep BN-ReLU net without skip connections, at initialization, batch size B = 16: by what factor does the SQUARED gradient norm grow per layer going backward (Yang et al.'s λ)?",
        answerFormat: "λ", predicted: BatchNormTheory.gradientGrowth(.relu, batchSize: 16), tolerance: 0.02,
        derivation: "Theorem 8 gives λ(16)",
        mistakes: [
          .init(
            BatchNormTheory.gradientGrowth(.relu, batchSize: 16).squareRoot(), within: 0.02,
            hint: "That is the factor of the norm; λ is for the squared norm."),
          .init(
            BatchNormTheory.gradientGrowth(.linear, batchSize: 16), within: 0.01,
            hint: "(B−2)/(B−3) is the LINEAR case; ReLU grows faster."),
          .init(0.5, within: 0.5, hint: "BN nets without skip connections explode at init: λ > 1 for every B."),
        ]
      ),
      Exercise(
        number: 2,
        question:
          "Find a learning rate at which the plain \(config.sweepDepth)-layer net of \(BatchNormLesson.outline.reference(.learningRates)) does NOT train but the same net with batch norm DOES (\(config.sweepSteps) steps; trained = final loss below \(Format.number(TrainedRun.trainedLoss))).",
        answerFormat: "learning rate"
      ) { answer in
        guard answer > 0 && answer <= 100 else {
          return ExerciseVerdict(correct: false, reason: "A learning rate must be in (0, 100].")
        }
        var single = config
        single.sweepRates = [answer]
        let runs = LearningRateSweep.run(single, train: train, test: test)
        let plain = runs[0].runs[0]
        let bn = runs[1].runs[0]
        let correct = !plain.trained && bn.trained
        func describe(_ r: TrainedRun) -> String {
          r.history.nonFinite.map { "goes non-finite at step \($0.step)" }
            ?? "ends at loss \(Format.number(r.finalLoss))"
        }
        return ExerciseVerdict(
          correct: correct,
          reason:
            "At lr \(Format.number(answer)) the plain net \(describe(plain)) and the BN net \(describe(bn)). \(correct ? "BN's scale invariance lets it take steps the plain net cannot." : plain.trained ? "The plain net still trains here: try larger." : "The BN net does not train here either: try smaller.")"
        )
      },
      Exercise(
        number: 3,
        question:
          "Train \(BatchNormLesson.outline.reference(.evaluationMode))'s 4-layer BN net, then score the test digits in TRAINING mode one example at a time (batches of 1). What accuracy do you get, as a fraction (e.g. 0.5)?",
        answerFormat: "fraction"
      ) { answer in
        let result = EvaluationMode.run(config, train: train, test: test)
        let measured = result.trainingModeAccuracy[result.batchSizes.firstIndex(of: 1) ?? 0]
        let correct = abs(answer - measured) <= 0.02
        var reason =
          "The real run gives \(Format.number(measured)) (eval mode: \(Format.number(result.evaluationAccuracy.last ?? .nan))); your answer is \(correct ? "within" : "outside") 0.02."
        if !correct {
          reason +=
            " With one example, x − μ = 0 for every feature: every input is normalized to β, so the net predicts one class for all digits, right only for that class's share of the test set."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        number: 4,
        question:
          "The same deep BN net with LINEAR activations, batch size 8: what is λ, the per-layer growth of the squared gradient norm at init?",
        answerFormat: "λ", predicted: BatchNormTheory.gradientGrowth(.linear, batchSize: 8), tolerance: 0.02,
        derivation: "(B−2)/(B−3) = 6/5",
        mistakes: [
          .init(
            1, within: 0.01, hint: "A linear net with BN is not neutral: BN's projection still makes gradients grow.")
        ]
      ),
    ]
  }
}
