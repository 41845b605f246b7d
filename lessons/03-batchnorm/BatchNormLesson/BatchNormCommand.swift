import ArgumentParser
import NeuralNet
import Notebook

/// The command line of lesson 3: shared lesson options, the network overrides and BN's settings.
public struct BatchNormCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: BatchNormLesson.name,
    abstract: "Lesson 3: what batch normalization fixes, and the explosion it causes.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md and metrics.json into <plots-dir>/batchnorm/. Overrides: --depth (the net of \(BatchNormLesson.outline.reference(.fix))), \
      --width, --activation (relu, identity), --weight-std (the bad init of \(BatchNormLesson.outline.reference(.fix))), --init \
      (\(BatchNormLesson.outline.reference([.learningRates, .depthLimit, .evaluationMode]))), --lr (\(BatchNormLesson.outline.reference([.fix, .depthLimit, .evaluationMode]))), --steps, --batch-size (at least 4), --momentum and --epsilon \
      (batch norm's). \
      --clip-norm τ or --clip-value c clips the gradients of the training runs before each update.
      """ + "\n\n"
        + defaultsHelp(
          full: BatchNormConfiguration(quick: false, seed: 42).parameters,
          quick: BatchNormConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  @Option(
    parsing: .unconditional,
    help: "Batch norm momentum m in (0, 1]: running ← (1 − m)·running + m·batch (PyTorch's convention).")
  public var momentum: Double?

  @Option(parsing: .unconditional, help: "Batch norm ε in [0, 1], added to the variance.")
  public var epsilon: Double?

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: BatchNormConfiguration {
    get throws(ConfigurationError) {
      try BatchNormConfiguration(lesson: lesson, network: network, momentum: momentum, epsilon: epsilon)
    }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: BatchNormExercises.count)
  }

  public func run() throws {
    let config = try resolved
    try Self.runNotebookOrExercise(
      lesson, title: BatchNormLesson.title, parameters: config.parameters,
      exercises: {
        let (train, test) = try Digits.trainTestSplit(seed: config.seed)
        return BatchNormExercises.all(config, train: train, test: test)
      },
      body: { try BatchNormLesson.run(config, in: $0) })
  }
}
