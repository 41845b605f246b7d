import ArgumentParser
import NeuralNet
import Notebook

/// The command line of lesson 6: shared lesson options and the network overrides.
public struct ResidualCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: ResidualLesson.name,
    abstract: "Lesson 6: residual connections, the branch scale α, Fixup and SkipInit.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md and metrics.json into <plots-dir>/residual/. Overrides: --depth (weight layers of \
      the nets trained in \(ResidualLesson.outline.reference(.training)), even), --width (the digit nets of \(ResidualLesson.outline.reference([.gradientsByDepth, .training, .withoutNormalization]))), --lr, --steps, \
      --batch-size (at least 4) of \(ResidualLesson.outline.reference([.training, .withoutNormalization])). --clip-norm τ or --clip-value c clips their gradients.
      """ + "\n\n"
        + defaultsHelp(
          full: ResidualConfiguration(quick: false, seed: 42).parameters,
          quick: ResidualConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: ResidualConfiguration {
    get throws(ConfigurationError) { try ResidualConfiguration(lesson: lesson, network: network) }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: ResidualExercises.count)
  }

  public func run() throws {
    let config = try resolved
    try Self.runNotebookOrExercise(
      lesson, title: ResidualLesson.title, parameters: config.parameters,
      exercises: {
        let (train, test) = try Digits.trainTestSplit(seed: config.seed)
        return ResidualExercises.all(config, train: train, test: test)
      },
      body: { try ResidualLesson.run(config, in: $0) })
  }
}
