import NeuralNet
import Notebook

/// The exercises of lesson 7. Each answer is checked by a property of the real model or the real
/// early-stopping rule, never by matching text.
package enum DocumentsExercises {
  /// The number of exercises.
  package static let count = 3
  /// The validation losses of exercise 3 (variant 0).
  package static let validationLosses = [1.0, 0.8, 0.85, 0.82, 0.9, 0.79, 0.83, 0.84, 0.86]
  /// Exercise 3's validation losses, variant 0 first.
  package static let validationLossCases: [[Double]] = [
    validationLosses,
    [0.9, 0.7, 0.75, 0.72, 0.74, 0.69, 0.8, 0.81],
    [1.0, 0.9, 0.95, 0.85, 0.88, 0.91, 0.87, 0.9],
    [0.7, 0.65, 0.66, 0.67, 0.68, 0.69, 0.64, 0.7],
    [1.2, 1.0, 0.95, 1.01, 0.97, 0.99, 0.93, 0.96, 0.98, 1.0],
    [0.6, 0.5, 0.52, 0.49, 0.55, 0.56, 0.51, 0.53],
  ]
  /// How each exercise changes with the variant: 1 and 2 draw a network's sizes (their answers
  /// are exact counts); 3 draws from a few loss curves, whose answers are small patiences.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: 0),
    .varies(relativeTolerance: 0),
    .shared(
      "its answer is a patience of a few epochs: the losses change with the variant, but a class shares its few possible answers"
    ),
  ]

  /// The parameters of Conv2D(f, 3×3) on one channel, global average pooling, Dense(h), Dense(10),
  /// all with biases: (9 + 1)·f + (f + 1)·h + (h + 1)·10.
  package static func parameterCount(filters f: Int, hidden h: Int) -> Int { 10 * f + (f + 1) * h + (h + 1) * 10 }

  /// The smallest patience with which early stopping keeps the best epoch of `losses`.
  package static func smallestPatience(_ losses: [Double]) -> Int {
    let best = losses.indices.min { losses[$0] < losses[$1] }!
    return (1...losses.count).first { earlyStopping(patience: $0, losses: losses).best == best } ?? losses.count
  }

  /// The epoch (from 0) whose weights early stopping with `patience` keeps on `losses`, and whether
  /// it stopped before the end.
  package static func earlyStopping(patience: Int, losses: [Double]) -> (best: Int?, stoppedAt: Int?) {
    var stopper = EarlyStopping(patience: patience)
    for (i, loss) in losses.enumerated() where stopper.observe(loss) == .stop && i + 1 < losses.count {
      return (stopper.bestIndex, i)
    }
    return (stopper.bestIndex, nil)
  }

  /// The exercises of `variant` for a configuration; all three change with the variant. Variant
  /// 0's numbers are the documents' CNN's, checked against the real model in the tests.
  package static func all(_ config: DocumentsConfiguration, variant: ExerciseVariant = .original) -> [Exercise] {
    let f = variant.draw(32, in: 4...96, salt: 71, axis: .first)
    let h = variant.draw(64, in: 8...256, salt: 81, axis: .second)
    let count = parameterCount(filters: f, hidden: h)
    let filters = variant.draw(32, in: 4...96, salt: 72, axis: .first)
    let kernel = 2 * variant.draw(1, in: 1...5, salt: 82, axis: .second) + 1
    let side = 28 - kernel + 1
    let convOutputs = side * side * filters
    let losses = variant.pick(validationLossCases, salt: 73)
    let bestIndex = losses.indices.min { losses[$0] < losses[$1] }!
    let patience = smallestPatience(losses)
    return [
      .prediction(
        question:
          """
          How many trainable parameters does \(f == 32 && h == 64 ? "the documents' CNN" : "this CNN") \
          have? Conv2D(\(f), 3×3) on 28×28×1, GlobalAveragePooling2D, Dense(\(h)), Dense(10), all with \
          biases.
          """,
        answerFormat: "parameters", predicted: Double(count), tolerance: 0,
        reasoning: [
          """
          A convolution has one 3×3×1 kernel and one bias per filter; global average pooling has no \
          parameters and leaves one number per channel, \(f) in all; a dense layer has inputs × outputs \
          weights and one bias per output.
          """
        ],
        derivation:
          "3·3·1·\(f) + \(f) = \(10 * f), \(f)·\(h) + \(h) = \((f + 1) * h), \(h)·10 + 10 = \((h + 1) * 10): \(10 * f) + \((f + 1) * h) + \((h + 1) * 10)",
        mistakes: [
          .init(
            Double(10 * f + 26 * 26 * f * h + h + 10 * h + 10), within: 1000,
            hint:
              "Global average pooling leaves \(f) numbers, one per channel, not 26·26·\(f): the dense layer has \(f) inputs."
          ),
          .init(Double(9 * f + f * h + 10 * h), within: 0.5, hint: "Each layer also has one bias per output."),
        ]),
      .prediction(
        question:
          "Conv2D(\(filters), (\(kernel), \(kernel))) with Keras' default padding on a 28×28×1 image: how many numbers does it output per image?",
        answerFormat: "values", predicted: Double(convOutputs), tolerance: 0,
        reasoning: [
          """
          Keras' default padding is 'valid': the kernel is only placed where it fits entirely inside the \
          image, so a \(kernel)×\(kernel) kernel has 28 − \(kernel) + 1 = \(side) positions per side; \
          each of the \(filters) filters gives its own \(side)×\(side) map.
          """
        ],
        derivation: "(28 − \(kernel) + 1)² pixels × \(filters) channels = \(side)·\(side)·\(filters)",
        mistakes: [
          .init(
            Double(28 * 28 * filters), within: 0.5,
            hint: "Keras' default padding is 'valid', not 'same': the image shrinks to \(side)×\(side)."),
          .init(
            Double(side * side), within: 0.5,
            hint: "Each of the \(filters) filters produces its own \(side)×\(side) map."),
        ]),
      Exercise(
        question:
          """
          Validation losses after epochs 1…\(losses.count): \
          \(losses.map { Format.number($0) }.joined(separator: ", ")). What is the smallest EarlyStopping \
          patience with which training reaches (and keeps) the best epoch, epoch \(bestIndex + 1)?
          """,
        answerFormat: "patience",
        solution: {
          let before = losses[..<bestIndex]
          let bestBefore = before.indices.min { before[$0] < before[$1] }
          let gap = bestBefore.map { bestIndex - $0 - 1 } ?? 0
          return WorkedSolution(
            [
              """
              EarlyStopping(patience: p) stops after p epochs in a row without a new best validation loss and \
              keeps the best epoch's weights (restore_best_weights). To reach epoch \(bestIndex + 1) (loss \
              \(Format.number(losses[bestIndex]))) it must not stop on the way there.
              """,
              bestBefore.map {
                """
                Before it, the best is epoch \($0 + 1)'s \(Format.number(losses[$0])), followed by \(gap) \
                epoch\(gap == 1 ? "" : "s") without improvement; the rule survives them only if p > \(gap) (a \
                longer run of non-improving epochs earlier would need more).
                """
              } ?? "It is the first epoch.",
              "Running the rule itself for p = 1, 2, …, the smallest patience that keeps epoch \(bestIndex + 1) is \(patience).",
            ], answer: Double(patience))
        }
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
          """
          With patience \(patience) the rule \
          \(run.stoppedAt.map { "stops after epoch \($0 + 1)" } ?? "runs every epoch") and keeps epoch \
          \(run.best.map { "\($0 + 1)" } ?? "–").
          """
        if reaches && !correct { reason += " A smaller patience also reaches it." }
        if !reaches {
          reason += " It stops before epoch \(bestIndex + 1): count the epochs in a row without a new best before it."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
    ]
  }
}
