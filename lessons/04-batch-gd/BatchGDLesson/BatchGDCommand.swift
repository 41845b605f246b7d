import ArgumentParser
import NeuralNet
import Notebook

/// The command line of lesson 4: shared lesson options and the network overrides.
public struct BatchGDCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: BatchGDLesson.name,
    abstract: "Lesson 4: full-batch vs mini-batch gradient descent, and the step size that explodes.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md and metrics.json into <plots-dir>/batch-gd/. Overrides: --depth, --width, \
      --activation, --init, --weight-std (the small MLP of \(BatchGDLesson.outline.reference([.comparison, .noise, .edgeOfStability]))), --lr and \
      --steps (\(BatchGDLesson.outline.reference(.comparison))), --batch-size (the mini-batch of \(BatchGDLesson.outline.reference(.comparison)), at \
      most the training set). --clip-norm τ or --clip-value c clips the gradients of \
      \(BatchGDLesson.outline.reference(.comparison))'s runs before each update.
      """ + "\n\n"
        + defaultsHelp(
          full: BatchGDConfiguration(quick: false, seed: 42).parameters,
          quick: BatchGDConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: BatchGDConfiguration {
    get throws(ConfigurationError) { try BatchGDConfiguration(lesson: lesson, network: network) }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: BatchGDExercises.count)
  }

  public func run() throws {
    let config = try resolved
    try Self.runNotebookOrExercise(
      lesson, title: BatchGDLesson.title, parameters: config.parameters,
      exercises: {
        let (train, _) = try Digits.trainTestSplit(seed: config.seed)
        return BatchGDExercises.all(config, problem: try BatchGDLesson.digitsProblem(train))
      },
      body: { try BatchGDLesson.run(config, in: $0) })
  }
}
