import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
  // MARK: .evaluationMode

  /// Step `.evaluationMode`: running statistics, and the bug of evaluating in training mode.
  static func stepEvaluationMode(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> EvaluationMode.OverSeeds {
    notebook.step(.evaluationMode, "Train mode vs eval mode: the running statistics, and a classic bug") {
      notebook.prose(
        """
        At test time there is no batch to normalize by, so BN keeps running averages of each \
        feature's mean and variance during training (momentum m = \(Format.number(config.momentum)): \
        r ← (1 − m)·r + m·batch) and uses them in evaluation mode. Forgetting to switch \
        (`model.eval()` in PyTorch, `training=False` in Keras) normalizes every test batch by its \
        own statistics: predictions then depend on which examples share a batch, and a batch of \
        one normalizes every input to β. We train a 4-layer BN net and score the \(test.count) test \
        digits in batches of \(config.evaluationBatchSizes.map(String.init).joined(separator: ", ")), \
        in both modes.
        """)
      let overSeeds = notebook.experiment(
        "training \(config.steps) steps × \(config.fixSeeds) seeds", total: config.fixSeeds
      ) { progress in
        EvaluationMode.overSeeds(config, train: train, test: test, progress: progress.update)
      }
      let (result, seeds) = (overSeeds.main[0], overSeeds.seeds)
      notebook.table(
        Table(
          headers: ["test batch size", "eval mode (running statistics)", "train mode (batch statistics)"],
          rows: result.batchSizes.indices.map { i in
            [
              "\(result.batchSizes[i])", Format.percent(result.evaluationAccuracy[i]),
              Format.percent(result.trainingModeAccuracy[i]),
            ]
          }))
      let x = result.batchSizes.map(Double.init)
      notebook.chart(
        Chart(
          name: "eval-mode", title: "Test accuracy against the test batch size", xLabel: "test batch size",
          yLabel: "test accuracy", logX: true,
          series: [
            Series(title: "eval mode", x: x, y: result.evaluationAccuracy, style: .linePoints, colorGroup: 0),
            Series(
              title: "train mode (the bug)", x: x, y: result.trainingModeAccuracy, style: .linePoints, colorGroup: 1),
          ]),
        caption:
          "Eval mode does not depend on how the test set is batched; train mode does, and collapses at batch size 1.")
      let spread =
        (result.evaluationAccuracy.max() ?? .nan) - (result.evaluationAccuracy.min() ?? .nan)
      notebook.check([
        TheoryCheck(
          name: "eval mode: accuracy spread across test batch sizes", measured: spread, predicted: 0,
          tolerance: .absolute(1e-9), source: "theory §8 (running statistics)"),
        TheoryCheck(
          name: "train mode, batch 1: accuracy = share of the one predicted class",
          measured: result.trainingModeAccuracy[result.batchSizes.firstIndex(of: 1) ?? 0],
          predicted: result.singleBatchClassShare, tolerance: .absolute(1e-9),
          source: "theory §8 (one example: BN outputs β)"),
      ])
      let evalSpread = overSeeds.spread(0) { $0.evaluationAccuracy.last ?? .nan }
      let batchOneSpread = overSeeds.spread(0) { $0.trainingModeAccuracy.first ?? .nan }
      notebook.prose(
        """
        The table is seed \(config.seed). Over seeds \(seeds.map(String.init).joined(separator: ", ")): eval mode \
        \(Format.spread(evalSpread, Format.percent)), train mode with batches of one \
        \(Format.spread(batchOneSpread, Format.percent)).
        """)
      notebook.recordRun(
        "eval_mode",
        [
          ("eval_accuracy", result.evaluationAccuracy.last),
          ("train_mode_accuracy_b1", result.trainingModeAccuracy.first),
          ("train_mode_accuracy_largest_batch", result.trainingModeAccuracy.last),
        ],
        extra: [
          ("seeds", .seeds(seeds)), ("eval_accuracy_over_seeds", .spread(evalSpread)),
          ("train_mode_accuracy_b1_over_seeds", .spread(batchOneSpread)),
        ])
      return overSeeds
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchNormLesson.outline`).
  static let evaluationMode: StepID = "evaluation-mode"
}
