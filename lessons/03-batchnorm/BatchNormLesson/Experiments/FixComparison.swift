import ExperimentKit
import NeuralNet
import Theory

/// Step `.fix`: the fix the documents mean: a deep plain net with a too-large init explodes; the same
/// net with batch norm after every dense layer trains (same weights, same batch order).
package enum FixComparison {
  /// Trains the plain net (`batchNorm: false`) or the BN net; with `histograms`, every tenth of
  /// the run (from step 0) records every layer's magnitude histograms.
  package static func run(
    _ config: BatchNormConfiguration, batchNorm: Bool, train: Dataset, test: Dataset, histograms: Bool = false
  ) -> TrainedRun {
    var rng = SeededGenerator(seed: config.seed, stream: "fix weights")
    let model = MLP.make(
      inputs: train.features, width: config.width, depth: config.depth, outputs: Digits.classes,
      activation: config.activation, initializer: .scaledNormal(gain2: config.gain2),
      batchNorm: batchNorm ? config.settings : nil, using: &rng)
    return TrainedRun.train(
      batchNorm ? "with batch norm" : "plain", model, config.recipe(batches: "fix batches"), train: train, test: test,
      histogramEvery: histograms ? Swift.max(config.steps / 10, 1) : nil)
  }
}

extension BatchNormConfiguration {
  /// The batch-norm settings of the configuration.
  package var settings: BatchNorm.Settings { BatchNorm.Settings(epsilon: Float(epsilon), momentum: Float(momentum)) }
}

extension FixComparison {
  /// The plain net and the same net with BN (in that order), over seeds (weights and batch order).
  package typealias OverSeeds = SeedRuns<TrainedRun>

  /// Both nets for each of `config.fixSeeds` seeds derived from the lesson's, every (seed, net)
  /// run on a core of its own (`ParallelSweep`); `progress` gets the runs done. The lesson's own
  /// seed records histograms.
  package static func overSeeds(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> OverSeeds {
    OverSeeds.parallel(config, seeds: config.fixSeeds, runsPerSeed: 2, progress: progress) { seeded, net in
      run(seeded, batchNorm: net == 1, train: train, test: test, histograms: seeded.seed == config.seed)
    }
  }
}

extension SeedRuns where Run == TrainedRun {
  /// On how many seeds run `index` went non-finite.
  package func nonFiniteCount(_ index: Int) -> Int { count(index) { $0.history.nonFinite != nil } }
}
