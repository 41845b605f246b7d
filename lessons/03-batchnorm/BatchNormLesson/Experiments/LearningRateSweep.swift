import NeuralNet

/// Step 3: Ioffe & Szegedy's claim of higher learning rates: the same net with and without BN,
/// trained at every learning rate of the sweep.
public enum LearningRateSweep {
  /// The runs for one architecture, one per learning rate.
  public struct Result: Sendable {
    /// Whether the nets have batch norm.
    public var batchNorm: Bool
    /// The learning rates.
    public var rates: [Double]
    /// One run per rate.
    public var runs: [TrainedRun]

    /// The largest learning rate whose run trained, or nil.
    public var largestTrainingRate: Double? {
      zip(rates, runs).filter { $0.1.trained }.map(\.0).max()
    }
  }

  /// Both sweeps, plain first.
  public static func run(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: ((Int) -> Void)? = nil
  ) -> [Result] {
    var done = 0
    return [false, true].map { withBN in
      let runs = config.sweepRates.map { rate in
        var rng = SeededGenerator(seed: config.seed &+ 3_000)
        let model = MLP.make(
          inputs: train.features, width: config.width, depth: config.sweepDepth, outputs: Digits.classes,
          activation: config.activation, initializer: config.initialization.initializer(weightStd: config.weightStd),
          batchNorm: withBN ? config.settings : nil, using: &rng)
        let run = TrainedRun.train(
          "lr \(rate)", model, train: train, test: test, learningRate: rate, steps: config.sweepSteps,
          batchSize: config.batchSize, batchSeed: config.seed &+ 3_001, clipping: config.clipping)
        done += 1
        progress?(done)
        return run
      }
      return Result(batchNorm: withBN, rates: config.sweepRates, runs: runs)
    }
  }
}
