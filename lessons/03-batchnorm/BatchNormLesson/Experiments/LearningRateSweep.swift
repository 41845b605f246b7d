import NeuralNet
import Theory

/// Step 3: Ioffe & Szegedy's claim of higher learning rates: the same net with and without BN,
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

  /// Both sweeps, plain first.
  package static func run(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: ((Int) -> Void)? = nil
  ) -> [Result] {
    var done = 0
    return [false, true].map { withBN in
      let runs = config.sweepRates.map { rate in
        defer {
          done += 1
          progress?(done)
        }
        return single(config, batchNorm: withBN, rate: rate, train: train, test: test)
      }
      return Result(batchNorm: withBN, rates: config.sweepRates, runs: runs)
    }
  }

  /// `run` with every (BN, rate) run on its own core (`ParallelSweep`): the same results.
  package static func runInParallel(_ config: BatchNormConfiguration, train: Dataset, test: Dataset) -> [Result] {
    let rates = config.sweepRates
    let runs = ParallelSweep.map(2 * rates.count) { i in
      single(config, batchNorm: i >= rates.count, rate: rates[i % rates.count], train: train, test: test)
    }
    return [false, true].enumerated().map { k, withBN in
      Result(batchNorm: withBN, rates: rates, runs: Array(runs[(k * rates.count)..<((k + 1) * rates.count)]))
    }
  }

  /// One run of the sweep: the net with or without BN at one learning rate.
  static func single(
    _ config: BatchNormConfiguration, batchNorm withBN: Bool, rate: Double, train: Dataset, test: Dataset
  ) -> TrainedRun {
    var rng = SeededGenerator(seed: config.seed &+ 3_000)
    let model = MLP.make(
      inputs: train.features, width: config.width, depth: config.sweepDepth, outputs: Digits.classes,
      activation: config.activation, initializer: config.initialization.initializer(weightStd: config.weightStd),
      batchNorm: withBN ? config.settings : nil, using: &rng)
    return TrainedRun.train(
      "lr \(rate)", model, train: train, test: test, learningRate: rate, steps: config.sweepSteps,
      batchSize: config.batchSize, batchSeed: config.seed &+ 3_001, clipping: config.clipping)
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
    let seeds = SeedSpread.seeds(from: config.seed, count: config.fixSeeds)
    let rates = config.sweepRates
    let jobs = seeds.flatMap { seed in [false, true].flatMap { bn in rates.map { (seed, bn, $0) } } }
    let runs = ParallelSweep.map(jobs.count, progress: progress) { i in
      var seeded = config
      seeded.seed = jobs[i].0
      return single(seeded, batchNorm: jobs[i].1, rate: jobs[i].2, train: train, test: test)
    }
    let perSeed = seeds.indices.map { s in
      [false, true].enumerated().map { b, bn in
        let start = (s * 2 + b) * rates.count
        return Result(batchNorm: bn, rates: rates, runs: Array(runs[start..<(start + rates.count)]))
      }
    }
    return OverSeeds(seeds: seeds, perSeed: perSeed)
  }
}

extension SeedRuns where Run == LearningRateSweep.Result {
  /// The largest learning rate whose run trained on every seed, plain (0) or with BN (1), or nil.
  package func largestRateTrainingOnEverySeed(_ index: Int) -> Double? {
    let rates = main[index].rates
    return rates.indices.filter { i in perSeed.allSatisfy { $0[index].runs[i].trained } }.map { rates[$0] }.max()
  }
}
