import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension ExplodingLesson {
  /// Training it: SGD on the exploding net and on the fix.
  static func stepTraining(_ config: ExplodingConfiguration, train: Dataset, test: Dataset, in notebook: Notebook)
    -> ExplodingExperiments.TrainingOverSeeds
  {
    let depth = config.depth
    let phi = config.activation.name
    return notebook.step(.training, "Training it: SGD on the exploding net and on the fix") {
      notebook.prose(
        """
        Train both nets on the digits (\(train.count) training, \(test.count) test images) with plain \
        SGD, lr = \(Format.number(config.learningRate)), batches of \(config.batchSize), \
        \(config.steps) steps: the exploding one (σ_w² = \(Format.number(config.gain2))) and the fix \
        (`--init \(config.fix.rawValue)`). Training stops cleanly at the first non-finite value, which \
        is recorded and marked.
        """)
      notebook.comparison(
        differs:
          "the hidden weights' variance only (σ_w² = \(Format.number(config.gain2)) against \(config.fix.rawValue))",
        same: [
          "architecture (\(depth) × \(config.width), \(phi), biases zero at init and trained)", "weight seed",
          "mini-batch order",
          "lr \(Format.number(config.learningRate))", "\(config.steps) steps of \(config.batchSize)",
          "clipping (\(config.clipping.description))",
        ])
      let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
      let overSeeds = notebook.experiment(
        "training 2 runs × \(config.steps) steps × \(seeds.count) seeds", total: seeds.count
      ) { progress in
        ExplodingExperiments.trainingOverSeeds(config, train: train, test: test, progress: progress.update)
      }
      let runs = overSeeds.main
      notebook.table(
        Table(
          headers: ["run", "first non-finite", "‖g‖ at step 0", "max ‖g‖", "final loss", "test accuracy"],
          rows: runs.map { run in
            [
              run.name, run.history.nonFinite.map { "\($0)" } ?? "none",
              Format.number(run.history.initialGradientNorm),
              Format.number(run.history.maxGradientNorm), Format.number(run.history.finalLoss),
              run.testAccuracy.isFinite ? Format.percent(run.testAccuracy) : "–",
            ]
          }))
      let shown = TrainingRuns(runs.map { ($0.name, $0.history, $0.testAccuracy) })
      let markers = shown.nonFiniteMarkers
      func series(_ value: (StepRecord) -> Double) -> [Series] { shown.series(style: { _ in .linePoints }, value) }
      notebook.chart(
        Chart(
          name: "training-loss", title: "Training loss", xLabel: "SGD step", yLabel: "mini-batch loss", logY: true,
          series: series(\.loss), markers: markers),
        caption:
          "The exploding net's loss is already huge at step 0; its first update makes the next forward pass overflow.")
      notebook.chart(
        Chart(
          name: "training-gradient-norm", title: "Global gradient norm during training", xLabel: "SGD step",
          yLabel: "‖g‖ (all parameters)", logY: true, series: series(\.globalGradientNorm), markers: markers),
        caption: "The marker is the first step with a NaN or Inf anywhere in the forward or backward pass.")
      let heatmaps = WeightGradientHeatmaps.charts(
        runs.map { ($0.name, $0.history) }, chartNames: ["heatmap-exploding", "heatmap-fixed"], hiddenLayers: depth)
      for chart in heatmaps {
        notebook.chart(
          chart,
          caption:
            "Each column is one step, each row one layer; both heatmaps share one color scale; blank (X in the text preview) = not finite."
        )
      }
      stepUpdateRatios(config, runs: runs, in: notebook)
      trainingHistograms(config, runs: runs, in: notebook)
      let n = seeds.count
      notebook.table(
        Table(
          headers: [
            "run", "went non-finite", "‖g‖ at step 0", "max ‖g‖ / ‖g‖ at step 0", "final loss (last 10)",
            "test accuracy",
          ],
          rows: runs.indices.map { i in
            [
              runs[i].name, "\(overSeeds.nonFiniteCount(i)) of \(n)",
              Format.spread(overSeeds.spread(i) { $0.history.initialGradientNorm }),
              Format.spread(overSeeds.spread(i) { $0.history.maxGradientNorm / $0.history.initialGradientNorm }),
              Format.spread(overSeeds.spread(i) { $0.history.meanLoss(overLast: 10) }),
              Format.spread(overSeeds.spread(i) { $0.testAccuracy }, Format.percent),
            ]
          }),
        caption:
          """
          The same two runs over \(n) seeds (weights and batch order: seeds \
          \(seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” where a run went \
          non-finite.
          """
      )
      let fixedAccuracy = overSeeds.spread(1) { $0.testAccuracy }
      notebook.prose(
        """
        Over \(n) seeds the exploding net went non-finite \(overSeeds.nonFiniteCount(0)) times of \(n) and \
        the fix \(overSeeds.nonFiniteCount(1)) times. The fix's test accuracy after \(config.steps) steps \
        is \(Format.spread(fixedAccuracy, Format.percent)): how far one short SGD run gets depends on the \
        seed\(seeds.count > 1 ? ", so this lesson states it as a range, not as the lesson seed's \(Format.percent(runs.last?.testAccuracy ?? .nan))" : ""). \
        That it trains at all, and the other does not, does not.
        """)
      for (index, run) in runs.enumerated() {
        func spread(_ value: (ExplodingExperiments.TrainingResult) -> Double) -> JSONValue {
          .spread(overSeeds.spread(index, value))
        }
        notebook.recordRun(
          index == 0 ? "train_exploding" : "train_fixed",
          [
            ("first_nonfinite_step", run.history.nonFinite.map { Double($0.step) }),
            ("steps_completed", Double(run.history.steps.count)),
            ("nonfinite_seeds", Double(overSeeds.nonFiniteCount(index))),
          ],
          extra: [
            ("init", .string(run.initializer.description)),
            ("first_nonfinite", run.history.nonFinite.map { .string("\($0)") } ?? .null),
            ("seeds", .seeds(seeds)),
            ("final_loss", spread { $0.history.meanLoss(overLast: 10) }),
            ("max_grad_norm", spread { $0.history.maxGradientNorm }),
            ("step0_grad_norm", spread { $0.history.initialGradientNorm }),
            ("test_accuracy", spread { $0.testAccuracy }),
          ])
      }
      return overSeeds
    }
  }

  /// The update-to-data ratio std(Δw)/std(w) of every weight layer over the steps of the fix,
  /// against the ≈ 1e-3 of Karpathy's makemore part 3 and CS231n, and the exploding net's one
  /// update: drawn, explained with this run's figures, recorded.
  static func stepUpdateRatios(
    _ config: ExplodingConfiguration, runs: [ExplodingExperiments.TrainingResult], in notebook: Notebook
  ) {
    func ratios(_ record: StepRecord) -> [Double] {
      record.layers.filter { $0.kind == .dense }.compactMap(\.updateToDataRatio)
    }
    func median(_ values: [Double]) -> Double {
      let sorted = values.filter(\.isFinite).sorted()
      return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
    guard let exploding = runs.first, let fixed = runs.last, runs.count == 2,
      let layers = fixed.history.steps.first.map({ ratios($0).count }), layers > 1
    else { return }
    let steps = fixed.history.steps.filter { ratios($0).count == layers }
    let x = steps.map { Double($0.step) }
    let shown = Array(Set([0, layers / 2, layers - 2, layers - 1])).sorted()
    var series = shown.enumerated().map { i, layer in
      Series(
        title: layer == layers - 1 ? "readout" : "hidden layer \(layer + 1)", x: x,
        y: steps.map { ratios($0)[layer] }, colorGroup: i)
    }
    if let first = x.first, let last = x.last {
      series.append(Series(title: "1e-3", x: [first, last], y: [1e-3, 1e-3], style: .dashed, colorGroup: 7))
    }
    let explodingFirst = exploding.history.steps.first.map(ratios) ?? []
    if !explodingFirst.isEmpty {
      series.append(
        Series(
          title: "\(exploding.name), its one update (median layer)", x: [0], y: [median(explodingFirst)],
          style: .points, colorGroup: 1))
    }
    let late = steps.suffix(50).flatMap(ratios)
    let fixedMedian = median(late)
    let explodingMedian = median(explodingFirst)
    notebook.prose(
      """
      **How big is each step?** The update-to-data ratio std(Δw)/std(w) of a layer is the size of \
      one update relative to the weights it changes. Practitioners read it on a log scale against \
      ≈ 1e-3 (Karpathy, makemore part 3; CS231n): far above, the step is too large for that \
      layer; far below, the layer barely moves. In the last \(late.isEmpty ? 0 : min(50, steps.count)) \
      steps of the fix (\(fixed.name) init) the median layer's ratio is \(Format.number(fixedMedian)) \
      (\(fixedMedian < 1e-4 ? "well below" : fixedMedian > 1e-2 ? "well above" : "within a decade of") 1e-3 at \
      η = \(Format.number(config.learningRate))). \(explodingFirst.isEmpty ? "The exploding net made no update before going non-finite." : """
        The exploding net's only update, at step 0, has a median ratio of \
        \(Format.number(explodingMedian)): it moved its weights by \
        \(explodingMedian >= 1 ? "more than" : "a fraction") \
        \(explodingMedian >= 1 ? "their own spread" : "of their spread") at once.
        """)
      """)
    notebook.chart(
      Chart(
        name: "update-to-data-ratio", title: "Update-to-data ratio std(Δw)/std(w) per layer",
        xLabel: "SGD step", yLabel: "std(Δw) / std(w)", logY: true, series: series),
      caption:
        "The \(fixed.name) run's layers, step by step; the dashed line is the 1e-3 rule of thumb.")
    notebook.recordRun(
      "update_to_data_ratio",
      [
        ("fixed_median_last_50_steps", fixedMedian),
        ("exploding_median_step_0", explodingFirst.isEmpty ? nil : explodingMedian),
      ])
  }
}

extension StepID {
  /// The id of this file's step (the order: `ExplodingLesson.outline`).
  static let training: StepID = "training"
}
