import ExperimentKit
import LessonKit
import NeuralNet
import Nonlinearity
import Notebook
import Theory

/// The parameters of lesson 4, after defaults and command-line overrides.
package struct BatchGDConfiguration: SeededConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Hidden layers of the small MLP of `.comparison` and `.noise` and of the edge-of-stability net.
  package var depth: Int
  /// Units per hidden layer of those nets.
  package var width: Int
  /// Their nonlinearity.
  package var activation: Activation
  /// Their init.
  package var initialization: InitializerChoice
  /// σ_w of `--init scaled`.
  package var weightStd: Double
  /// Learning rate of `.comparison`.
  package var learningRate: Double
  /// Steps of each run of `.comparison`.
  package var steps: Int
  /// The mini-batch size compared in `.comparison` (besides full batch and 1).
  package var batchSize: Int
  /// Mini-batches drawn per batch size in the noise measurement (`.noise`).
  package var noiseDraws: Int
  /// η / (2/λ_max) of the slow-steps runs (`.slowSteps`); the largest is the reference.
  package var slowMultiples: [Double]
  /// Steps of the reference run of `.slowSteps`: the loss it reaches is every run's target.
  package var slowReferenceSteps: Int
  /// Batch sizes of the stability grid (`.grid`; the full data set is added).
  package var gridBatchSizes: [Int]
  /// Learning rates of the grid as multiples of 2/λ_max.
  package var gridRates: [Double]
  /// Steps of each grid run.
  package var gridSteps: Int
  /// Examples of the edge-of-stability run (`.edgeOfStability`).
  package var stabilityExamples: Int
  /// Full-batch GD steps of the edge-of-stability run.
  package var stabilitySteps: Int
  /// Steps between two sharpness measurements.
  package var sharpnessEvery: Int
  /// 2/η as a multiple of the initial sharpness in `.edgeOfStability` (1.5: the run starts at two thirds of
  /// the threshold, so the sharpness must rise by half to reach it).
  package var stabilityMargin: Double
  /// Weight variance × fan-in of the edge-of-stability net (below LeCun's 1: it starts flat).
  package var stabilityGain2: Double
  /// Gradient clipping of `.comparison`'s runs (`--clip-norm`, `--clip-value`; none by default). The
  /// threshold experiments (`.threshold` to `.edgeOfStability`) are about plain GD and ignore it.
  package var clipping: GradientClipping = .none

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    depth = 2
    width = 64
    activation = .relu
    initialization = .he
    weightStd = 2.0.squareRoot()
    learningRate = 0.05
    steps = quick ? 100 : 300
    batchSize = 32
    noiseDraws = quick ? 60 : 200
    slowMultiples = [0.01, 0.03, 0.1, 0.3, 0.9]
    slowReferenceSteps = quick ? 30 : 100
    gridBatchSizes = [1, 8, 64]
    gridRates = [0.25, 0.5, 0.9, 1.1, 1.5, 2]
    gridSteps = quick ? 100 : 300
    stabilityExamples = 512
    stabilitySteps = quick ? 1200 : 2500
    sharpnessEvery = quick ? 50 : 25
    stabilityMargin = 1.5
    stabilityGain2 = 0.45
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    let fullBatchTraining = "its nets are trained full-batch thousands of times"
    if let depth = try NetworkOptions.limited(network.depth, "--depth", atMost: 20, fullBatchTraining) {
      self.depth = depth
    }
    if let width = try NetworkOptions.limited(network.width, "--width", atMost: 512) { self.width = width }
    if let activation = network.activation { self.activation = activation }
    if let choice = network.initialization { initialization = choice }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
    try network.applyTraining(learningRate: &learningRate, steps: &steps, batchSize: &batchSize, clipping: &clipping)
  }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("depth", .integer(depth)), ("width", .integer(width)), ("activation", .string(activation.rawValue)),
      ("init", .string(initialization.rawValue)), ("weight_std", .number(weightStd)), ("lr", .number(learningRate)),
      ("steps", .integer(steps)), ("batch_size", .integer(batchSize)), ("noise_draws", .integer(noiseDraws)),
      ("slow_multiples", .string(slowMultiples.map { "\($0)" }.joined(separator: ","))),
      ("slow_reference_steps", .integer(slowReferenceSteps)),
      ("grid_batch_sizes", .string(gridBatchSizes.map(String.init).joined(separator: ","))),
      ("grid_rates", .string(gridRates.map { "\($0)" }.joined(separator: ","))), ("grid_steps", .integer(gridSteps)),
      ("stability_examples", .integer(stabilityExamples)), ("stability_steps", .integer(stabilitySteps)),
      ("sharpness_every", .integer(sharpnessEvery)), ("stability_margin", .number(stabilityMargin)),
      ("stability_gain2", .number(stabilityGain2)),
      ("clipping", .string(clipping.description)),
    ]
  }

  /// A fresh copy of the small MLP of `.comparison` and `.noise`, drawn from `seed`.
  func makeModel(seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    return MLP.make(
      inputs: Digits.pixels, width: width, depth: depth, outputs: Digits.classes, activation: activation,
      initializer: initialization.initializer(weightStd: weightStd), using: &rng)
  }
}
