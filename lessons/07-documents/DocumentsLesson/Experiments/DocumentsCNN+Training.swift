import NeuralNet

extension DocumentsCNN {
  /// Trains `model` as “Generalize better” compiles it: Adam at `learningRate`, sparse categorical
  /// cross-entropy, and `settings`' epochs, batches, early stopping on the validation loss and
  /// checkpoint. `progress` gets the steps done.
  package static func fit(
    _ model: Sequential, data: (train: Dataset, validation: Dataset, test: Dataset), learningRate: Double,
    settings: EpochTrainer.Settings, progress: ((Int) -> Void)? = nil
  ) throws -> EpochTrainer.History {
    try EpochTrainer.fit(
      model, train: data.train, validation: data.validation, loss: SoftmaxCrossEntropy(),
      optimizer: Adam(learningRate: Float(learningRate)), settings: settings, progress: progress)
  }

  /// The documents' CNN and the max-pooling one on each of `seeds` (weights and batch order), one
  /// run per core (`ParallelSweep`): per seed the documents' CNN then the pooled one, each its
  /// history and test accuracy, or the error that stopped it. Only the first seed's documents' CNN
  /// saves its best weights to `settings.checkpoint`. `progress` gets the runs done.
  package static func fits(
    seeds: [UInt64], data: (train: Dataset, validation: Dataset, test: Dataset), learningRate: Double,
    settings: EpochTrainer.Settings, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Result<(history: EpochTrainer.History, testAccuracy: Double), any Error>] {
    ParallelSweep.map(2 * seeds.count, progress: progress) { job in
      let seed = seeds[job / 2]
      let model = job % 2 == 0 ? make(seed: seed) : makePooled(seed: seed)
      var seeded = settings
      if job != 0 { seeded.checkpoint = nil }
      seeded.batchSeed = SeededGenerator.streamSeed(seed, "batches")
      return Result {
        let history = try fit(model, data: data, learningRate: learningRate, settings: seeded)
        return (history, data.test.accuracy(of: model))
      }
    }
  }
}
