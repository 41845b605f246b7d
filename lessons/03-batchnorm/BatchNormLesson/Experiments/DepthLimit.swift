import NeuralNet
import RealModule

/// Step 5: what Yang et al.'s explosion means in practice: deep BN nets without skip connections
/// stop training; the same depth with residual connections trains.
public enum DepthLimit {
  /// One depth, plain-BN and residual-BN.
  public struct Pair: Sendable {
    /// Hidden layers (residual blocks for the residual net).
    public var depth: Int
    /// The BN net without skip connections.
    public var plain: TrainedRun
    /// The BN net with residual blocks.
    public var residual: TrainedRun
    /// ‖∂L/∂x‖ at the first hidden layer over that at the last, at step 0, plain.
    public var plainRatio: Double
    /// The same for the residual net.
    public var residualRatio: Double
  }

  /// Trains both nets at every depth of `config.limitDepths`.
  public static func run(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: ((Int) -> Void)? = nil
  ) -> [Pair] {
    var done = 0
    return config.limitDepths.map { depth in
      var rng = SeededGenerator(seed: config.seed &+ 5_000 &+ UInt64(depth))
      let initializer = config.initialization.initializer(weightStd: config.weightStd)
      let plainModel = MLP.make(
        inputs: train.features, width: config.limitWidth, depth: depth, outputs: Digits.classes,
        activation: config.activation, initializer: initializer, batchNorm: config.settings, using: &rng)
      let residualModel = ResidualMLP.make(
        inputs: train.features, width: config.limitWidth, blocks: depth, outputs: Digits.classes,
        activation: config.activation, initializer: initializer, batchNorm: config.settings, using: &rng)
      let runs = [("plain BN", plainModel), ("residual BN", residualModel)].map { name, model in
        defer { done += 1 }
        return TrainedRun.train(
          name, model, train: train, test: test, learningRate: config.learningRate, steps: config.steps,
          batchSize: config.batchSize, batchSeed: config.seed &+ 5_001, clipping: config.clipping,
          progress: { progress?(done * config.steps + $0) })
      }
      return Pair(
        depth: depth, plain: runs[0], residual: runs[1],
        plainRatio: ratio(runs[0].history, kind: .dense), residualRatio: ratio(runs[1].history, kind: .residual))
    }
  }

  /// ‖∂L/∂output‖ of the first over the last layer of `kind` at step 0 (dense: the hidden layers).
  static func ratio(_ history: TrainingHistory, kind: LayerKind) -> Double {
    guard let first = history.steps.first else { return .nan }
    var norms = first.layers.filter { $0.kind == kind }.map(\.outputGradientNorm)
    if kind == .dense { norms = Array(norms.dropLast()) }  // the readout is not a hidden layer
    guard let top = norms.last, let bottom = norms.first, top > 0 else { return .nan }
    return bottom / top
  }
}
