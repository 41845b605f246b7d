import ExperimentKit
import LessonKit
import NeuralNet
import Notebook

/// The parameters of lesson 8, after defaults and command-line overrides.
package struct PrecisionConfiguration: SeededConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Random values rounded per binade in `.formats`.
  package var formatSamples: Int
  /// Units per layer of `.overflow`'s nets.
  package var overflowWidth: Int
  /// Digits fed through `.overflow`'s nets.
  package var overflowExamples: Int
  /// `.overflow`'s two nets: lesson 1's naive one and a σ_w² = 3 one.
  package var overflowNets: [OverflowProfile.Net]
  /// The net trained in `.underflow`, `.staticScaling` and `.dynamicScaling`.
  package var training: GradientUnderflow.Setup
  /// Seeds (weights and batch order) the training comparison is repeated with.
  package var trainingSeeds: Int
  /// The static scale of the training comparison.
  package var staticScale: Double
  /// GradScaler's settings for the dynamic scale.
  package var scaler: LossScaler
  /// `.warmupExplosion`'s runs: lesson 1's mid-training explosion.
  package var warmup: WarmupUnderScaling.Setup
  /// Seeds of `.warmupExplosion`.
  package var warmupSeeds: Int

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    formatSamples = quick ? 100 : 400
    overflowWidth = 256
    overflowExamples = 64
    overflowNets = [
      .init(name: "naive", gain2: nil, depth: 50),
      .init(name: "gain3", gain2: 3, depth: 480),
    ]
    training = GradientUnderflow.Setup(
      depth: 6, width: 64, learningRate: 0.1, steps: quick ? 1500 : 4000, batchSize: 32, checkpoints: quick ? 4 : 9,
      scaleExponents: Array(stride(from: 0, through: 24, by: 4)))
    trainingSeeds = quick ? 2 : 5
    staticScale = 1024
    scaler = LossScaler()
    warmup = WarmupUnderScaling.Setup(
      depth: 10, width: 256, peak: 0.4, warmupSteps: 200, steps: quick ? 120 : 200, batchSize: 64, clipNorm: 2)
    warmupSeeds = quick ? 2 : 5
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions, options: PrecisionOptions) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = try NetworkOptions.inRange(network.depth, "--depth", 1...50) { training.depth = depth }
    if let width = try NetworkOptions.inRange(network.width, "--width", 4...512) { training.width = width }
    if network.activation != nil || network.initialization != nil || network.weightStd != nil
      || network.clipValue != nil
    {
      throw ConfigurationError(
        "--activation, --init, --weight-std and --clip-value do not apply here: the nets are fixed ReLU and tanh nets at their inits"
      )
    }
    var clipping = GradientClipping.none
    try network.applyTraining(
      learningRate: &training.learningRate, steps: &training.steps, batchSize: &training.batchSize,
      clipping: &clipping, maxSteps: 20000)
    if let tau = network.clipNorm { warmup.clipNorm = tau }
    if let lr = network.lr, !(lr > 0 && lr <= 10) {
      throw ConfigurationError("--lr must be a number in (0, 10] (got \(NetworkOptions.written(lr)))")
    }
    try NetworkOptions.atLeast(training.steps, "--steps", 10)
    let scale = try Self.powerOfTwo(options.initScale, "--init-scale") ?? scaler.scale
    let interval = try NetworkOptions.inRange(options.growthInterval, "--growth-interval", 1...100_000)
    let growth = try NetworkOptions.inRange(options.growthFactor, "--growth-factor", 1...16, excludingLowerBound: true)
    let backoff = try NetworkOptions.inRange(
      options.backoffFactor, "--backoff-factor", 0...1, excludingLowerBound: true)
    if backoff == 1 { throw ConfigurationError("--backoff-factor must be below 1 (got 1)") }
    scaler = LossScaler(
      scale: scale, growthFactor: growth ?? scaler.growthFactor, backoffFactor: backoff ?? scaler.backoffFactor,
      growthInterval: interval ?? scaler.growthInterval)
    staticScale = try Self.powerOfTwo(options.staticScale, "--static-scale") ?? staticScale
    if let depth = try NetworkOptions.inRange(options.overflowDepth, "--overflow-depth", 2...1000) {
      for i in overflowNets.indices { overflowNets[i].depth = depth }
    }
  }

  /// `value` if it is a power of two in 1…2⁴⁰, else a one-line error (nil when not given).
  static func powerOfTwo(_ value: Double?, _ option: String) throws(ConfigurationError) -> Double? {
    guard let value else { return nil }
    guard value.isFinite, value >= 1, value <= 0x1p40, value.significand == 1 else {
      throw ConfigurationError(
        "\(option) must be a power of two in 1…2^40, e.g. 1024 or 65536 (got \(NetworkOptions.written(value)))")
    }
    return value
  }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("format_samples", .integer(formatSamples)), ("overflow_width", .integer(overflowWidth)),
      ("overflow_examples", .integer(overflowExamples)),
      ("overflow_depths", .string(overflowNets.map { "\($0.name):\($0.depth)" }.joined(separator: ","))),
      ("depth", .integer(training.depth)), ("width", .integer(training.width)), ("lr", .number(training.learningRate)),
      ("steps", .integer(training.steps)), ("batch_size", .integer(training.batchSize)),
      ("checkpoints", .integer(training.checkpoints)), ("training_seeds", .integer(trainingSeeds)),
      ("static_scale", .number(staticScale)), ("init_scale", .number(scaler.scale)),
      ("growth_factor", .number(scaler.growthFactor)), ("backoff_factor", .number(scaler.backoffFactor)),
      ("growth_interval", .integer(scaler.growthInterval)), ("warmup_depth", .integer(warmup.depth)),
      ("warmup_width", .integer(warmup.width)), ("warmup_peak_lr", .number(warmup.peak)),
      ("warmup_steps", .integer(warmup.warmupSteps)), ("warmup_run_steps", .integer(warmup.steps)),
      ("warmup_batch_size", .integer(warmup.batchSize)), ("warmup_clip_norm", .number(warmup.clipNorm)),
      ("warmup_seeds", .integer(warmupSeeds)),
    ]
  }
}
