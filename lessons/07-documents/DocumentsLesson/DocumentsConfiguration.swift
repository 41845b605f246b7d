import ExperimentKit
import LessonKit
import NeuralNet
import Notebook

/// The parameters of lesson 7, after defaults and command-line overrides.
package struct DocumentsConfiguration: SeededConfiguration, Equatable {
  /// Small sizes for tests and CI.
  package var quick: Bool
  /// The seed every random choice derives from.
  package var seed: UInt64
  /// Epochs of the documents' CNN (“Generalize better”: `epochs=10`).
  package var epochs: Int
  /// Adam's step size (Keras' default 0.001).
  package var adamLearningRate: Double
  /// Early-stopping patience (“Generalize better”: `patience=5`).
  package var patience: Int
  /// Mini-batch size (Keras' default 32).
  package var batchSize: Int
  /// The fraction of the training digits held out for validation.
  package var validationFraction: Double
  /// σ of the bad init N(0, σ²) of `.fixes`.
  package var badInitStd: Double
  /// The too-large SGD step size of `.fixes`.
  package var learningRate: Double
  /// SGD steps of each mini-batch run of `.fixes`.
  package var steps: Int
  /// The norm threshold of `.fixes`'s clipping fix.
  package var clipNorm: Double
  /// Residual blocks (two convolutions each) of `.resnet`'s ResNet in small.
  package var resnetBlocks: Int
  /// Channels of `.resnet`'s ResNet.
  package var resnetChannels: Int
  /// Image side of `.resnet`'s random inputs.
  package var resnetSide: Int
  /// Random examples of `.resnet`.
  package var resnetExamples: Int
  /// Adam steps of `.resnet`'s runs.
  package var resnetSteps: Int

  /// The test accuracy the max-pooling CNN of `.cnn` must reach, stated with margin below what it
  /// reached over seeds 1–5 under two BLAS kernels (SkylakeX and Haswell): 95.8–97.5% after 10
  /// epochs, 88.0–93.3% after 2 (quick mode), 85.8–88.0% after 1 (seeds 1–3).
  package var pooledAccuracyFloor: Double { epochs >= 10 ? 0.9 : 0.75 }

  /// Seeds (weights and batch order) every trained model of `.cnn`, `.fixes` and `.resnet` is repeated with.
  package var trainingSeeds: Int

  /// The defaults for a mode.
  package init(quick: Bool, seed: UInt64) {
    self.quick = quick
    self.seed = seed
    trainingSeeds = quick ? 2 : 5
    epochs = quick ? 2 : 10
    adamLearningRate = 0.001
    patience = 5
    batchSize = 32
    validationFraction = 0.1
    badInitStd = 3
    learningRate = 1
    steps = quick ? 40 : 150
    clipNorm = 1
    resnetBlocks = 20
    resnetChannels = 8
    resnetSide = 8
    resnetExamples = quick ? 64 : 320
    resnetSteps = quick ? 20 : 100
  }

  /// The defaults with the command line's overrides applied; throws a one-line message for a value
  /// this lesson cannot use.
  package init(lesson: LessonOptions, network: NetworkOptions, epochs: Int?, patience: Int?) throws(ConfigurationError)
  {
    self.init(quick: lesson.quick, seed: lesson.seed)
    if let epochs = try NetworkOptions.inRange(epochs, "--epochs", 1...200) { self.epochs = epochs }
    if let patience = try NetworkOptions.inRange(patience, "--patience", 1...200) { self.patience = patience }
    if network.depth != nil || network.width != nil || network.activation != nil || network.initialization != nil {
      throw ConfigurationError(
        "--depth, --width, --activation and --init do not apply here: the documents' CNN is fixed (use --weight-std for the bad init)"
      )
    }
    if let weightStd = network.weightStd { badInitStd = weightStd }
    if let lr = network.lr { learningRate = lr }
    if let steps = try NetworkOptions.limited(network.steps, "--steps", atMost: 5000) { self.steps = steps }
    if let batchSize = try network.batchSize(atMost: 1000, in: "training digits after the validation split") {
      self.batchSize = try NetworkOptions.atLeast(batchSize, "--batch-size", 4, ": batch norm needs a batch")
    }
    switch network.clipping {
    case .norm(let t): clipNorm = t
    case .value:
      throw ConfigurationError(
        "--clip-value does not apply here: \(DocumentsLesson.outline.reference(.fixes))'s clipping fix clips by norm (--clip-norm)"
      )
    case .none: break
    }
  }

  /// The parameters as recorded in the notebook and metrics.json.
  package var parameters: [(String, JSONValue)] {
    [
      ("epochs", .integer(epochs)), ("training_seeds", .integer(trainingSeeds)), ("adam_lr", .number(adamLearningRate)),
      ("patience", .integer(patience)),
      ("batch_size", .integer(batchSize)), ("validation_fraction", .number(validationFraction)),
      ("weight_std", .number(badInitStd)), ("lr", .number(learningRate)), ("steps", .integer(steps)),
      ("clip_norm", .number(clipNorm)), ("resnet_blocks", .integer(resnetBlocks)),
      ("resnet_channels", .integer(resnetChannels)), ("resnet_side", .integer(resnetSide)),
      ("resnet_examples", .integer(resnetExamples)), ("resnet_steps", .integer(resnetSteps)),
    ]
  }

  /// The 28×28 digits: training (minus validation), validation and test sets, all from `seed`.
  package func data() throws -> (train: Dataset, validation: Dataset, test: Dataset) {
    let (train, test) = try Digits28.trainTestSplit(seed: seed)
    var rng = SeededGenerator(seed: seed, stream: "validation split")
    let (fit, validation) = train.split(testFraction: validationFraction, using: &rng)
    return (fit, validation, test)
  }
}
