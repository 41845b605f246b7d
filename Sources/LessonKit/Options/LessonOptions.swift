import ArgumentParser
import Foundation

/// The options every lesson takes: seed, mode, where outputs go, pacing, previews, exercises.
public struct LessonOptions: ParsableArguments {
  @Option(help: "Seed of the random generator: the same seed gives bit-identical results.")
  public var seed: UInt64 = 42

  @Flag(help: "Small sizes for tests and CI: runs in seconds instead of about a minute.")
  public var quick = false

  @Option(
    name: .customLong("plots-dir"),
    help:
      """
      Folder for outputs; the lesson writes into <plots-dir>/<lesson>/. The committed reference runs \
      are in plots/, which a run replaces only when asked to (--plots-dir plots).
      """
  )
  public var plotsDir = "runs"

  @Flag(help: "Pause for Enter between steps (only when run from a terminal).")
  public var step = false

  @Flag(name: .customLong("no-preview"), help: "Do not print text previews of the charts.")
  public var noPreview = false

  @Option(help: "Check your answer to exercise N (give the answer with --answer).")
  public var exercise: Int?

  @Option(parsing: .unconditional, help: "Your answer to the exercise chosen with --exercise (a number).")
  public var answer: Double?

  @Option(
    help: "Your exercise variant K (0 = the default exercise): other numbers, so that a class does not share answers.")
  public var variant = 0

  @Flag(help: "Print the worked solution of the exercise chosen with --exercise, ending in 'answer: VALUE'.")
  public var solution = false

  public init() {}

  public mutating func validate() throws {
    if let exercise, exercise < 1 {
      throw ValidationError("--exercise must be a positive exercise number (got \(exercise))")
    }
    if exercise != nil && answer == nil && !solution {
      throw ValidationError("--exercise needs an answer: add --answer VALUE (or --solution to see the worked solution)")
    }
    if solution && exercise == nil {
      throw ValidationError("--solution needs --exercise N to say which exercise to solve")
    }
    if solution && answer != nil {
      throw ValidationError("--solution and --answer exclude each other: --solution prints the answer")
    }
    if variant < 0 {
      throw ValidationError("--variant must be a whole number K ≥ 0 (got \(variant))")
    }
    if answer != nil && exercise == nil {
      throw ValidationError("--answer needs --exercise N to say which exercise it answers")
    }
    if let answer, !answer.isFinite {
      throw ValidationError("--answer must be a finite number (got \(answer))")
    }
    if plotsDir.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--plots-dir must not be empty")
    }
    // Whether the folder can be written is checked by `OutputFolder` once the command line is
    // valid, before any work.
  }
}
