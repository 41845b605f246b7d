import ExperimentKit
import NeuralNet
import Theory

/// Step `.learningRates`: Ioffe & Szegedy's claim of higher learning rates: the same net with and without BN,
/// trained at every learning rate of the sweep.
package enum LearningRateSweep {
  /// The runs for one architecture, one per learning rate.
  package struct Result: Sendable {
    /// Whether the nets have batch norm.
    package var batchNorm: Bool
    /// The learning rates.
    package var rates: [Double]
    /// One run per rate.
    package var runs: [TrainedRun]

    /// The largest learning rate whose run trained, or nil.
    package var largestTrainingRate: Double? {
      zip(rates, runs).filter { $0.1.trained }.map(\.0).max()
    }
  }

  /// One run of the sweep: the net with or without BN at one learning rate.
  static func single(
    _ config: BatchNormConfiguration, batchNorm withBN: Bool, rate: Double, train: Dataset, test: Dataset
  ) -> TrainedRun {
    var rng = SeededGenerator(seed: config.seed, stream: "lr-sweep weights")
    let model = MLP.make(
      inputs: train.features, width: config.width, depth: config.sweepDepth, outputs: Digits.classes,
      activation: config.activation, initializer: config.initialization.initializer(weightStd: config.weightStd),
      batchNorm: withBN ? config.settings : nil, using: &rng)
    return TrainedRun.train(
      "lr \(rate)", model, config.recipe(batches: "lr-sweep batches", learningRate: rate, steps: config.sweepSteps),
      train: train, test: test)
  }
}

extension LearningRateSweep {
  /// Both sweeps (plain, then with BN) for each seed (weights and batch order).
  package typealias OverSeeds = SeedRuns<Result>

  /// `run` for each of `config.fixSeeds` seeds, every (seed, BN, rate) run on its own core
  /// (`ParallelSweep`); `progress` gets the number of runs done.
  package static func overSeeds(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> OverSeeds {
    let rates = config.sweepRates
    let runs = SeedRuns<TrainedRun>.parallel(
      config, seeds: config.fixSeeds, runsPerSeed: 2 * rates.count, progress: progress
    ) {
      seeded, job in
      single(seeded, batchNorm: job >= rates.count, rate: rates[job % rates.count], train: train, test: test)
    }
    return runs.regrouped { jobs in
      [false, true].enumerated().map { b, bn in
        Result(batchNorm: bn, rates: rates, runs: Array(jobs[(b * rates.count)..<((b + 1) * rates.count)]))
      }
    }
  }
}

extension SeedRuns where Run == LearningRateSweep.Result {
  /// The largest learning rate whose run trained on every seed, plain (0) or with BN (1), or nil.
  package func largestRateTrainingOnEverySeed(_ index: Int) -> Double? {
    let rates = main[index].rates
    return rates.indices.filter { i in perSeed.allSatisfy { $0[index].runs[i].trained } }.map { rates[$0] }.max()
  }
}
