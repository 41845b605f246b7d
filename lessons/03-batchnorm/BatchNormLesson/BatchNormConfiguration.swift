import ExperimentKit
import LessonKit
import NeuralNet
import Nonlinearity
import Notebook
import Theory

/// The parameters of lesson 3, after defaults and command-line overrides.
package struct BatchNormConfiguration: TrainingConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Hidden layers of the net that explodes without BN (`.fix`).
  package var depth: Int
  /// Units per hidden layer of the trained nets.
  package var width: Int
  /// The nonlinearity (ReLU or linear: the two with a closed-form λ(B)).
  package var activation: Activation
  /// σ_w of the bad init of `.fix`: weights N(0, σ_w²/fan_in).
  package var weightStd: Double
  /// The init of the learning-rate sweep and the eval-mode net (`.learningRates` and `.evaluationMode`).
  package var initialization: InitializerChoice
  /// SGD learning rate of `.fix`, `.depthLimit` and `.evaluationMode`.
  package var learningRate: Double
  /// SGD steps of the training runs.
  package var steps: Int
  /// Seeds (weights and batch order) the two runs of `.fix` are repeated with.
  package var fixSeeds: Int
  /// Mini-batch size of the training runs (at least 4).
  package var batchSize: Int
  /// BN momentum m: running ← (1 − m)·running + m·batch.
  package var momentum: Double
  /// BN ε.
  package var epsilon: Double
  /// Learning rates of the sweep (`.learningRates`).
  package var sweepRates: [Double]
  /// Depth of the sweep's nets (`.learningRates`).
  package var sweepDepth: Int
  /// Steps of each sweep run.
  package var sweepSteps: Int
  /// Batch sizes of Yang et al.'s measurement (`.yang`).
  package var yangBatchSizes: [Int]
  /// Depth of the nets measured in `.yang`.
  package var yangDepth: Int
  /// Width of the nets measured in `.yang` (≥ 512 in full mode).
  package var yangWidth: Int
  /// Networks averaged per batch size in `.yang`.
  package var yangNetworks: Int
  /// Depths of the BN-plain vs BN-residual comparison (`.depthLimit`).
  package var limitDepths: [Int]
  /// Width of the nets of `.depthLimit` (narrower than `width`, so that depth 100 trains in seconds).
  package var limitWidth: Int
  /// Test-time batch sizes of the eval-mode experiment (`.evaluationMode`).
  package var evaluationBatchSizes: [Int]
  /// Gradient clipping of the training runs (`--clip-norm`, `--clip-value`; none by default).
  package var clipping: GradientClipping = .none
  /// The internal-covariate-shift step's nets and measurements (the sweep's depth and steps, the
  /// largest of its rates at which the plain net trains on every seed).
  package var shift = CovariateShift.Setup(
    depth: 10, width: 256, learningRate: 0.1, steps: 150, batchSize: 64, measureEvery: 10,
    stepMultiples: [0.5, 1, 2, 4],
    noiseScaleSpread: 0.5, noiseShiftSpread: 1)

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    depth = 20
    width = quick ? 128 : 256
    activation = .relu
    weightStd = 3.0.squareRoot()
    initialization = .he
    learningRate = 0.05
    steps = quick ? 80 : 300
    fixSeeds = quick ? 2 : 5
    batchSize = 64
    momentum = 0.1
    epsilon = 1e-5
    sweepRates = [0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    sweepDepth = 10
    sweepSteps = quick ? 60 : 150
    yangBatchSizes = [8, 16, 32, 64, 128]
    yangDepth = quick ? 40 : 50
    yangWidth = quick ? 256 : 512
    yangNetworks = quick ? 6 : 8
    limitDepths = quick ? [5, 15, 40] : [10, 25, 50, 100]
    limitWidth = quick ? 64 : 128
    evaluationBatchSizes = [1, 2, 4, 8, 32, 128]
    shift.width = width
    shift.depth = sweepDepth
    shift.steps = sweepSteps
    shift.measureEvery = quick ? 20 : 25
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions, momentum: Double?, epsilon: Double?)
    throws(ConfigurationError)
  {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = try NetworkOptions.atLeast(
      network.depth, "--depth", 3, " for this lesson: the per-layer factor is a fit over layers")
    {
      self.depth = depth
    }
    if let width = try NetworkOptions.atLeast(network.width, "--width", 16) {
      self.width = width
      limitWidth = width
      shift.width = width
    }
    if let activation = network.activation {
      guard activation == .relu || activation == .identity else {
        throw ConfigurationError(
          "--activation \(activation.rawValue) has no closed-form λ(B) in Yang et al.; use relu or identity")
      }
      self.activation = activation
    }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
    if let choice = network.initialization { initialization = choice }
    try network.applyTraining(learningRate: &learningRate, steps: &steps, batchSize: &batchSize, clipping: &clipping)
    try NetworkOptions.atLeast(
      batchSize, "--batch-size", 4, " with batch norm: a batch of 1 has no variance, and λ(B) needs B ≥ 4")
    if let momentum {
      guard momentum.isFinite && momentum > 0 && momentum <= 1 else {
        throw ConfigurationError(
          "--momentum must be a number in (0, 1], the weight of a new batch in the running statistics (got \(momentum))"
        )
      }
      self.momentum = momentum
    }
    if let epsilon = try NetworkOptions.inRange(epsilon, "--epsilon", 0...1) { self.epsilon = epsilon }
  }

  /// σ_w² of the bad init.
  package var gain2: Double { weightStd * weightStd }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("depth", .integer(depth)), ("width", .integer(width)), ("activation", .string(activation.rawValue)),
      ("weight_std", .number(weightStd)), ("init", .string(initialization.rawValue)), ("lr", .number(learningRate)),
      ("steps", .integer(steps)), ("fix_seeds", .integer(fixSeeds)), ("batch_size", .integer(batchSize)),
      ("momentum", .number(momentum)),
      ("epsilon", .number(epsilon)), ("sweep_rates", .string(sweepRates.map { "\($0)" }.joined(separator: ","))),
      ("sweep_depth", .integer(sweepDepth)), ("sweep_steps", .integer(sweepSteps)),
      ("yang_batch_sizes", .string(yangBatchSizes.map(String.init).joined(separator: ","))),
      ("yang_depth", .integer(yangDepth)), ("yang_width", .integer(yangWidth)),
      ("yang_networks", .integer(yangNetworks)),
      ("limit_depths", .string(limitDepths.map(String.init).joined(separator: ","))),
      ("limit_width", .integer(limitWidth)), ("clipping", .string(clipping.description)),
      ("shift_lr", .number(shift.learningRate)), ("shift_measure_every", .integer(shift.measureEvery)),
      ("shift_step_multiples", .string(shift.stepMultiples.map { "\($0)" }.joined(separator: ","))),
      ("shift_noise_scale_spread", .number(shift.noiseScaleSpread)),
      ("shift_noise_shift_spread", .number(shift.noiseShiftSpread)),
    ]
  }
}
