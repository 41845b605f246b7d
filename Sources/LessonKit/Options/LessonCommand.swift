import ArgumentParser
import Classroom
import Foundation
import NeuralNet
import Notebook

/// The command line of every lesson: the shared options, the lesson's own, and one `run` that
/// builds the configuration once, then checks an exercise's answer or runs the notebook.
/// A lesson's `main.swift` is `LessonCommand<MyLesson>.runAsLesson()`.
public struct LessonCommand<L: Lesson>: ParsableCommand {
  public static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: L.name, abstract: L.abstract,
      discussion: """
        Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
        README.md and metrics.json into <plots-dir>/\(L.name)/. \(L.overrides)
        """ + "\n\n" + (L.sharedExercisesNote.map { $0 + "\n\n" } ?? "")
          + defaultsHelp(
            full: L.Configuration(quick: false, seed: 42).parameters,
            quick: L.Configuration(quick: true, seed: 42).parameters))
  }

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions
  @OptionGroup public var options: L.Options

  public init() {}

  public mutating func validate() throws {
    if let exercise = lesson.exercise, exercise > L.exerciseCount {
      throw ValidationError(
        "--exercise must be 1…\(L.exerciseCount): this lesson has \(L.exerciseCount) exercises (got \(exercise))")
    }
  }

  /// Builds the configuration (a bad override is refused here, in one line, before any work),
  /// then checks the exercise's answer, does the lesson's replacement work, or runs the notebook.
  public func run() throws {
    let config: L.Configuration
    do {
      config = try L.configuration(lesson: lesson, network: network, options: options)
    } catch {
      throw ValidationError(error.description)
    }
    if try L.runInstead(config, options: options) { return }
    try Self.runNotebookOrExercise(
      lesson, title: L.title, parameters: config.parameters,
      exercises: { try L.exercises(config, variant: ExerciseVariant(lesson.variant)) },
      body: { try L.run(config, in: $0) })
  }

  /// Parses the command line and runs the lesson. A rejected command line prints one line on
  /// standard error, starting with the lesson name, and exits with status 64 before any work or
  /// any file is written; `--help` prints help and exits 0.
  public static func runAsLesson(arguments: [String]? = nil) -> Never {
    AllocatorTuning.keepFreedMemory()
    let name = configuration.commandName ?? "lesson"
    let parsed: any ParsableCommand
    do {
      parsed = try parseAsRoot(arguments)
    } catch {
      if exitCode(for: error) == .success { exit(withError: error) }
      FileHandle.standardError.write(Data("\(name): error: \(ErrorLine.oneLine(message(for: error)))\n".utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    }
    // `--help`, `-h` and `help` parse to ArgumentParser's own help command, not to `Self`: running
    // it throws the "help requested" error, which `exit(withError:)` prints as the usage, exit 0.
    guard let command = parsed as? Self else {
      var help = parsed
      do { try help.run() } catch { exit(withError: error) }
      Foundation.exit(0)
    }
    do {
      try command.run()
      Foundation.exit(0)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch let error as ValidationError {
      FileHandle.standardError.write(Data("\(name): error: \(ErrorLine.oneLine(error.message))\n".utf8))
      Foundation.exit(ExitCode.validationFailure.rawValue)
    } catch {
      FileHandle.standardError.write(Data("\(name): error: \(ErrorLine.oneLine("\(error)"))\n".utf8))
      Foundation.exit(1)
    }
  }

  /// The lesson's defaults for `--help`, from its configuration in full and in quick mode:
  /// "Defaults (full mode; --quick in brackets where it differs): depth 50, width 256 (128), …".
  static func defaultsHelp(full: [(String, JSONValue)], quick: [(String, JSONValue)]) -> String {
    let quickValues = Dictionary(quick.map { ($0.0, Notebook.plain($0.1)) }, uniquingKeysWith: { a, _ in a })
    let items = full.map { name, value in
      let text = Notebook.plain(value)
      let inQuick = quickValues[name].map { $0 == text ? "" : " (\($0))" } ?? ""
      return "\(name) \(text)\(inQuick)"
    }
    return "Defaults (full mode; --quick in brackets where it differs): \(items.joined(separator: ", "))."
  }

  /// With `--exercise N --answer X` it checks the answer,
  /// prints "Exercise N: correct/incorrect. reason" and exits 0 or 1; with `--exercise N
  /// --solution` it prints the worked solution, ending in `answer: VALUE`; otherwise it runs the
  /// notebook (`body`) and exits with its status.
  static func runNotebookOrExercise(
    _ options: LessonOptions, title: String, parameters: [(String, JSONValue)],
    exercises: () throws -> [Exercise], body: (Notebook) throws -> Int32
  ) throws {
    // A handout's ASSIGNMENT.yaml in exam mode: no right value, no worked solution (and the
    // notebook offers none).
    let rules = ExamRules.find(executable: Bundle.main.executableURL)
    let exam = rules?.exam == true
    if let number = options.exercise, let answer = options.answer {
      let verdict = try exercises()[number - 1].check(answer)
      let reason = exam ? verdict.examReason : verdict.reason
      print("Exercise \(number): \(verdict.correct ? "correct" : "incorrect"). \(reason)")
      if !verdict.correct { throw ExitCode(1) }
      return
    }
    if options.exercise != nil, options.solution, exam {
      throw ValidationError(
        "--solution is not available in this assignment ('\(rules?.title ?? "")' is an exam: see ASSIGNMENT.md)")
    }
    if let number = options.exercise, options.solution {
      let worked = try exercises()[number - 1].workedSolution(number: number)
      print(worked.text)
      if !worked.verdict.correct { throw ExitCode(1) }
      return
    }
    let notebook: Notebook
    do {
      notebook = try Notebook(
        lesson: configuration.commandName ?? "lesson", title: title, settings: NotebookSettings(options, exam: exam),
        parameters: parameters)
    } catch {
      throw ValidationError(error.description)
    }
    let status: Int32
    do {
      status = try body(notebook)
    } catch {
      notebook.discard()
      throw error
    }
    if status != 0 { throw ExitCode(status) }
  }
}
