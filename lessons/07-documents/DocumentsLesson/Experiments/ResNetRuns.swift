import NeuralNet

/// One run of `.resnet`.
package struct ResNetRun: Sendable {
  /// The variant.
  package var variant: SmallResNet.Variant
  /// Examples per step.
  package var batchSize: Int
  /// What training measured.
  package var history: TrainingHistory
  /// The mean squared error on all examples after training (evaluation mode).
  package var finalError: Double
}

extension SmallResNet {
  /// Every variant on every seed (weights and batch order), trained with Adam on the mean squared
  /// error, each (seed, net) run on its own core (`ParallelSweep`: the same numbers as one by
  /// one), the variants in order per seed. The full-batch variant takes `fullBatchSteps` steps of
  /// all examples, the others `steps` of `batchSize`.
  package static func train(
    _ variants: [Variant], seeds: [UInt64], shape: ImageShape, blocks: Int, data: Dataset, batchSize: Int,
    steps: Int, fullBatchSteps: Int, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [ResNetRun] {
    let jobs = seeds.flatMap { seed in variants.map { (seed, $0) } }
    return ParallelSweep.map(jobs.count, progress: progress) { i in
      let (seed, variant) = jobs[i]
      let full = variant == .residualBatchNormFullBatch
      let batch = full ? data.count : batchSize
      let model = make(variant, shape: shape, blocks: blocks, seed: seed)
      let history = Trainer.train(
        model, on: data, loss: MeanSquaredError(), optimizer: Adam(), steps: full ? fullBatchSteps : steps,
        batchSize: batch, batchSeed: SeededGenerator.streamSeed(seed, "batches"))
      return ResNetRun(
        variant: variant, batchSize: batch, history: history,
        finalError: data.loss(of: model, using: MeanSquaredError()))
    }
  }
}
