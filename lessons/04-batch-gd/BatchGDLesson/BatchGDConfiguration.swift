import NeuralNet
import Notebook
import Theory

/// The parameters of lesson 4, after defaults and command-line overrides.
public struct BatchGDConfiguration: Sendable, Equatable {
  /// Small sizes for tests and CI.
  public var quick: Bool
  /// The seed every random choice derives from.
  public var seed: UInt64
  /// Hidden layers of the small MLP of steps 1–2 and of the edge-of-stability net (step 5).
  public var depth: Int
  /// Units per hidden layer of those nets.
  public var width: Int
  /// Their nonlinearity.
  public var activation: Activation
  /// Their init.
  public var initialization: InitializerChoice
  /// σ_w of `--init scaled`.
  public var weightStd: Double
  /// Learning rate of step 1.
  public var learningRate: Double
  /// Steps of each run of step 1.
  public var steps: Int
  /// The mini-batch size compared in step 1 (besides full batch and 1).
  public var batchSize: Int
  /// Mini-batches drawn per batch size in the noise measurement (step 2).
  public var noiseDraws: Int
  /// Batch sizes of the stability grid (step 4; the full data set is added).
  public var gridBatchSizes: [Int]
  /// Learning rates of the grid as multiples of 2/λ_max.
  public var gridRates: [Double]
  /// Steps of each grid run.
  public var gridSteps: Int
  /// Examples of the edge-of-stability run (step 5).
  public var stabilityExamples: Int
  /// Full-batch GD steps of the edge-of-stability run.
  public var stabilitySteps: Int
  /// Steps between two sharpness measurements.
  public var sharpnessEvery: Int
  /// 2/η as a multiple of the initial sharpness in step 5 (2: the run starts at half the threshold).
  public var stabilityMargin: Double
  /// Weight variance × fan-in of the edge-of-stability net (below LeCun's 1: it starts flat).
  public var stabilityGain2: Double
  /// Gradient clipping of step 1's runs (`--clip-norm`, `--clip-value`; none by default). The
  /// threshold experiments of steps 3–5 are about plain GD and ignore it.
  public var clipping: GradientClipping = .none

  /// The defaults for a mode.
  public init(quick: Bool, seed: UInt64) {
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
    gridBatchSizes = [1, 8, 64]
    gridRates = [0.25, 0.5, 0.9, 1.1, 1.5, 2]
    gridSteps = quick ? 100 : 300
    stabilityExamples = 512
    stabilitySteps = quick ? 1200 : 2500
    sharpnessEvery = quick ? 50 : 25
    stabilityMargin = 2
    stabilityGain2 = 0.45
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  public init(lesson: LessonOptions, network: NetworkOptions) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = network.depth {
      guard depth <= 20 else {
        throw ConfigurationError(
          "--depth must be at most 20 in this lesson: its nets are trained full-batch thousands of times (got \(depth))"
        )
      }
      self.depth = depth
    }
    if let width = network.width {
      guard width <= 512 else {
        throw ConfigurationError("--width must be at most 512 in this lesson (got \(width))")
      }
      self.width = width
    }
    if let activation = network.activation { self.activation = activation }
    if let choice = network.initialization { initialization = choice }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
    if let lr = network.lr { learningRate = lr }
    if let steps = network.steps { self.steps = steps }
    clipping = network.clipping
    if let batchSize = try network.batchSize(atMost: Digits.trainingExamples, in: "digits training set") {
      self.batchSize = batchSize
    }
  }

  /// The parameters as recorded in the notebook and metrics.json.
  public var parameters: [(String, JSONValue)] {
    [
      ("depth", .integer(depth)), ("width", .integer(width)), ("activation", .string(activation.rawValue)),
      ("init", .string(initialization.rawValue)), ("weight_std", .number(weightStd)), ("lr", .number(learningRate)),
      ("steps", .integer(steps)), ("batch_size", .integer(batchSize)), ("noise_draws", .integer(noiseDraws)),
      ("grid_batch_sizes", .string(gridBatchSizes.map(String.init).joined(separator: ","))),
      ("grid_rates", .string(gridRates.map { "\($0)" }.joined(separator: ","))), ("grid_steps", .integer(gridSteps)),
      ("stability_examples", .integer(stabilityExamples)), ("stability_steps", .integer(stabilitySteps)),
      ("sharpness_every", .integer(sharpnessEvery)), ("stability_margin", .number(stabilityMargin)),
      ("stability_gain2", .number(stabilityGain2)),
      ("clipping", .string(clipping.description)),
    ]
  }

  /// A fresh copy of the small MLP of steps 1, 2 and 5 for `outputs` classes, drawn from `seed`.
  func makeModel(seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    return MLP.make(
      inputs: Digits.pixels, width: width, depth: depth, outputs: Digits.classes, activation: activation,
      initializer: initialization.initializer(weightStd: weightStd), using: &rng)
  }
}
