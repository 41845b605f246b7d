import Notebook
import NeuralNet
import Theory

/// The parameters of lesson 1, after defaults and command-line overrides.
public struct ExplodingConfiguration: Sendable, Equatable {
  /// Small sizes for tests and CI.
  public var quick: Bool
  /// The seed every random choice derives from.
  public var seed: UInt64
  /// Hidden layers of the deep nets (steps 2–4) and matrices in the product (step 1).
  public var depth: Int
  /// Units per hidden layer.
  public var width: Int
  /// The nonlinearity (ReLU or identity: the two with closed-form theory).
  public var activation: Activation
  /// σ_w of the exploding net: weights N(0, σ_w²/fan_in).
  public var weightStd: Double
  /// The initialization the exploding net is compared with in training (step 4).
  public var fix: InitializerChoice
  /// SGD learning rate (step 4).
  public var learningRate: Double
  /// SGD steps (step 4).
  public var steps: Int
  /// Mini-batch size (step 4).
  public var batchSize: Int
  /// Examples in the batch used to measure gradients at initialization (steps 2–3).
  public var measurementBatch: Int
  /// Independent products averaged in step 1.
  public var productTrials: Int
  /// Networks (seeds) averaged per σ_w² in step 3.
  public var networksPerGain: Int
  /// Seeds (weights and batch order) each training run of step 4 is repeated with.
  public var trainingSeeds: Int
  /// Gradient clipping of the training runs (`--clip-norm`, `--clip-value`; none by default).
  public var clipping: GradientClipping = .none

  /// The defaults for a mode.
  public init(quick: Bool, seed: UInt64) {
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
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  public init(lesson: LessonOptions, network: NetworkOptions) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = network.depth { self.depth = depth }
    if let width = network.width { self.width = width }
    if let activation = network.activation {
      guard activation == .relu || activation == .identity else {
        throw ConfigurationError(
          "--activation \(activation.rawValue) has no closed-form theory in this lesson; use relu or identity (tanh and sigmoid are in the initialization lesson)"
        )
      }
      self.activation = activation
      if network.weightStd == nil { weightStd = (1.5 * criticalGain2).squareRoot() }
    }
    if let weightStd = network.weightStd { self.weightStd = weightStd }
    if let fix = network.initialization { self.fix = fix }
    if let lr = network.lr { learningRate = lr }
    if let steps = network.steps { self.steps = steps }
    clipping = network.clipping
    if let batchSize = try network.batchSize(atMost: Self.trainingExamples, in: "digits training set") {
      self.batchSize = batchSize
    }
  }

  /// Examples in the digits training split.
  public static let trainingExamples = Digits.trainingExamples

  /// The theory's name for the activation.
  public var nonlinearity: PlainNetworkTheory.Nonlinearity { activation == .relu ? .relu : .linear }

  /// σ_w² of the exploding net.
  public var gain2: Double { weightStd * weightStd }

  /// The σ_w² that neither explodes nor vanishes: 2 for ReLU, 1 for identity.
  public var criticalGain2: Double { activation == .relu ? 2 : 1 }

  /// The σ_w² values compared in step 3: ½, 1, 1.5 and 2 times critical, plus the chosen one.
  public var comparedGains2: [Double] {
    var gains = [0.5, 1, 1.5, 2].map { $0 * criticalGain2 }
    if !gains.contains(where: { abs($0 - gain2) < 1e-9 }) { gains.append(gain2) }
    return gains.sorted()
  }

  /// The parameters as recorded in the notebook and metrics.json.
  public var parameters: [(String, JSONValue)] {
    [
      ("depth", .integer(depth)), ("width", .integer(width)), ("activation", .string(activation.rawValue)),
      ("weight_std", .number(weightStd)), ("fix_init", .string(fix.rawValue)),
      ("lr", .number(learningRate)), ("steps", .integer(steps)), ("batch_size", .integer(batchSize)),
      ("measurement_batch", .integer(measurementBatch)), ("product_trials", .integer(productTrials)),
      ("networks_per_gain", .integer(networksPerGain)),
      ("training_seeds", .integer(trainingSeeds)), ("clipping", .string(clipping.description)),
    ]
  }
}
