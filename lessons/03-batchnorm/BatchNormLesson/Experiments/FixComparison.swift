import NeuralNet
import Theory

/// Step 2: the fix the documents mean: a deep plain net with a too-large init explodes; the same
/// net with batch norm after every dense layer trains (same weights, same batch order).
public enum FixComparison {
  /// Trains the plain and the BN net.
  public static func run(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: ((Int) -> Void)? = nil
  ) -> [TrainedRun] {
    var offset = 0
    return [false, true].map { withBN in
      var rng = SeededGenerator(seed: config.seed &+ 2_000)
      let model = MLP.make(
        inputs: train.features, width: config.width, depth: config.depth, outputs: Digits.classes,
        activation: config.activation, initializer: .scaledNormal(gain2: config.gain2),
        batchNorm: withBN ? config.settings : nil, using: &rng)
      defer { offset += config.steps }
      return TrainedRun.train(
        withBN ? "with batch norm" : "plain", model, train: train, test: test, learningRate: config.learningRate,
        steps: config.steps, batchSize: config.batchSize, batchSeed: config.seed &+ 2_001, clipping: config.clipping,
        progress: { progress?(offset + $0) })
    }
  }
}

extension BatchNormConfiguration {
  /// The batch-norm settings of the configuration.
  public var settings: BatchNorm.Settings { BatchNorm.Settings(epsilon: Float(epsilon), momentum: Float(momentum)) }
}
