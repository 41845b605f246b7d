import ArgumentParser
import Notebook

/// The command line of lesson 1: shared lesson options plus the network overrides.
public struct ExplodingCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: ExplodingLesson.name,
    abstract: "Lesson 1: exploding gradients, reproduced and measured against theory.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md and metrics.json into <plots-dir>/exploding/. Overrides: --depth, --width, \
      --activation (relu, identity), --weight-std (σ_w of the exploding net), --init (the fix \
      compared in training), --lr, --steps, --batch-size. \
      --clip-norm τ or --clip-value c clips the gradients of the training runs before each update.
      """ + "\n\n"
        + defaultsHelp(
          full: ExplodingConfiguration(quick: false, seed: 42).parameters,
          quick: ExplodingConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: ExplodingConfiguration {
    get throws(ConfigurationError) { try ExplodingConfiguration(lesson: lesson, network: network) }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: ExplodingExercises.count)
  }

  public func run() throws {
    let config = try resolved
    try Self.runNotebookOrExercise(
      lesson, title: ExplodingLesson.title, parameters: config.parameters,
      exercises: {
        ExplodingExercises.all(config, digits: try ExplodingExperiments.digitsSplit(seed: config.seed).train)
      },
      body: { try ExplodingLesson.run(config, in: $0) })
  }
}
