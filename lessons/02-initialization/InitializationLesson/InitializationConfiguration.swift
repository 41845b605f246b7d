import ExperimentKit
import LessonKit
import NeuralNet
import Nonlinearity
import Notebook
import Theory

/// The parameters of lesson 2, after defaults and command-line overrides.
package struct InitializationConfiguration: TrainingConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Hidden layers of the measured nets (`.variance`, `.edgeOfChaos` and `.finiteWidth`) and of the trained net (`.heTraining`).
  package var depth: Int
  /// The depth of He et al.'s trained net, 30 unless `--depth` is given.
  package var trainingDepth: Int
  /// Units per hidden layer.
  package var width: Int
  /// The nonlinearities of `.variance` and `.depthSweep` (all of linear, ReLU, tanh unless `--activation` picks one).
  package var activations: [Activation]
  /// The inits compared in `.variance` and `.depthSweep`.
  package var inits: [InitializerChoice]
  /// The init trained against He in `.heTraining` (Xavier, as in He et al. 2015, unless `--init` is given).
  package var challenger: InitializerChoice
  /// σ_w of `--init scaled`.
  package var weightStd: Double
  /// σ_b² of the edge-of-chaos nets (`.edgeOfChaos`) and exercise 1.
  package var biasVariance: Double
  /// SGD learning rate (`.heTraining` and `.symmetry`).
  package var learningRate: Double
  /// SGD steps (`.heTraining` and `.symmetry`).
  package var steps: Int
  /// Mini-batch size (`.heTraining` and `.symmetry`).
  package var batchSize: Int
  /// Examples in the batch used to measure gradients at initialization.
  package var measurementBatch: Int
  /// Networks (seeds) averaged per measured configuration.
  package var networksPerCase: Int
  /// The depths of the sweep (`.depthSweep`).
  package var sweepDepths: [Int]
  /// Width of Glorot & Bengio's tanh layers (`.glorotBengio`; 1000 in the paper).
  package var glorotWidth: Int
  /// Width of the matrices whose product's spectrum is measured (`.spectrum`).
  package var spectrumWidth: Int
  /// Products per depth in `.spectrum`.
  package var spectrumTrials: Int
  /// Networks (seeds) in the finite-width study (`.finiteWidth`).
  package var finiteWidthSeeds: Int
  /// Width of the finite-width study's nets (`.finiteWidth`): narrow, so that the spread 5L/n is visible.
  package var finiteWidth: Int
  /// Gradient clipping of the training runs (`--clip-norm`, `--clip-value`; none by default).
  package var clipping: GradientClipping = .none

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    depth = 50
    trainingDepth = 30
    width = quick ? 128 : 256
    activations = [.identity, .relu, .tanh]
    inits = [.naive, .lecun, .xavier, .he, .orthogonal]
    challenger = .xavier
    weightStd = 2.0.squareRoot()
    biasVariance = 0.05
    learningRate = 0.01
    steps = quick ? 100 : 400
    batchSize = 64
    measurementBatch = quick ? 128 : 256
    networksPerCase = quick ? 1 : 2
    sweepDepths = quick ? [2, 5, 10, 20, 35, 50] : [2, 5, 10, 20, 40, 70, 100]
    glorotWidth = quick ? 250 : 1000
    spectrumWidth = quick ? 200 : 400
    spectrumTrials = quick ? 4 : 6
    finiteWidthSeeds = quick ? 100 : 200
    finiteWidth = quick ? 64 : 128
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions, biasVariance: Double?) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = try NetworkOptions.atLeast(
      network.depth, "--depth", 3, " for this lesson: the per-layer factor is a fit over layers")
    {
      self.depth = depth
      trainingDepth = depth
      if !sweepDepths.contains(depth) { sweepDepths = (sweepDepths + [depth]).sorted() }
    }
    if let width = try NetworkOptions.atLeast(network.width, "--width", 16, " for the mean-field theory to apply") {
      self.width = width
    }
    if let activation = network.activation { activations = [activation] }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
    if let choice = network.initialization {
      guard choice != .he else {
        throw ConfigurationError(
          "--init chooses the init compared with He; use another one than he (naive, lecun, xavier, xavier-uniform, he-uniform, orthogonal, scaled, zeros)"
        )
      }
      challenger = choice
      if !inits.contains(choice) && choice != .zeros { inits.append(choice) }
    }
    if let biasVariance = try NetworkOptions.inRange(biasVariance, "--bias-variance", 0...1) {
      self.biasVariance = biasVariance
    }
    try network.applyTraining(learningRate: &learningRate, steps: &steps, batchSize: &batchSize, clipping: &clipping)
  }

  /// σ_w² on the edge of chaos for tanh at this σ_b² (docs/theory.md §4).
  package var criticalTanhGain2: Double { MeanField.criticalWeightVariance(.tanh, biasVariance: biasVariance) }

  /// The σ_w² of the tanh nets measured in `.edgeOfChaos`: ordered, critical and chaotic.
  package var edgeOfChaosGains2: [Double] { [0.6, 1.0, 1.6].map { $0 * criticalTanhGain2 } }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("depth", .integer(depth)), ("training_depth", .integer(trainingDepth)), ("width", .integer(width)),
      ("activations", .string(activations.map(\.rawValue).joined(separator: ","))),
      ("inits", .string(inits.map(\.rawValue).joined(separator: ","))), ("challenger", .string(challenger.rawValue)),
      ("weight_std", .number(weightStd)), ("bias_variance", .number(biasVariance)), ("lr", .number(learningRate)),
      ("steps", .integer(steps)), ("batch_size", .integer(batchSize)),
      ("measurement_batch", .integer(measurementBatch)),
      ("networks_per_case", .integer(networksPerCase)),
      ("sweep_depths", .string(sweepDepths.map(String.init).joined(separator: ","))),
      ("glorot_width", .integer(glorotWidth)), ("spectrum_width", .integer(spectrumWidth)),
      ("spectrum_trials", .integer(spectrumTrials)), ("finite_width_seeds", .integer(finiteWidthSeeds)),
      ("finite_width", .integer(finiteWidth)), ("clipping", .string(clipping.description)),
    ]
  }
}
