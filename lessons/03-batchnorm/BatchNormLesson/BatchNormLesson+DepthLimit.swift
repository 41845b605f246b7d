import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
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
}

extension StepID {
  /// The id of this file's step (the order: `BatchNormLesson.outline`).
  static let depthLimit: StepID = "depth-limit"
}
