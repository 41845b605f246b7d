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
      compared in training), --lr, --steps, --batch-size.
      """)

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: ExplodingConfiguration {
    get throws(ConfigurationError) { try ExplodingConfiguration(lesson: lesson, network: network) }
  }

  public mutating func validate() throws {
    do {
      _ = try resolved
    } catch {
      throw ValidationError(error.description)
    }
    if let exercise = lesson.exercise, exercise > ExplodingExercises.count {
      throw ValidationError(
        "--exercise must be 1…\(ExplodingExercises.count): this lesson has \(ExplodingExercises.count) exercises (got \(exercise))"
      )
    }
  }

  public func run() throws {
    let config = try resolved
    if let number = lesson.exercise, let answer = lesson.answer {
      let (train, _) = try ExplodingExperiments.digitsSplit(seed: config.seed)
      let exercise = ExplodingExercises.all(config, digits: train)[number - 1]
      let verdict = exercise.check(answer)
      print("Exercise \(number): \(verdict.correct ? "correct" : "incorrect"). \(verdict.reason)")
      if !verdict.correct { throw ExitCode(1) }
      return
    }
    let notebook = Notebook(
      lesson: ExplodingLesson.name, title: ExplodingLesson.title, options: lesson,
      parameters: config.parameters)
    let status = try ExplodingLesson.run(config, in: notebook)
    if status != 0 { throw ExitCode(status) }
  }
}
