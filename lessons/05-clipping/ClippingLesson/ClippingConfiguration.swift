import Theory
import ExperimentKit
import LessonKit
import NeuralNet
import Nonlinearity
import Notebook

/// The parameters of lesson 5, after defaults and command-line overrides.
package struct ClippingConfiguration: SeededConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// T: the adding problem's sequence length (`.condition`, `.unclipped`, `.sweep` and `.direction`).
  package var length: Int
  /// Hidden units of the recurrent net.
  package var hidden: Int
  /// σ₁ = ρ of the orthogonal recurrent weight at init (W_rec = gain · Q).
  package var gain: Double
  /// The recurrent nonlinearity: tanh or sigmoid.
  package var activation: Activation
  /// Sequences per mini-batch (Pascanu et al.: 20).
  package var batchSize: Int
  /// The SGD step size of the recurrent runs: large enough that unclipped training blows up.
  package var learningRate: Double
  /// Update steps of each recurrent training run.
  package var steps: Int
  /// Steps between test-set evaluations.
  package var evaluateEvery: Int
  /// Test sequences.
  package var testSequences: Int
  /// Updates of the probe run (at η/10) whose mean gradient norm ḡ sets the thresholds.
  package var probeSteps: Int
  /// Clipping thresholds of `.sweep` as multiples of ḡ (Pascanu et al.'s 0.5×–10×).
  package var thresholdMultiples: [Double]
  /// Network seeds of the threshold sweep (each a different W_rec, W_in and readout).
  package var sweepSeeds: Int
  /// A threshold of the user's own (`--clip-norm`), added to the sweep.
  package var userThreshold: Double?
  /// The value-clipping bound c of `.direction` (`--clip-value`; nil = chosen from ḡ).
  package var valueClip: Double?
  /// Hidden layers of `.deepNetwork`'s deep MLP whose learning rate is too large.
  package var depth: Int
  /// Units per hidden layer of `.deepNetwork`'s MLPs.
  package var width: Int
  /// Hidden layers of `.deepNetwork`'s vanishing MLP.
  package var vanishingDepth: Int
  /// The too-large learning rate of `.deepNetwork`.
  package var mlpLearningRate: Double
  /// The sane learning rate of `.deepNetwork` (for comparison).
  package var mlpSafeLearningRate: Double
  /// The norm threshold of `.deepNetwork`'s clipped runs.
  package var mlpClipNorm: Double
  /// SGD steps of `.deepNetwork`'s runs.
  package var mlpSteps: Int
  /// The init of `.deepNetwork`'s exploding net.
  package var mlpInitialization: InitializerChoice
  /// σ_w of `--init scaled`.
  package var weightStd: Double

  /// Test loss below which the adding problem counts as learned: half the loss of predicting the
  /// mean, 1/24 (the sum of two U[0, 1] values has variance 1/6).
  package static let learnedLoss = 1.0 / 24
  /// The test loss of always predicting the mean sum 1: ½·Var = 1/12.
  package static let meanPredictorLoss = 1.0 / 12

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    length = 30
    hidden = 50
    gain = 1
    activation = .tanh
    batchSize = 20
    learningRate = 0.2
    steps = quick ? 800 : 3000
    evaluateEvery = quick ? 50 : 100
    testSequences = quick ? 200 : 500
    probeSteps = 100
    thresholdMultiples = [0.5, 1, 2, 5, 10]
    sweepSeeds = quick ? 2 : 5
    userThreshold = nil
    valueClip = nil
    depth = 10
    width = 64
    vanishingDepth = 30
    mlpLearningRate = 1
    mlpSafeLearningRate = 0.05
    mlpClipNorm = 1
    mlpSteps = quick ? 300 : 1000
    mlpInitialization = .he
    weightStd = 2.0.squareRoot()
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(
    lesson: LessonOptions, network: NetworkOptions, length: Int?, hidden: Int?, gain: Double?
  ) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let length = try NetworkOptions.inRange(length, "--length", 2...200) { self.length = length }
    if let hidden = try NetworkOptions.inRange(hidden, "--hidden", 1...256) { self.hidden = hidden }
    if let gain = try NetworkOptions.inRange(gain, "--gain", 0...100, excludingLowerBound: true) { self.gain = gain }
    if let activation = network.activation {
      guard activation == .tanh || activation == .sigmoid else {
        throw ConfigurationError(
          "--activation must be tanh or sigmoid in this lesson: it sets the recurrent net's φ (got \(activation.rawValue))"
        )
      }
      self.activation = activation
    }
    if let batchSize = try NetworkOptions.limited(network.batchSize, "--batch-size", atMost: 1000, unit: "sequences") {
      self.batchSize = batchSize
    }
    if let lr = network.lr { learningRate = lr }
    let sweep = "\(ClippingLesson.outline.reference(.sweep)) trains many nets"
    if let steps = try NetworkOptions.limited(network.steps, "--steps", atMost: 20000, sweep) { self.steps = steps }
    switch network.clipping {
    case .norm(let t): userThreshold = t
    case .value(let c): valueClip = c
    case .none: break
    }
    if let depth = try NetworkOptions.limited(network.depth, "--depth", atMost: 100) { self.depth = depth }
    if let width = try NetworkOptions.limited(network.width, "--width", atMost: 512) { self.width = width }
    if let choice = network.initialization { mlpInitialization = choice }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
  }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("length", .integer(length)), ("hidden", .integer(hidden)), ("gain", .number(gain)),
      ("activation", .string(activation.rawValue)), ("batch_size", .integer(batchSize)),
      ("lr", .number(learningRate)), ("steps", .integer(steps)), ("evaluate_every", .integer(evaluateEvery)),
      ("test_sequences", .integer(testSequences)), ("probe_steps", .integer(probeSteps)),
      ("threshold_multiples", .string(thresholdMultiples.map { "\($0)" }.joined(separator: ","))),
      ("sweep_seeds", .integer(sweepSeeds)), ("clip_norm", userThreshold.map(JSONValue.number) ?? .null),
      ("clip_value", valueClip.map(JSONValue.number) ?? .null), ("depth", .integer(depth)),
      ("width", .integer(width)), ("vanishing_depth", .integer(vanishingDepth)),
      ("mlp_lr", .number(mlpLearningRate)), ("mlp_safe_lr", .number(mlpSafeLearningRate)),
      ("mlp_clip_norm", .number(mlpClipNorm)), ("mlp_steps", .integer(mlpSteps)),
      ("init", .string(mlpInitialization.rawValue)), ("weight_std", .number(weightStd)),
    ]
  }

  /// The recurrent net of network seed `seed`: W_rec = gain·Q (Q orthogonal, so σ₁ = ρ = gain),
  /// Xavier W_in and readout.
  package func makeRecurrentModel(seed: UInt64) -> RecurrentRegressor {
    var rng = SeededGenerator(seed: seed)
    let recurrent = Initializer.orthogonal(gain: gain).makeWeights(fanOut: hidden, fanIn: hidden, using: &rng)
    return RecurrentRegressor(
      inputs: 2, hidden: hidden, outputs: 1, recurrentWeight: recurrent, activation: activation, using: &rng)
  }

  /// The training settings of the recurrent runs.
  package func trainingSettings(clipping: GradientClipping, steps: Int? = nil, tracksSpectralNorm: Bool = false)
    -> AddingProblemTrainer.Settings
  {
    AddingProblemTrainer.Settings(
      length: length, batchSize: batchSize, learningRate: learningRate, steps: steps ?? self.steps,
      clipping: clipping, evaluateEvery: evaluateEvery,
      dataSeed: SeededGenerator.streamSeed(seed, "adding-problem data"), tracksSpectralNorm: tracksSpectralNorm)
  }

  /// The fixed test set of the recurrent runs.
  package func testSet() -> (sequence: [Tensor], targets: Tensor) {
    var rng = SeededGenerator(seed: seed, stream: "test set")
    return AddingProblem.make(count: testSequences, length: length, using: &rng)
  }
}
