import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchGDLesson {
  /// The loss-by-step caption, from the runs: which batch size ended lowest after the same steps.
  static func progressPerStep(_ runs: [BatchSizeComparison.Run], label: (Int) -> String) -> String {
    let finals = runs.map { ($0.batchSize, $0.fullLoss.last ?? .nan) }
    let listed = finals.map { "\(label($0.0)) \(Format.number($0.1))" }.joined(separator: ", ")
    guard let best = finals.filter({ $0.1.isFinite }).min(by: { $0.1 < $1.1 }) else {
      return "Loss after the last step: \(listed)."
    }
    let fullBatch = runs.map(\.batchSize).max()
    return "Loss after the last step: \(listed). "
      + (best.0 == fullBatch
        ? "Per step the full batch made the most progress: its gradient is the exact one."
        : "Per step \(label(best.0)) ended lowest, not the full batch, whose gradient is the exact one.")
  }

  /// The loss-by-examples caption, from the runs: whether the smallest batch, after all the examples
  /// it saw, is below the full batch's loss at its first evaluation that had seen at least as many.
  static func progressPerExample(_ runs: [BatchSizeComparison.Run], label: (Int) -> String) -> String {
    guard let small = runs.min(by: { $0.batchSize < $1.batchSize }),
      let full = runs.max(by: { $0.batchSize < $1.batchSize }), small.batchSize < full.batchSize,
      let smallFinal = small.fullLoss.last, let smallStep = small.evaluatedSteps.last
    else { return "Each run's loss against the examples its steps used." }
    let seen = Swift.max(smallStep, 1) * small.batchSize
    guard
      let index = full.evaluatedSteps.firstIndex(where: { Swift.max($0, 1) * full.batchSize >= seen })
    else { return "Each run's loss against the examples its steps used." }
    let fullSeen = Swift.max(full.evaluatedSteps[index], 1) * full.batchSize
    let fullLoss = full.fullLoss[index]
    let compared =
      """
      \(label(small.batchSize)) reached \(Format.number(smallFinal)) after \(seen) examples; \
      \(label(full.batchSize)) was at \(Format.number(fullLoss)) after \(fullSeen)
      """
    return smallFinal < fullLoss
      ? "Per example processed (the cost), small batches get further: \(compared)."
      : "Per example processed, the small batch does not get further here: \(compared)."
  }

  // MARK: .comparison

  /// Step `.comparison`: full batch, mini-batch and single example on the same model.
  static func stepComparison(_ config: BatchGDConfiguration, train: Dataset, in notebook: Notebook)
    -> [BatchSizeComparison.Run]
  {
    notebook.step(.comparison, "Full batch, mini-batch and one example at a time") {
      notebook.prose(
        """
        The same \(config.depth)-layer \(config.activation.name) net (width \(config.width), \
        \(config.initialization.name) init, same initial weights) trained with lr \
        \(Format.number(config.learningRate)) for \(config.steps) steps, using at each step the \
        gradient of all \(train.count) training digits (full-batch GD), of \(config.batchSize) of \
        them (mini-batch SGD), or of one. We record the loss on the whole training set and the norm \
        of the gradient each step used.
        """)
      notebook.comparison(
        differs:
          "the examples behind each step's gradient (all \(train.count), \(config.batchSize), one), and so how many examples the runs see in all",
        same: ["initial weights", "lr \(Format.number(config.learningRate))", "\(config.steps) steps"])
      let runs = notebook.experiment("3 runs × \(config.steps) steps", total: 3) { progress in
        BatchSizeComparison.run(config, train: train, progress: progress.update)
      }
      func label(_ b: Int) -> String { b == train.count ? "full batch (\(b))" : b == 1 ? "one example" : "batch \(b)" }
      /// One curve per run, labelled by its batch size: `points(run)` gives its x, y and style.
      func curves(_ points: (BatchSizeComparison.Run) -> ([Double], [Double], Series.Style)) -> [Series] {
        runs.enumerated().map { i, r in
          let (x, y, style) = points(r)
          return Series(title: label(r.batchSize), x: x, y: y, style: style, colorGroup: i)
        }
      }
      notebook.table(
        Table(
          headers: [
            "batch", "loss at start", "loss after \(config.steps) steps", "examples seen", "‖g‖ mean",
            "‖g‖ spread (std)",
          ],
          rows: runs.map { r in
            let mean = r.gradientNorm.reduce(0, +) / Double(Swift.max(r.gradientNorm.count, 1))
            let std =
              (r.gradientNorm.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
              / Double(Swift.max(r.gradientNorm.count, 1)))
              .squareRoot()
            return [
              label(r.batchSize), Format.number(r.fullLoss.first ?? .nan), Format.number(r.fullLoss.last ?? .nan),
              Format.number(Double(r.batchSize * config.steps)), Format.number(mean), Format.number(std),
            ]
          }))
      notebook.chart(
        Chart(
          name: "loss-by-step", title: "Training loss (whole training set) against step", xLabel: "step",
          yLabel: "loss", logY: true,
          series: curves { r in (r.evaluatedSteps.map(Double.init), r.fullLoss, .linePoints) }),
        caption: Self.progressPerStep(runs, label: label))
      notebook.chart(
        Chart(
          name: "loss-by-examples", title: "Training loss against examples processed", xLabel: "examples seen",
          yLabel: "loss", logX: true, logY: true,
          series: curves { r in
            (r.evaluatedSteps.map { Double(Swift.max($0, 1) * r.batchSize) }, r.fullLoss, .linePoints)
          }),
        caption: Self.progressPerExample(runs, label: label))
      notebook.chart(
        Chart(
          name: "gradient-norm-by-step", title: "Norm of the gradient used at each step", xLabel: "step",
          yLabel: "‖g‖", logY: true,
          series: curves { r in
            (r.gradientNorm.indices.map(Double.init), r.gradientNorm, r.batchSize == train.count ? .line : .points)
          }),
        caption:
          "The smaller the batch, the wider the spread: that is gradient noise, measured in \(notebook.reference(.noise)). None of them explodes."
      )
      for r in runs {
        notebook.recordRun(
          "compare_b\(r.batchSize)",
          [
            ("final_loss", r.fullLoss.last), ("max_grad_norm", r.gradientNorm.max()),
            ("first_nonfinite_step", r.firstNonFiniteStep.map(Double.init)),
          ])
      }
      return runs
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchGDLesson.outline`).
  static let comparison: StepID = "comparison"
}
