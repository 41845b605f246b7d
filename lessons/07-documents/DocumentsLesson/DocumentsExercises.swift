import NeuralNet
import Notebook

/// The exercises of lesson 7. Each answer is checked by a property of the real model or the real
/// early-stopping rule, never by matching text.
package enum DocumentsExercises {
  /// The number of exercises.
  package static let count = 3
  /// The validation losses of exercise 3.
  package static let validationLosses = [1.0, 0.8, 0.85, 0.82, 0.9, 0.79, 0.83, 0.84, 0.86]

  /// The epoch (from 0) whose weights early stopping with `patience` keeps on `losses`, and whether
  /// it stopped before the end.
  package static func earlyStopping(patience: Int, losses: [Double]) -> (best: Int?, stoppedAt: Int?) {
    var stopper = EarlyStopping(patience: patience)
    for (i, loss) in losses.enumerated() where stopper.observe(loss) == .stop && i + 1 < losses.count {
      return (stopper.bestIndex, i)
    }
    return (stopper.bestIndex, nil)
  }

  /// The exercises for a configuration.
  package static func all(_ config: DocumentsConfiguration) -> [Exercise] {
    let model = DocumentsCNN.make(seed: config.seed)
    let parameterCount = model.parameterCount
    let convOutputs = DocumentsCNN.expectedSummary()[0].outputsPerImage
    let losses = validationLosses
    let bestIndex = losses.indices.min { losses[$0] < losses[$1] }!
    return [
      .prediction(
        number: 1,
        question:
          "How many trainable parameters does the documents' CNN have? Conv2D(32, 3×3) on 28×28×1, GlobalAveragePooling2D, Dense(64), Dense(10), all with biases.",
        answerFormat: "parameters", predicted: Double(parameterCount), tolerance: 0,
        derivation: "3·3·1·32 + 32 = 320, 32·64 + 64 = 2112, 64·10 + 10 = 650: 320 + 2112 + 650",
        mistakes: [
          .init(
            Double(320 + 26 * 26 * 32 * 64 + 64 + 650), within: 1000,
            hint:
              "Global average pooling leaves 32 numbers, one per channel, not 26·26·32: the dense layer has 32 inputs."),
          .init(Double(288 + 2048 + 640), within: 0.5, hint: "Each layer also has one bias per output."),
        ]),
      .prediction(
        number: 2,
        question:
          "Conv2D(32, (3, 3)) with Keras' default padding on a 28×28×1 image: how many numbers does it output per image?",
        answerFormat: "values", predicted: Double(convOutputs), tolerance: 0,
        derivation: "'valid' padding: (28 − 3 + 1)² pixels × 32 channels = 26·26·32",
        mistakes: [
          .init(
            Double(28 * 28 * 32), within: 0.5,
            hint: "Keras' default padding is 'valid', not 'same': the image shrinks to 26×26."),
          .init(Double(26 * 26), within: 0.5, hint: "Each of the 32 filters produces its own 26×26 map."),
        ]),
      Exercise(
        number: 3,
        question:
          "Validation losses after epochs 1…\(losses.count): \(losses.map { Format.number($0) }.joined(separator: ", ")). What is the smallest EarlyStopping patience with which training reaches (and keeps) the best epoch, epoch \(bestIndex + 1)?",
        answerFormat: "patience"
      ) { answer in
        guard answer >= 1 && answer <= 100 && answer == answer.rounded() else {
          return ExerciseVerdict(correct: false, reason: "A patience is a whole number of epochs from 1 to 100.")
        }
        let patience = Int(answer)
        let run = earlyStopping(patience: patience, losses: losses)
        let smaller = patience > 1 ? earlyStopping(patience: patience - 1, losses: losses) : nil
        let reaches = run.best == bestIndex
        let correct = reaches && (smaller.map { $0.best != bestIndex } ?? true)
        var reason =
          "With patience \(patience) the rule \(run.stoppedAt.map { "stops after epoch \($0 + 1)" } ?? "runs every epoch") and keeps epoch \(run.best.map { "\($0 + 1)" } ?? "–")."
        if reaches && !correct { reason += " A smaller patience also reaches it." }
        if !reaches {
          reason += " It stops before epoch \(bestIndex + 1): count the epochs without improvement after epoch 2's 0.8."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
    ]
  }
}
