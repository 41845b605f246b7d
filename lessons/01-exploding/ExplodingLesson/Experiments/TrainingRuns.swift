import ExperimentKit
import NeuralNet
import RealModule
import Theory

extension ExplodingExperiments {
  // MARK: - .training

  /// One training run and its test accuracy.
  package struct TrainingResult: Sendable {
    /// The run's name.
    package var name: String
    /// The initializer.
    package var initializer: Initializer
    /// Every step's record.
    package var history: TrainingHistory
    /// Accuracy on the held-out digits after training (NaN if training stopped on a non-finite value).
    package var testAccuracy: Double
  }

  /// Step `.training`: the exploding init and the fix, trained with the same seed and the same batch order.
  /// With `measuresUpdates` the records carry each layer's update-to-data ratio (one copy of the
  /// weights per step); with `histogramEvery: k`, steps 0, k, 2k, … carry magnitude histograms.
  package static func training(
    _ config: ExplodingConfiguration, train: Dataset, test: Dataset, measuresUpdates: Bool = false,
    histogramEvery: Int? = nil, progress: ((Int) -> Void)? = nil
  ) -> [TrainingResult] {
    let runs: [(String, Initializer)] = [
      (config.explodingRunName, .scaledNormal(gain2: config.gain2)),
      (config.fix.rawValue, config.fix.initializer(weightStd: config.weightStd)),
    ]
    var offset = 0
    return runs.map { name, initializer in
      var rng = SeededGenerator(seed: config.seed, stream: "training weights")
      let model = MLP.make(
        inputs: train.features, width: config.width, depth: config.depth, outputs: 10,
        activation: config.activation, initializer: initializer, using: &rng)
      let trained = config.recipe(batches: "training batches").train(
        model, on: train, test: test, measuresUpdates: measuresUpdates, histogramEvery: histogramEvery,
        progress: { progress?(offset + $0) })
      offset += config.steps
      return TrainingResult(
        name: name, initializer: initializer, history: trained.history, testAccuracy: trained.testAccuracy)
    }
  }

  /// The two training runs of `.training` (the exploding one, then the fix) repeated over seeds
  /// (weights and batch order; the data split stays the lesson's).
  package typealias TrainingOverSeeds = SeedRuns<TrainingResult>

  /// Step `.training` over `config.trainingSeeds` seeds, one seed per core (`ParallelSweep`); `progress`
  /// gets the number of seeds done. The lesson's own seed measures the update-to-data ratios and
  /// every layer's magnitude histograms (every tenth of the run, from step 0).
  package static func trainingOverSeeds(
    _ config: ExplodingConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> TrainingOverSeeds {
    TrainingOverSeeds.parallel(config, seeds: config.trainingSeeds, progress: progress) { seeded in
      let own = seeded.seed == config.seed
      return training(
        seeded, train: train, test: test, measuresUpdates: own,
        histogramEvery: own ? Swift.max(config.steps / 10, 1) : nil)
    }
  }
}

extension SeedRuns where Run == ExplodingExperiments.TrainingResult {
  /// On how many seeds run `index` (0 exploding, 1 the fix) went non-finite.
  package func nonFiniteCount(_ index: Int) -> Int { count(index) { $0.history.nonFinite != nil } }
}
