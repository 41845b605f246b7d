import NeuralNet

/// A lesson configuration that trains digit classifiers with SGD: its step size, steps, batch size
/// and clipping make the lesson's `TrainingRecipe`, its seed the batch order.
package protocol TrainingConfiguration: SeededConfiguration {
  /// The SGD step size η.
  var learningRate: Double { get }
  /// Mini-batch steps of a run.
  var steps: Int { get }
  /// Examples per mini-batch.
  var batchSize: Int { get }
  /// Gradient clipping of the runs.
  var clipping: GradientClipping { get }
}

extension TrainingConfiguration {
  /// The lesson's recipe with its batches drawn from the random stream `batches` of `seed` (the
  /// configuration's own by default): runs with the same stream see the same mini-batches.
  /// `learningRate` and `steps`, where given, replace the configuration's.
  package func recipe(
    batches: String, seed: UInt64? = nil, learningRate: Double? = nil, steps: Int? = nil
  ) -> TrainingRecipe {
    TrainingRecipe(
      learningRate: learningRate ?? self.learningRate, steps: steps ?? self.steps, batchSize: batchSize,
      batchSeed: SeededGenerator.streamSeed(seed ?? self.seed, batches), clipping: clipping)
  }
}
