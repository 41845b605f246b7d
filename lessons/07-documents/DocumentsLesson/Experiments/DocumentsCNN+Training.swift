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

  /// The documents' CNN and the max-pooling one on each of `seeds` (weights and batch order; no
  /// checkpoint), one run per core (`ParallelSweep`): their test accuracies, per seed the documents'
  /// CNN then the pooled one (NaN where training failed). `progress` gets the runs done.
  package static func testAccuracies(
    seeds: [UInt64], data: (train: Dataset, validation: Dataset, test: Dataset), learningRate: Double,
    settings: EpochTrainer.Settings, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Double] {
    ParallelSweep.map(2 * seeds.count, progress: progress) { job in
      let seed = seeds[job / 2]
      let model = job % 2 == 0 ? make(seed: seed) : makePooled(seed: seed)
      var seeded = settings
      seeded.checkpoint = nil
      seeded.batchSeed = SeededGenerator.streamSeed(seed, "batches")
      let fitted = try? fit(model, data: data, learningRate: learningRate, settings: seeded)
      return fitted == nil ? Double.nan : data.test.accuracy(of: model)
    }
  }
}
