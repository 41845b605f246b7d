import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
  // MARK: .learningRates

  /// Step `.learningRates`: the learning-rate sweep with and without BN.
  static func stepLearningRates(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> LearningRateSweep.OverSeeds {
    notebook.step(.learningRates, "Ioffe & Szegedy: higher learning rates") {
      let rates = config.sweepRates.map { Format.number($0) }.joined(separator: ", ")
      notebook.prose(
        """
        Ioffe and Szegedy claimed BN "allows much higher learning rates". A reason is scale \
        invariance: with BN after it, a layer's output does not change when W is scaled, so its \
        gradient shrinks as 1/‖W‖ (theory §8, tested exactly in the engine's tests) and a large \
        step that grows ‖W‖ lowers its own effective step size. We train a \(config.sweepDepth)-layer \
        net (\(config.initialization.name) init) with and without BN at lr = \(rates), \
        \(config.sweepSteps) steps each, same weights and batch order. "Trains" means a final loss \
        (mean of the last 10 steps) below ln 10 / 2 = \(Format.number(TrainedRun.trainedLoss)).
        """)
      notebook.comparison(
        differs: "BN after every hidden dense layer (without their biases), and the step size along the grid",
        same: ["the dense weights (same seed)", "batch order", "\(config.sweepSteps) steps"])
      let total = 2 * config.sweepRates.count
      let overSeeds = notebook.experiment(
        "\(total) runs × \(config.sweepSteps) steps × \(config.fixSeeds) seeds", total: total * config.fixSeeds
      ) { progress in
        LearningRateSweep.overSeeds(config, train: train, test: test, progress: progress.update)
      }
      let sweeps = overSeeds.main
      notebook.table(
        Table(
          headers: ["lr", "plain: final loss", "test accuracy", "with BN: final loss", "test accuracy"],
          rows: config.sweepRates.indices.map { i in
            let plain = sweeps[0].runs[i]
            let bn = sweeps[1].runs[i]
            return [
              Format.number(config.sweepRates[i]),
              plain.history.nonFinite.map { "non-finite at step \($0.step)" } ?? Format.number(plain.finalLoss),
              plain.testAccuracy.isFinite ? Format.percent(plain.testAccuracy) : "–",
              bn.history.nonFinite.map { "non-finite at step \($0.step)" } ?? Format.number(bn.finalLoss),
              bn.testAccuracy.isFinite ? Format.percent(bn.testAccuracy) : "–",
            ]
          }))
      let nonFinite = sweeps.map { s in
        "\(s.batchNorm ? "with BN" : "plain") \(s.runs.count { !$0.finalLoss.isFinite }) of \(s.runs.count)"
      }
      notebook.chart(
        Chart(
          name: "lr-sweep", title: "Final loss against learning rate (\(config.sweepDepth) layers)",
          xLabel: "learning rate", yLabel: "final loss (mean of last 10 steps)", logX: true, logY: true,
          series: sweeps.enumerated().map { i, s in
            Series(
              title: s.batchNorm ? "with BN" : "plain", x: s.rates, y: s.runs.map(\.finalLoss), style: .linePoints,
              colorGroup: i, nonFinite: .edgeMarker)
          } + [
            Series(
              title: "trained below this", x: [config.sweepRates.first!, config.sweepRates.last!],
              y: [TrainedRun.trainedLoss, TrainedRun.trainedLoss], style: .dashed, colorGroup: 7)
          ]),
        caption:
          "Runs that went non-finite (\(nonFinite.joined(separator: ", "))) are the triangles at the top edge, at their learning rate."
      )
      let plainLargest = overSeeds.largestRateTrainingOnEverySeed(0)
      let bnLargest = overSeeds.largestRateTrainingOnEverySeed(1)
      func perSeed(_ index: Int) -> String {
        overSeeds.perSeed.map { $0[index].largestTrainingRate.map { Format.number($0) } ?? "none" }
          .joined(separator: ", ")
      }
      notebook.prose(
        """
        The table is seed \(config.seed). Over seeds \(overSeeds.seeds.map(String.init).joined(separator: ", ")), \
        the largest learning rate that trains is \(perSeed(0)) without BN and \(perSeed(1)) with BN; \
        the largest that trains on every seed: \(plainLargest.map { Format.number($0) } ?? "none") without BN, \
        \(bnLargest.map { Format.number($0) } ?? "none") with BN\
        \(plainLargest.flatMap { p in bnLargest.map { " (×\(Format.number($0 / p)))" } } ?? "").
        """)
      notebook.recordRun(
        "sweep_over_seeds",
        [
          ("largest_training_rate_every_seed_plain", plainLargest),
          ("largest_training_rate_every_seed_bn", bnLargest),
        ],
        extra: [("seeds", .seeds(overSeeds.seeds))])
      for s in sweeps {
        for (rate, r) in zip(s.rates, s.runs) {
          notebook.recordRun(
            "sweep_\(s.batchNorm ? "bn" : "plain")_lr\(Format.number(rate))",
            [
              ("final_loss", r.finalLoss), ("test_accuracy", r.testAccuracy),
              ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
            ])
        }
      }
      return overSeeds
    }
  }

  // MARK: .yang

  /// Step `.yang`: Yang et al.'s gradient explosion at initialization, for several batch sizes.
  static func stepYang(_ config: BatchNormConfiguration, data: Dataset, in notebook: Notebook)
    -> [YangExplosion.Measurement]
  {
    notebook.step(.yang, "The twist: deep BN nets explode at initialization (Yang et al. 2019)") {
      notebook.prose(
        """
        BN makes the forward pass scale-free, but not the backward pass. Its backward removes, for \
        every feature, the gradient's component along the constant and along x̂ (BN's output cannot \
        move in those directions), and the rest is rescaled by 1/σ. Yang et al. proved that in a \
        deep BN net without skip connections, at initialization, this multiplies the squared \
        gradient norm by λ(B) > 1 per layer going down, whatever σ_w: λ depends only on the batch \
        size B (theory §5, Theorem 8). For ReLU λ falls from 1.79 at B = 8 to π/(π−1) ≈ 1.467; \
        for linear layers λ = (B−2)/(B−3). We measure ‖∂L/∂h_l‖ at every layer of \
        \(config.yangDepth)-layer BN nets of width \(config.yangWidth) (\(config.yangNetworks) \
        network(s) per B) and fit the growth of its square over layers \
        \(YangExplosion.fitLayers(depth: config.yangDepth).lowerBound)–\(YangExplosion.fitLayers(depth: config.yangDepth).upperBound). \
        Each tolerance is the networks' own spread: the band around their mean that covers as often as \
        three standard deviations of a normal (Student's t, as the spread is estimated from few \
        networks), at least 3%.
        """)
      let activations: [Activation] = [.relu, .identity]
      let linearSizes = config.yangBatchSizes.filter { $0 <= 32 }
      let total = config.yangBatchSizes.count + linearSizes.count
      let cases = activations.flatMap { activation in
        (activation == .relu ? config.yangBatchSizes : linearSizes).map { (activation, $0) }
      }
      let measurements = notebook.experiment("\(total) cases", total: total) { progress in
        ParallelSweep.map(cases.count, progress: progress.update) { i in
          let (activation, b) = cases[i]
          return YangExplosion.measure(
            activation, batchSize: b, depth: config.yangDepth, width: config.yangWidth,
            networks: config.yangNetworks, settings: config.settings, data: data,
            seed: SeededGenerator.streamSeed(config.seed, "yang \(activation) \(b)"))
        }
      }
      notebook.table(
        Table(
          headers: ["φ", "B", "λ measured", "λ(B) Theorem 8", "growth over \(config.yangDepth) layers, λ^L"],
          rows: measurements.map { m in
            [
              m.activation.name, "\(m.batchSize)", Format.number(m.measured),
              Format.number(m.predicted), Format.number(Double.pow(m.predicted, Double(config.yangDepth))),
            ]
          }),
        caption: "Per-layer growth of the squared gradient norm, going backward:")
      let relu = measurements.filter { $0.activation == .relu }
      let linear = measurements.filter { $0.activation != .relu }
      let curveB = Array(stride(from: 6.0, through: 160, by: 2))
      notebook.chart(
        Chart(
          name: "yang-lambda", title: "Gradient growth per layer at init vs batch size", xLabel: "batch size B",
          yLabel: "λ (squared-norm growth per layer)", logX: true,
          series: [
            Series(
              title: "ReLU measured", x: relu.map { Double($0.batchSize) }, y: relu.map(\.measured), style: .points,
              colorGroup: 1),
            Series(
              title: "ReLU, Theorem 8", x: curveB,
              y: curveB.map { BatchNormTheory.gradientGrowth(.relu, batchSize: Int($0)) }, style: .dashed,
              colorGroup: 1),
            Series(
              title: "linear measured", x: linear.map { Double($0.batchSize) }, y: linear.map(\.measured),
              style: .points, colorGroup: 0),
            Series(
              title: "linear, (B−2)/(B−3)", x: curveB,
              y: curveB.map { BatchNormTheory.gradientGrowth(.identity, batchSize: Int($0)) }, style: .dashed,
              colorGroup: 0),
            Series(
              title: "π/(π−1)", x: [curveB.first!, curveB.last!],
              y: [BatchNormTheory.reluLargeBatchLimit, BatchNormTheory.reluLargeBatchLimit], style: .dashed,
              colorGroup: 7),
          ]),
        caption:
          "Points: measured; dashed: Yang et al.'s formulas. "
          + ((relu + linear).allSatisfy { $0.measured > 1 }
            ? "Every measured λ is above 1 (smallest \(Format.number((relu + linear).map(\.measured).min() ?? .nan))): BN nets explode backward."
            : "Not every measured λ is above 1 here (smallest \(Format.number((relu + linear).map(\.measured).min() ?? .nan))).")
      )
      let shown = relu.first { $0.batchSize == config.batchSize } ?? relu.last!
      let layers = (1...shown.gradientNorm.count).map(Double.init)
      let top = shown.gradientNorm.last!
      notebook.chart(
        Chart(
          name: "yang-gradient-by-layer", title: "BN-ReLU net at init, B = \(shown.batchSize)",
          xLabel: "hidden layer l", yLabel: "‖∂L/∂h_l‖", logY: true,
          series: [
            Series(title: "measured", x: layers, y: shown.gradientNorm, style: .line, colorGroup: 1),
            Series(
              title: "√λ per layer", x: layers,
              y: layers.map { top * Double.pow(shown.predicted.squareRoot(), Double(layers.count) - $0) },
              style: .dashed, colorGroup: 1),
          ]),
        caption: "No bad init here (He init, and σ_w does not matter under BN): the explosion is BN's own.")
      notebook.check(
        measurements.map { m in
          TheoryCheck(
            name: "λ(B), \(m.activation.name), B = \(m.batchSize)", measured: m.measured,
            predicted: m.predicted, tolerance: .relative(m.tolerance), source: "theory §5")
        })
      for m in measurements {
        notebook.recordRun(
          "yang_\(m.activation == .relu ? "relu" : "linear")_b\(m.batchSize)",
          [("lambda", m.measured), ("predicted_lambda", m.predicted)])
      }
      return measurements
    }
  }

  // MARK: .depthLimit

  /// Step `.depthLimit`: depth at which BN nets stop training, and residual connections.
  static func stepDepthLimit(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> DepthLimit.Result {
    notebook.step(.depthLimit, "What that means in practice: a depth limit, and the skip connection that lifts it") {
      let lambda = BatchNormTheory.gradientGrowth(config.activation, batchSize: config.batchSize)
      notebook.prose(
        """
        With B = \(config.batchSize), λ = \(Format.number(lambda)): over L layers the first layer's \
        gradient is λ^(L/2) times the last one's, \(Format.number(Double.pow(lambda, 25))) at L = 50. \
        We train BN nets of width \(config.limitWidth) and depth \
        \(config.limitDepths.map(String.init).joined(separator: ", ")) without skip connections, and the same depths as residual nets whose blocks are \
        x + W·φ(BN(x)): the identity path carries the gradient past every block. Same lr \
        (\(Format.number(config.learningRate))), \(config.steps) steps, same batch order. The table is \
        seed \(config.seed); the deepest pair, on which the verdict rests, is trained on \(config.fixSeeds) seeds.
        """)
      notebook.comparison(
        differs: "at each depth, the identity path around each block",
        same: ["BN in every layer", "width \(config.limitWidth)", "lr", "steps", "batch order"])
      let total = 2 * (config.limitDepths.count + config.fixSeeds - 1)
      let result = notebook.experiment("\(total) runs × \(config.steps) steps", total: total) { progress in
        DepthLimit.run(config, train: train, test: test, progress: progress.update)
      }
      let pairs = result.table
      notebook.table(
        Table(
          headers: [
            "depth", "plain BN: ‖g₁‖/‖g_L‖ at init", "final loss", "test accuracy", "residual BN: ‖g₁‖/‖g_L‖ at init",
            "final loss", "test accuracy",
          ],
          rows: pairs.map { p in
            [
              "\(p.depth)", Format.number(p.plainRatio), Format.number(p.plain.finalLoss),
              p.plain.testAccuracy.isFinite ? Format.percent(p.plain.testAccuracy) : "–",
              Format.number(p.residualRatio),
              Format.number(p.residual.finalLoss),
              p.residual.testAccuracy.isFinite ? Format.percent(p.residual.testAccuracy) : "–",
            ]
          }))
      let depths = pairs.map { Double($0.depth) }
      notebook.chart(
        Chart(
          name: "depth-limit", title: "Test accuracy after \(config.steps) steps against depth", xLabel: "depth",
          yLabel: "test accuracy",
          series: [
            Series(
              title: "plain BN", x: depths, y: pairs.map { $0.plain.testAccuracy }, style: .linePoints, colorGroup: 1),
            Series(
              title: "residual BN", x: depths, y: pairs.map { $0.residual.testAccuracy }, style: .linePoints,
              colorGroup: 0),
            Series(title: "chance", x: [depths.first!, depths.last!], y: [0.1, 0.1], style: .dashed, colorGroup: 7),
          ]),
        caption: "The lesson on residual networks measures why the identity path keeps the gradient bounded.")
      let deepest = result.deepest
      let plainSpread = deepest.spread(0) { $0.plain.testAccuracy }
      let residualSpread = deepest.spread(0) { $0.residual.testAccuracy }
      let gapSpread = deepest.spread(0, DepthLimit.accuracyGap)
      let plainFailures = deepest.count(0) { $0.plain.history.nonFinite != nil }
      notebook.table(
        Table(
          headers: ["depth \(deepest.main[0].depth), \(deepest.seeds.count) seeds", "plain BN", "residual BN"],
          rows: [
            [
              "test accuracy", Format.spread(plainSpread, Format.percent),
              Format.spread(residualSpread, Format.percent),
            ],
            [
              "final loss", Format.spread(deepest.spread(0) { $0.plain.finalLoss }),
              Format.spread(deepest.spread(0) { $0.residual.finalLoss }),
            ],
            [
              "went non-finite", "\(plainFailures) of \(deepest.seeds.count)",
              "\(deepest.count(0) { $0.residual.history.nonFinite != nil }) of \(deepest.seeds.count)",
            ],
          ]),
        caption:
          "The deepest pair over seeds (mean, min–max); the verdict uses the smallest gap in test accuracy, \(describeGap(gapSpread.values.min() ?? .nan))."
      )
      notebook.recordRun(
        "depth_\(deepest.main[0].depth)_over_seeds", [("went_non_finite_plain", Double(plainFailures))],
        extra: [
          ("seeds", .seeds(deepest.seeds)), ("plain_test_accuracy", .spread(plainSpread)),
          ("residual_test_accuracy", .spread(residualSpread)), ("residual_minus_plain_accuracy", .spread(gapSpread)),
        ])
      for p in pairs {
        notebook.recordRun(
          "depth_\(p.depth)",
          [
            ("plain_test_accuracy", p.plain.testAccuracy), ("residual_test_accuracy", p.residual.testAccuracy),
            ("plain_final_loss", p.plain.finalLoss), ("residual_final_loss", p.residual.finalLoss),
            ("plain_ratio", p.plainRatio), ("residual_ratio", p.residualRatio),
          ])
      }
      return result
    }
  }

  /// A gap from `DepthLimit.accuracyGap` in words: "86.2 points", or that the plain net went
  /// non-finite.
  static func describeGap(_ gap: Double) -> String {
    if gap == .infinity { return "unbounded (the plain net went non-finite)" }
    return gap.isFinite ? "\(Format.number(gap * 100)) points" : "–"
  }

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
  /// The ids of this file's steps (their order: `BatchNormLesson.outline`).
  static let learningRates: StepID = "learning-rates"
  static let yang: StepID = "yang"
  static let depthLimit: StepID = "depth-limit"
  static let evaluationMode: StepID = "evaluation-mode"
}
