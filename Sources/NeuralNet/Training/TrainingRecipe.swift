/// How the lessons train a digit classifier: plain SGD with step size η on the softmax
/// cross-entropy, `steps` mini-batches of `batchSize` drawn in the order fixed by `batchSeed`,
/// clipped by `clipping` first. One value says what a run did; `train` runs it, instrumented
/// (`Trainer.train`), and measures the result.
public struct TrainingRecipe: Sendable, Equatable {
  /// The SGD step size η.
  public var learningRate: Double
  /// Mini-batch steps.
  public var steps: Int
  /// Examples per mini-batch.
  public var batchSize: Int
  /// The seed of the batch order (`BatchSampler`): equal seeds give equal batches.
  public var batchSeed: UInt64
  /// Gradient clipping before each update.
  public var clipping: GradientClipping

  /// A recipe.
  public init(learningRate: Double, steps: Int, batchSize: Int, batchSeed: UInt64, clipping: GradientClipping = .none) {
    self.learningRate = learningRate
    self.steps = steps
    self.batchSize = batchSize
    self.batchSeed = batchSeed
    self.clipping = clipping
  }

  /// What a trained classifier measured: its history and its test accuracy, NaN when the run went
  /// non-finite (the weights then mean nothing).
  public struct Outcome: Sendable {
    /// Every step's record, stopped at the first non-finite value.
    public var history: TrainingHistory
    /// The fraction of the test set classified right; NaN after a non-finite run.
    public var testAccuracy: Double
  }

  /// Trains `model` on `train` by this recipe and measures its accuracy on `test`.
  /// `measuresUpdates` and `histogramEvery` are `Trainer.train`'s; `progress` gets the steps done.
  public func train(
    _ model: Sequential, on train: Dataset, test: Dataset, measuresUpdates: Bool = false,
    histogramEvery: Int? = nil, progress: ((Int) -> Void)? = nil
  ) -> Outcome {
    let history = Trainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(learningRate)), steps: steps,
      batchSize: batchSize, batchSeed: batchSeed, clipping: clipping, measuresUpdates: measuresUpdates,
      histogramEvery: histogramEvery, progress: progress)
    return Outcome(history: history, testAccuracy: test.accuracy(of: model, after: history))
  }
}
