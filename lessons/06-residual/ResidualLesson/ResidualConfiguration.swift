import ExperimentKit
import LessonKit
import NeuralNet
import Notebook

/// The parameters of lesson 6, after defaults and command-line overrides.
package struct ResidualConfiguration: TrainingConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Units of the wide residual stacks of `.variance`.
  package var varianceWidth: Int
  /// Blocks of the deep stack of `.variance`.
  package var varianceBlocks: Int
  /// Networks averaged in `.variance`.
  package var varianceNetworks: Int
  /// Weight layers of the nets compared in `.gradientsByDepth`.
  package var gradientDepths: [Int]
  /// Networks per (architecture, depth) in `.gradientsByDepth`.
  package var gradientNetworks: Int
  /// Units per layer of the digit nets (`.gradientsByDepth`, `.training` and `.withoutNormalization`).
  package var width: Int
  /// Weight layers of the nets trained in `.training`.
  package var depth: Int
  /// Weight layers of the unnormalized nets of `.withoutNormalization`.
  package var deepDepth: Int
  /// SGD step size of `.training` and `.withoutNormalization`.
  package var learningRate: Double
  /// Further step sizes tried for the plain net in `.training`, so that it is compared at its best
  /// (chosen by final training loss), not at the residual net's step size.
  package var plainLearningRates: [Double]
  /// Seeds (weights and batch order) the trained nets of `.training` and `.withoutNormalization` are repeated with.
  package var trainingSeeds: Int
  /// SGD steps of each run.
  package var steps: Int
  /// Mini-batch size.
  package var batchSize: Int
  /// Gradient clipping of the training runs (none by default).
  package var clipping: GradientClipping = .none

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    varianceWidth = quick ? 128 : 256
    varianceBlocks = 100
    varianceNetworks = quick ? 16 : 32
    gradientDepths = quick ? [10, 30] : [10, 30, 100]
    gradientNetworks = quick ? 2 : 4
    width = 64
    depth = 50
    deepDepth = 100
    learningRate = 0.05
    plainLearningRates = [0.001, 0.003, 0.01, 0.03]
    trainingSeeds = quick ? 2 : 5
    steps = quick ? 150 : 600
    batchSize = 32
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions) throws(ConfigurationError) {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let depth = network.depth {
      guard (2...200).contains(depth) && depth % 2 == 0 else {
        throw ConfigurationError(
          "--depth must be an even number of weight layers in 2…200 (two per residual block; got \(depth))")
      }
      self.depth = depth
    }
    if let width = try NetworkOptions.limited(network.width, "--width", atMost: 512) { self.width = width }
    if network.activation != nil || network.initialization != nil || network.weightStd != nil {
      throw ConfigurationError(
        "--activation, --init and --weight-std do not apply here: the lesson compares fixed ReLU architectures and inits"
      )
    }
    try network.applyTraining(
      learningRate: &learningRate, steps: &steps, batchSize: &batchSize, clipping: &clipping, maxSteps: 20000)
    try NetworkOptions.atLeast(batchSize, "--batch-size", 4, ": batch norm needs a batch")
  }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("variance_width", .integer(varianceWidth)), ("variance_blocks", .integer(varianceBlocks)),
      ("variance_networks", .integer(varianceNetworks)),
      ("gradient_depths", .string(gradientDepths.map(String.init).joined(separator: ","))),
      ("gradient_networks", .integer(gradientNetworks)), ("width", .integer(width)), ("depth", .integer(depth)),
      ("deep_depth", .integer(deepDepth)), ("lr", .number(learningRate)),
      ("plain_lr_grid", .string(plainLearningRates.map { "\($0)" }.joined(separator: ","))), ("steps", .integer(steps)),
      ("training_seeds", .integer(trainingSeeds)), ("batch_size", .integer(batchSize)),
      ("clipping", .string(clipping.description)),
    ]
  }
}
