import ExperimentKit
import NeuralNet
import RealModule
import Theory

/// Step `.depthLimit`: what Yang et al.'s explosion means in practice: deep BN nets without skip connections
/// stop training; the same depth with residual connections trains.
package enum DepthLimit {
  /// One depth, plain-BN and residual-BN.
  package struct Pair: Sendable {
    /// Hidden layers (residual blocks for the residual net).
    package var depth: Int
    /// The BN net without skip connections.
    package var plain: TrainedRun
    /// The BN net with residual blocks.
    package var residual: TrainedRun
    /// ‖∂L/∂x‖ at the first hidden layer over that at the last, at step 0, plain.
    package var plainRatio: Double
    /// The same for the residual net.
    package var residualRatio: Double
  }

  /// The depth table on the lesson's seed, and its deepest pair on every seed.
  package struct Result: Sendable {
    /// One pair per depth of `config.limitDepths`, on the lesson's seed.
    package var table: [Pair]
    /// The deepest pair on each of `config.fixSeeds` seeds (the lesson's own first): the
    /// verdict rests on it, and a trained accuracy depends on the seed.
    package var deepest: SeedRuns<Pair>
  }

  /// Trains both nets at every depth of `config.limitDepths`, and the deepest pair again on the
  /// other seeds; every run on its own core (`ParallelSweep`; the same bits as one after another),
  /// the deepest (longest) runs first. `progress` gets the runs done.
  package static func run(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> Result {
    let depths = config.limitDepths
    let deepest = depths.max()!
    let seeds = SeedSpread.seeds(from: config.seed, count: config.fixSeeds)
    let jobs =
      seeds.dropFirst().map { (seed: $0, depth: deepest) }
      + depths.reversed().map { (seed: config.seed, depth: $0) }
    let runs = ParallelSweep.map(2 * jobs.count, progress: progress) { index in
      let job = jobs[index / 2]
      return pair(job.depth, residual: index % 2 == 1, seed: job.seed, config, train: train, test: test)
    }
    func pairOf(_ job: Int) -> Pair {
      let (plain, residual) = (runs[2 * job], runs[2 * job + 1])
      return Pair(
        depth: jobs[job].depth, plain: plain, residual: residual,
        plainRatio: ratio(plain.history, kind: .dense), residualRatio: ratio(residual.history, kind: .residual))
    }
    let table = (0..<depths.count).map { pairOf(jobs.count - 1 - $0) }
    let others = (0..<(seeds.count - 1)).map { [pairOf($0)] }
    return Result(
      table: table, deepest: SeedRuns(seeds: seeds, perSeed: [[table.first { $0.depth == deepest }!]] + others))
  }

  /// One net of a pair: plain or residual BN at `depth`, drawn and trained from `seed`.
  static func pair(
    _ depth: Int, residual: Bool, seed: UInt64, _ config: BatchNormConfiguration, train: Dataset, test: Dataset
  ) -> TrainedRun {
    // Both nets are drawn from one stream, the plain one first, so the residual job draws the
    // plain net too (cheap next to training) to reach the same weights.
    var rng = SeededGenerator(seed: seed, stream: "depth-limit weights \(depth)")
    let initializer = config.initialization.initializer(weightStd: config.weightStd)
    var model = MLP.make(
      inputs: train.features, width: config.limitWidth, depth: depth, outputs: Digits.classes,
      activation: config.activation, initializer: initializer, batchNorm: config.settings, using: &rng)
    if residual {
      model = ResidualMLP.make(
        inputs: train.features, width: config.limitWidth, blocks: depth, outputs: Digits.classes,
        activation: config.activation, initializer: initializer, batchNorm: config.settings, using: &rng)
    }
    return TrainedRun.train(
      residual ? "residual BN" : "plain BN", model, config.recipe(batches: "depth-limit batches", seed: seed),
      train: train, test: test)
  }

  /// The residual net's test accuracy minus the plain one's; +∞ when the plain net went
  /// non-finite (its accuracy is NaN: it did not train at all).
  package static func accuracyGap(_ pair: Pair) -> Double {
    pair.plain.testAccuracy.isNaN ? .infinity : pair.residual.testAccuracy - pair.plain.testAccuracy
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
