import Foundation
import Charts
import LessonKit
import NeuralNet
import Notebook
import Theory

extension InitializationLesson {
  // MARK: .symmetry

  /// Step `.symmetry`: the all-zero and constant inits never break the symmetry between hidden units.
  static func stepSymmetry(
    _ config: InitializationConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> [Symmetry.Run] {
    notebook.step(.symmetry, "The all-zero init: a symmetry that never breaks") {
      let activation = config.activations.count == 1 ? config.activations[0] : .relu
      notebook.prose(
        """
        If "smaller initial weights" were always better, zero would be best. Symmetry says why it is \
        not: when every weight of a layer is the same number, every hidden unit computes the same output, \
        receives the same gradient and gets the same update: the units stay copies of one another \
        forever, and a layer of \(config.width) units is worth one. With all zeros it is worse \
        still: the readout sees only zeros, so it sends no gradient back at all. We train \
        \(Symmetry.depth)-layer \(activation.name) nets of width \(config.width) from all-zero, from \
        constant 1/\(config.width) and from He init (same batch order, lr \
        \(Format.number(config.learningRate)), \(config.steps) steps) and count, after training, \
        how many different units each hidden layer has.
        """)
      let runs = notebook.experiment("training 3 runs × \(config.steps) steps", total: 3) { progress in
        Symmetry.run(config, train: train, test: test, progress: progress.update)
      }
      notebook.table(
        Table(
          headers: [
            "init", "distinct units per hidden layer", "largest ‖W_l‖ after training", "final loss", "test accuracy",
          ],
          rows: runs.map { r in
            [
              r.name, r.distinctUnits.map(String.init).joined(separator: ", "), Format.number(r.largestWeightNorm),
              Format.number(r.history.finalLoss), r.testAccuracy.isFinite ? Format.percent(r.testAccuracy) : "–",
            ]
          }),
        caption: "Distinct = incoming weights differing by more than 10⁻⁶ of the largest row norm.")
      notebook.chart(
        Chart(
          name: "symmetry-training-loss", title: "Training loss: symmetric vs random init", xLabel: "SGD step",
          yLabel: "mini-batch loss", series: TrainingRuns(runs.map { ($0.name, $0.history) }).series(\.loss)),
        caption:
          """
          Final loss: \
          \(runs.map { "\($0.name) \(Format.number($0.history.finalLoss))" }.joined(separator: ", ")); ln \
          10 = \(Format.number(Foundation.log(10.0))) is a uniform guess over the 10 digits. With all \
          zeros the readout sees only zeros, so only its bias learns: at best the class frequencies.
          """
      )
      notebook.check(
        runs.map { r in
          let symmetric = r.name != "He"
          return TheoryCheck(
            name: "distinct units in the widest-spread hidden layer, \(r.name)",
            measured: Double(r.distinctUnits.max() ?? 0), predicted: symmetric ? 1 : Double(config.width),
            tolerance: .absolute(0), source: "theory §11")
        })
      for r in runs {
        notebook.recordRun(
          "symmetry_\(r.slug)",
          [
            ("final_loss", r.history.finalLoss), ("test_accuracy", r.testAccuracy),
            ("max_distinct_units", Double(r.distinctUnits.max() ?? 0)), ("largest_weight_norm", r.largestWeightNorm),
          ])
      }
      return runs
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let symmetry: StepID = "symmetry"
}
