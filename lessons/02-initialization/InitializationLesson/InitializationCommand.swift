import ArgumentParser
import NeuralNet
import Notebook

/// The command line of lesson 2: shared lesson options, the network overrides and σ_b².
public struct InitializationCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: InitializationLesson.name,
    abstract: "Lesson 2: Xavier, He, orthogonal and the edge of chaos, measured against theory.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md and metrics.json into <plots-dir>/initialization/. Overrides: --depth (measured \
      and trained nets), --width, --activation (restricts \(InitializationLesson.outline.reference([.variance, .depthSweep, .symmetry])) to one nonlinearity), \
      --init (the init trained against He in \(InitializationLesson.outline.reference(.heTraining)), also added to \(InitializationLesson.outline.reference([.variance, .depthSweep]))), --weight-std (σ_w of \
      --init scaled), --bias-variance (σ_b² of the edge-of-chaos nets), --lr, --steps, --batch-size. \
      --clip-norm τ or --clip-value c clips the gradients of the training runs before each update.
      """ + "\n\n"
        + defaultsHelp(
          full: InitializationConfiguration(quick: false, seed: 42).parameters,
          quick: InitializationConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  @Option(
    name: .customLong("bias-variance"), parsing: .unconditional,
    help:
      "σ_b² of the tanh nets at the edge of chaos (\(InitializationLesson.outline.reference(.edgeOfChaos))) and exercise 1 (0…1)."
  )
  public var biasVariance: Double?

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: InitializationConfiguration {
    get throws(ConfigurationError) {
      try InitializationConfiguration(lesson: lesson, network: network, biasVariance: biasVariance)
    }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: InitializationExercises.count)
  }

  public func run() throws {
    let config = try resolved
    try Self.runNotebookOrExercise(
      lesson, title: InitializationLesson.title, parameters: config.parameters,
      exercises: { InitializationExercises.all(config, train: try Digits.trainTestSplit(seed: config.seed).train) },
      body: { try InitializationLesson.run(config, in: $0) })
  }
}
