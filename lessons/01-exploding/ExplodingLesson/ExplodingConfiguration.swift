import ExperimentKit
import LessonKit
import NeuralNet
import Nonlinearity
import Notebook
import Theory

/// The parameters of lesson 1, after defaults and command-line overrides.
package struct ExplodingConfiguration: TrainingConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Hidden layers of the deep nets (`.naive`, `.profiles` and `.training`) and matrices in the product (`.products`).
  package var depth: Int
  /// Units per hidden layer.
  package var width: Int
  /// The nonlinearity (ReLU or identity: the two with closed-form theory).
  package var activation: Activation
  /// σ_w of the exploding net: weights N(0, σ_w²/fan_in).
  package var weightStd: Double
  /// The initialization the exploding net is compared with in training (`.training`).
  package var fix: InitializerChoice
  /// SGD learning rate (`.training`).
  package var learningRate: Double
  /// SGD steps (`.training`).
  package var steps: Int
  /// Mini-batch size (`.training`).
  package var batchSize: Int
  /// Examples in the batch used to measure gradients at initialization (`.naive` and `.profiles`).
  package var measurementBatch: Int
  /// Independent products averaged in `.products`.
  package var productTrials: Int
  /// Networks (seeds) averaged per σ_w² in `.profiles`.
  package var networksPerGain: Int
  /// Seeds (weights and batch order) each training run of `.training` is repeated with.
  package var trainingSeeds: Int
  /// Gradient clipping of the training runs (`--clip-norm`, `--clip-value`; none by default).
  package var clipping: GradientClipping = .none
  /// Step `.midTraining`'s runs: a tanh net whose warm-up outgrows what it tolerates, and its fixes (quick
  /// mode stops at step 120, well past the explosion, and measures the sharpness and the
  /// histograms less often).
  package var midTraining: MidTrainingExplosion.Setup

  /// The name of `.training`'s exploding run in tables and charts: "σ_w² = 3".
  package var explodingRunName: String { "σ_w² = \(Format.number(gain2))" }

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    depth = 50
    width = quick ? 128 : 256
    activation = .relu
    weightStd = 3.0.squareRoot()
    fix = .he
    learningRate = 0.001
    steps = quick ? 60 : 300
    batchSize = 64
    measurementBatch = quick ? 128 : 256
    productTrials = quick ? 24 : 32
    networksPerGain = quick ? 2 : 4
    trainingSeeds = quick ? 2 : 5
    midTraining = MidTrainingExplosion.Setup(
      depth: 10, width: 256, schedule: .linearWarmup(to: 0.4, over: 200), steps: quick ? 120 : 200, batchSize: 64,
      smallerStepDivisor: 4, clipNorm: 2, sharpnessEvery: quick ? 20 : 5, sharpnessProbe: 128,
      histogramEvery: quick ? 4 : 2, weightDecay: 1e-3, dropoutRate: 0.2)
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = network.depth { self.depth = depth }
    if let width = network.width { self.width = width }
    if let activation = network.activation {
      guard activation == .relu || activation == .identity else {
        throw ConfigurationError(
          """
          --activation \(activation.rawValue) has no closed-form theory in this lesson; use relu or \
          identity (tanh and sigmoid are in the initialization lesson)
          """
        )
      }
      self.activation = activation
      if network.weightStd == nil { weightStd = (1.5 * criticalGain2).squareRoot() }
    }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
    if let fix = network.initialization { self.fix = fix }
    try network.applyTraining(learningRate: &learningRate, steps: &steps, batchSize: &batchSize, clipping: &clipping)
  }

  /// σ_w² of the exploding net.
  package var gain2: Double { weightStd * weightStd }

  /// The σ_w² that neither explodes nor vanishes: 2 for ReLU, 1 for identity.
  package var criticalGain2: Double { activation == .relu ? 2 : 1 }

  /// The σ_w² values compared in `.profiles`: ½, 1, 1.5 and 2 times critical, plus the chosen one.
  package var comparedGains2: [Double] {
    var gains = [0.5, 1, 1.5, 2].map { $0 * criticalGain2 }
    if !gains.contains(where: { abs($0 - gain2) < 1e-9 }) { gains.append(gain2) }
    return gains.sorted()
  }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("depth", .integer(depth)), ("width", .integer(width)), ("activation", .string(activation.rawValue)),
      ("weight_std", .number(weightStd)), ("fix_init", .string(fix.rawValue)),
      ("lr", .number(learningRate)), ("steps", .integer(steps)), ("batch_size", .integer(batchSize)),
      ("measurement_batch", .integer(measurementBatch)), ("product_trials", .integer(productTrials)),
      ("networks_per_gain", .integer(networksPerGain)),
      ("training_seeds", .integer(trainingSeeds)), ("clipping", .string(clipping.description)),
      ("mid_training_depth", .integer(midTraining.depth)), ("mid_training_width", .integer(midTraining.width)),
      ("mid_training_peak_lr", .number(midTraining.schedule.peak)),
      ("mid_training_warmup_steps", .integer(midTraining.schedule.warmupSteps)),
      ("mid_training_steps", .integer(midTraining.steps)), ("mid_training_batch_size", .integer(midTraining.batchSize)),
      ("mid_training_smaller_step_divisor", .number(midTraining.smallerStepDivisor)),
      ("mid_training_clip_norm", .number(midTraining.clipNorm)),
      ("mid_training_sharpness_every", .integer(midTraining.sharpnessEvery)),
      ("mid_training_sharpness_probe", .integer(midTraining.sharpnessProbe)),
      ("mid_training_histogram_every", .integer(midTraining.histogramEvery)),
      ("remedies_weight_decay", .number(midTraining.weightDecay)),
      ("remedies_dropout_rate", .number(midTraining.dropoutRate)),
    ]
  }
}
