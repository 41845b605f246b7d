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
}

extension StepID {
  /// The id of this file's step (the order: `BatchNormLesson.outline`).
  static let learningRates: StepID = "learning-rates"
}
