import ArgumentParser
import ExerciseKit
import Notebook

/// A lesson, as the one generic `LessonCommand` runs it: its name and title, its steps, how its
/// configuration is built from the command line, its notebook and its exercises.
///
/// A lesson's `main.swift` is one line, `LessonCommand<MyLesson>.runAsLesson()`. The shared
/// options (`LessonOptions`: seed, mode, output folder, exercises; `NetworkOptions`: depth, width,
/// init, step size, clipping, …) come with the command; a lesson adds its own through `Options`.
public protocol Lesson {
  /// The lesson's parameters after the command line's overrides.
  associatedtype Configuration: LessonConfiguration
  /// The lesson's own command-line options, beyond the shared ones (`NoLessonOptions` if none).
  associatedtype Options: ParsableArguments = NoLessonOptions

  /// The executable's name and the output folder's.
  static var name: String { get }
  /// The title the notebook opens with.
  static var title: String { get }
  /// One line for `--help`.
  static var abstract: String { get }
  /// What the overrides change, for `--help` ("Overrides: --depth (…), --width, …").
  static var overrides: String { get }
  /// The steps, in order (the runner numbers them).
  static var outline: Outline { get }
  /// How many exercises `--exercise N` may choose from.
  static var exerciseCount: Int { get }
  /// How each exercise changes with `--variant K`, in order (one per exercise): drawn from
  /// ranges, or shared by a class, and why.
  static var exerciseVariations: [ExerciseVariation] { get }

  /// The configuration for this command line; a `ConfigurationError` says in one line what was
  /// wrong and what is allowed.
  static func configuration(lesson: LessonOptions, network: NetworkOptions, options: Options)
    throws(ConfigurationError) -> Configuration

  /// The exercises of `variant`, in order, for `--exercise N --answer X`, `--solution` and the
  /// last step.
  static func exercises(_ config: Configuration, variant: ExerciseVariant) throws -> [Exercise]

  /// What the lesson is about: the notebook's first cell, before the outline.
  static func introduction(_ config: Configuration) -> String

  /// Runs the lesson's own steps into `notebook` and returns the documents' claims they judge.
  /// `run` wraps them: introduction and outline first, then the claims step and the exercises.
  static func steps(_ config: Configuration, in notebook: Notebook) throws -> [Claim]

  /// The claims step's title (default "The documents' claims, measured").
  static var claimsTitle: String { get }
  /// Added after "quoted from one of the five documents (…)" (default nothing).
  static var claimsSource: String { get }
  /// Added after "judged by this lesson's own numbers" (default nothing).
  static var claimsBasis: String { get }
  /// What the exercises are checked against (default "a real run or the theory").
  static var exercisesCheckedAgainst: String { get }
  /// Steps between the claims and the exercises (lesson 7's ledger); by default none.
  static func afterClaims(_ claims: [Claim], in notebook: Notebook)

  /// Work that replaces the notebook for some options (lesson 7's `--evaluate CHECKPOINT`):
  /// returns true when it did that work. By default there is none.
  static func runInstead(_ config: Configuration, options: Options) throws -> Bool
}

extension Lesson {
  /// "A class shares the answers of exercises 1 (…); 2 (…); --variant changes the others.", or
  /// nil if every exercise varies: for `--help`.
  public static var sharedExercisesNote: String? {
    ExerciseVariation.sharedNote(exerciseVariations).map { $0 + "; --variant changes the others." }
  }

  public static func runInstead(_ config: Configuration, options: Options) throws -> Bool { false }
  public static var claimsTitle: String { "The documents' claims, measured" }
  public static var claimsSource: String { "" }
  public static var claimsBasis: String { "" }
  public static var exercisesCheckedAgainst: String { "a real run or the theory" }
  public static func afterClaims(_ claims: [Claim], in notebook: Notebook) {}

  /// The whole notebook, the same shape for every lesson: the introduction, the outline, the
  /// lesson's steps, the claims they judge, `afterClaims`, the exercises; returns the exit status
  /// from `notebook.finish()`.
  public static func run(_ config: Configuration, in notebook: Notebook) throws -> Int32 {
    notebook.introduction(introduction(config))
    notebook.outline(outline)
    let claims = try steps(config, in: notebook)
    notebook.claimsStep(claimsTitle, source: claimsSource, basis: claimsBasis) { claims }
    afterClaims(claims, in: notebook)
    let exercises = try exercises(config, variant: notebook.settings.variant)
    let code = CodeExercises.all.filter { $0.lesson == name }.map {
      CodeExerciseReference(name: $0.name, file: $0.file, title: $0.title, step: outline.number(of: StepID($0.step)))
    }
    notebook.exercisesStep(
      checkedAgainst: exercisesCheckedAgainst, codeExercises: code, variations: exerciseVariations
    ) { exercises }
    return try notebook.finish()
  }
}

/// A lesson's parameters: its defaults in full and quick mode, and the list metrics.json and
/// `--help` show.
public protocol LessonConfiguration: Sendable {
  /// The defaults of full (`quick: false`) or quick mode for `seed`.
  init(quick: Bool, seed: UInt64)
  /// Every parameter, named as metrics.json names it.
  var parameters: [(String, JSONValue)] { get }
}

/// A lesson configuration built from the shared options alone, for a lesson without options of its
/// own: its `Lesson.configuration` is then this init, and the lesson does not write it.
public protocol NetworkConfiguration: LessonConfiguration {
  /// The defaults with the command line's overrides applied; a `ConfigurationError` says in one
  /// line what was wrong and what is allowed.
  init(lesson: LessonOptions, network: NetworkOptions) throws(ConfigurationError)
}

extension Lesson where Options == NoLessonOptions, Configuration: NetworkConfiguration {
  public static func configuration(lesson: LessonOptions, network: NetworkOptions, options: NoLessonOptions)
    throws(ConfigurationError) -> Configuration
  {
    try Configuration(lesson: lesson, network: network)
  }
}

/// The options of a lesson that has none of its own.
public struct NoLessonOptions: ParsableArguments {
  public init() {}
}
