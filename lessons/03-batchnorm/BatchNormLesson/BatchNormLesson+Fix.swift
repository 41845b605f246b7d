import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
  // MARK: .fix

  /// Step `.fix`: a plain deep net with a too-large init explodes; with BN it trains.
  static func stepTheFix(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> FixComparison.OverSeeds {
    notebook.step(.fix, "The fix the documents mean: a deep net that explodes, and the same net with BN") {
      let depth = config.depth
      let phi = config.activation.name
      notebook.prose(
        """
        A \(depth)-layer \(phi) net of width \(config.width) with weights N(0, \
        \(Format.number(config.gain2))/fan_in): each layer multiplies the squared signal by \
        \(Format.number(PlainNetworkTheory.squaredGrowthPerLayer(config.activation, gain2: config.gain2))), \
        so the forward pass and the gradients grow geometrically (lesson 1). Then the same weights \
        with a BN layer after every dense layer: BN divides each feature by its batch standard \
        deviation, so the weights' scale cancels in the forward pass. Both are trained with SGD \
        (lr \(Format.number(config.learningRate)), batches of \(config.batchSize), \(config.steps) \
        steps) in the same batch order.
        """)
      notebook.comparison(
        differs:
          "a BN layer after every hidden dense layer, which also drops those layers' biases (BN's β takes their place) and adds γ and β per feature",
        same: [
          "the dense weights (same seed, σ_w² = \(Format.number(config.gain2)))", "mini-batch order",
          "lr \(Format.number(config.learningRate))", "\(config.steps) steps of \(config.batchSize)",
        ])
      let overSeeds = notebook.experiment(
        "training 2 runs × \(config.steps) steps × \(config.fixSeeds) seeds", total: 2 * config.fixSeeds
      ) { progress in
        FixComparison.overSeeds(config, train: train, test: test, progress: progress.update)
      }
      let runs = overSeeds.main
      trainingTable(runs, in: notebook)
      let n = overSeeds.seeds.count
      notebook.table(
        Table(
          headers: ["run", "went non-finite", "final loss (last 10)", "test accuracy"],
          rows: runs.indices.map { i in
            [
              runs[i].name, "\(overSeeds.nonFiniteCount(i)) of \(n)",
              Format.spread(overSeeds.spread(i) { $0.finalLoss }),
              Format.spread(overSeeds.spread(i) { $0.testAccuracy }, Format.percent),
            ]
          }),
        caption:
          """
          The same two runs over \(n) seeds (weights and batch order: \
          \(overSeeds.seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” where a run \
          went non-finite.
          """
      )
      trainingCharts(runs, prefix: "fix", in: notebook)
      let layersOfPlain = (1...depth).map { l in
        runs[0].history.steps.first?.denseLayers[l - 1].outputGradientNorm ?? .nan
      }
      let layersOfBN = (1...depth).map { l in runs[1].history.steps.first?.denseLayers[l - 1].outputGradientNorm ?? .nan
      }
      let x = (1...depth).map(Double.init)
      let plainFactor = 1 / (LogLinearFit(x: x, y: layersOfPlain)?.factor ?? .nan)
      // With BN, layer 1 stands apart (below); the rate is fitted over layers 2…L.
      let bnFactor = 1 / (LogLinearFit(x: Array(x.dropFirst()), y: Array(layersOfBN.dropFirst()))?.factor ?? .nan)
      let phiTheory = config.activation
      let predicted = MeanField(phiTheory, weightVariance: config.gain2).gradientFactor(atVariance: 1).squareRoot()
      let yang = BatchNormTheory.gradientGrowth(config.activation, batchSize: config.batchSize).squareRoot()
      let jump = layersOfBN[0] / layersOfBN[1]
      // BN divides the gradient by its input's batch standard deviation. Layer 1's input is the
      // pixels; a deeper layer's is a BN-ReLU unit, whose variance is ½ − 1/(2π) for z ~ N(0, 1).
      let unitVariance = config.activation == .relu ? 0.5 - 1 / (2 * Double.pi) : nil
      let pixelVariance = Self.meanFeatureVariance(train)
      let relation =
        abs(bnFactor / plainFactor - 1) < 0.05
        ? "about the same rate (within 5%), for another reason: with BN it comes from BN itself, \(notebook.reference(.yang))"
        : bnFactor < plainFactor
          ? "more slowly (\(notebook.reference(.yang)) explains BN's rate)"
          : "faster (\(notebook.reference(.yang)) explains BN's rate)"
      let excess = jump / bnFactor  // layer 1 against the trend of layers 2…L
      var firstLayer =
        excess > 1.25
        ? "With BN, layer 1 stands apart: \(Format.number(jump))× layer 2's gradient, \(Format.number(excess))× what BN's rate gives."
        : "With BN, layer 1 follows the trend (\(Format.number(jump))× layer 2's gradient)."
      if let unitVariance, excess > 1.25 {
        firstLayer +=
          """
           BN divides the gradient by its input's batch standard deviation. Layer 1's input is the \
          pixels, whose variance across images averages \(Format.number(pixelVariance)) per pixel, \
          against ½ − 1/(2π) = \(Format.number(unitVariance)) for a BN-ReLU unit deeper down: that alone \
          makes layer 1's gradient √(\(Format.number(unitVariance))/\(Format.number(pixelVariance))) = \
          \(Format.number((unitVariance / pixelVariance).squareRoot()))× the trend (measured \
          \(Format.number(excess))×; the estimate uses the average variance, not each of the \
          \(config.width) units' own σ).
          """
      }
      notebook.chart(
        Chart(
          name: "fix-gradient-at-init", title: "Gradient norm by layer at step 0", xLabel: "hidden layer l",
          yLabel: "‖∂L/∂h_l‖", logY: true,
          series: [
            Series(title: runs[0].name, x: x, y: layersOfPlain, style: .linePoints, colorGroup: 0),
            Series(title: runs[1].name, x: x, y: layersOfBN, style: .linePoints, colorGroup: 1),
          ]),
        caption:
          """
          Going down, ‖∂L/∂h_l‖ grows by \(Format.number(plainFactor)) per layer without BN (the init's \
          √(σ_w²·E[φ'²]) = \(Format.number(predicted))) and by \(Format.number(bnFactor)) with BN over \
          layers 2–\(depth) (Yang et al.'s √λ(B) = \(Format.number(yang)) for B = \(config.batchSize)): \
          \(relation). \(firstLayer)
          """
      )
      // Three standard errors of the fit, from the finite-width random walk of log‖g_l‖ (docs/theory.md §1).
      let v = MeanField(phiTheory, weightVariance: config.gain2).logNormVariancePerLayer(1, width: config.width)
      let tolerance = LogLinearFit.randomWalkSlopeTolerance(perStepVariance: v, points: depth)
      notebook.check([
        TheoryCheck(
          name: "plain net: per-layer gradient factor at step 0", measured: plainFactor, predicted: predicted,
          tolerance: .relative(tolerance), source: "theory §1")
      ])
      fixHistograms(config, runs: runs, in: notebook)
      record(runs, prefix: "fix", in: notebook)
      notebook.recordRun(
        "fix_gradient_at_init",
        [
          ("plain_factor_per_layer", plainFactor), ("batch_norm_factor_per_layer", bnFactor),
          ("batch_norm_layer_1_over_layer_2", jump), ("mean_pixel_variance", pixelVariance),
        ])
      for (i, name) in ["fix_plain_over_seeds", "fix_with_batch_norm_over_seeds"].enumerated() {
        notebook.recordRun(
          name, [("nonfinite_seeds", Double(overSeeds.nonFiniteCount(i)))],
          extra: [
            ("seeds", .seeds(overSeeds.seeds)), ("final_loss", .spread(overSeeds.spread(i) { $0.finalLoss })),
            ("test_accuracy", .spread(overSeeds.spread(i) { $0.testAccuracy })),
          ])
      }
      return overSeeds
    }
  }

  /// The variance of each input feature across the examples, averaged over the features.
  static func meanFeatureVariance(_ data: Dataset) -> Double {
    let (rows, columns) = (data.inputs.rows, data.inputs.columns)
    guard rows > 1, columns > 0 else { return .nan }
    var total = 0.0
    for column in 0..<columns {
      var (sum, squares) = (0.0, 0.0)
      for row in 0..<rows {
        let value = Double(data.inputs.scalars[row * columns + column])
        sum += value
        squares += value * value
      }
      let mean = sum / Double(rows)
      total += squares / Double(rows) - mean * mean
    }
    return total / Double(columns)
  }

  /// The runs as every lesson's training table and curves show them.
  private static func shown(_ runs: [TrainedRun]) -> TrainingRuns<TrainingHistory> {
    TrainingRuns(runs.map { ($0.name, $0.history, $0.testAccuracy) })
  }

  /// The table of a set of training runs.
  static func trainingTable(_ runs: [TrainedRun], in notebook: Notebook) {
    notebook.table(shown(runs).table(finalLossOver: 10))
  }

  /// Loss and gradient-norm curves, and per-layer heatmaps with one shared color scale.
  static func trainingCharts(_ runs: [TrainedRun], prefix: String, in notebook: Notebook) {
    let shown = shown(runs)
    let markers = shown.nonFiniteMarkers
    notebook.chart(
      Chart(
        name: "\(prefix)-loss", title: "Training loss", xLabel: "SGD step", yLabel: "mini-batch loss", logY: true,
        series: shown.series(\.loss), markers: markers),
      caption: "Same initial weights, same mini-batches; a marker is the first NaN or Inf.")
    notebook.chart(
      Chart(
        name: "\(prefix)-gradient-norm", title: "Global gradient norm", xLabel: "SGD step", yLabel: "‖g‖",
        logY: true, series: shown.series(\.globalGradientNorm), markers: markers),
      caption: "All parameters, including BN's γ and β.")
    let hiddenLayers = Swift.max((runs.first?.history.steps.first?.denseLayers.count ?? 2) - 1, 1)
    let names = runs.map { "\(prefix)-heatmap-\($0.name.lowercased().replacingOccurrences(of: " ", with: "-"))" }
    for chart in WeightGradientHeatmaps.charts(
      runs.map { ($0.name, $0.history) }, chartNames: names, hiddenLayers: hiddenLayers)
    {
      notebook.chart(chart, caption: "Both heatmaps share one color scale; blank = not finite.")
    }
  }

  /// Records a set of runs in metrics.json.
  static func record(_ runs: [TrainedRun], prefix: String, in notebook: Notebook) {
    for r in runs {
      notebook.recordRun(
        "\(prefix)_\(r.name.lowercased().replacingOccurrences(of: " ", with: "_"))",
        [
          ("final_loss", r.finalLoss), ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
          ("max_grad_norm", r.history.maxGradientNorm), ("test_accuracy", r.testAccuracy),
        ],
        extra: [("first_nonfinite", r.history.nonFinite.map { .string("\($0)") } ?? .null)])
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchNormLesson.outline`).
  static let fix: StepID = "fix"
}
