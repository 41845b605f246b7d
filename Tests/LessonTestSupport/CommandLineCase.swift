import LessonKit
import Testing

/// One case of the command-line contract every lesson keeps, checked by the check every lesson
/// shares (`LessonExpectations`). A lesson's test folder lists its own cases in
/// `<Lesson>Tests+CommandLine.swift` and runs them with one parameterized test, the way each of
/// swift-argument-parser's examples holds its own failure cases and calls one shared helper:
///
/// ```swift
/// @Test(arguments: CommandLineCase<ResidualLesson>.cases(refused: […], answers: […], command: …))
/// func commandLine(_ c: CommandLineCase<ResidualLesson>) throws { try c.check() }
/// ```
///
/// A lesson whose tests already run a command line with overrides has that run change a verdict
/// too (`LessonExpectations.overrideChangesAVerdict`), instead of a `.changesAVerdict` case.
public enum CommandLineCase<L: Lesson>: Sendable, CustomTestStringConvertible {
  /// A command line the lesson refuses: a value out of range or of the wrong type, an option it
  /// does not take, an exercise it does not have (`LessonExpectations.rejects`).
  case refused([String])
  /// Exercise `number` (quick mode, seed 42) judges `right` correct and `wrong`, a student's
  /// mistake, wrong with a reason (`LessonExpectations.exerciseJudges`).
  case answer(number: Int, right: Double, wrong: Double)
  /// `--exercise N --answer X` as a student types it after the full lesson: exit 0 for `right`,
  /// 1 with the mistake's hint (holding `hint`) for `wrong` (`LessonExpectations.exerciseCommandJudges`).
  case command(number: Int, right: String, wrong: String, hint: String)
  /// A command line that changes what the run measures changes `claim`'s verdict from the
  /// reference's to `verdict`, and the evidence (holding `evidence`) says why
  /// (`LessonExpectations.overrideChangesAVerdict`).
  case changesAVerdict(_ arguments: [String], claim: String, verdict: String, evidence: String, checksMayFail: Bool)

  /// The cases of a lesson: its refused command lines, its answers, and one exercise command.
  public static func cases(
    refused: [[String]], answers: [(number: Int, right: Double, wrong: Double)] = [],
    command: (number: Int, right: String, wrong: String, hint: String), changingAVerdict: [CommandLineCase] = []
  ) -> [CommandLineCase] {
    refused.map { .refused($0) } + answers.map { .answer(number: $0.number, right: $0.right, wrong: $0.wrong) }
      + [.command(number: command.number, right: command.right, wrong: command.wrong, hint: command.hint)]
      + changingAVerdict
  }

  /// Runs the case's check.
  public func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
    switch self {
    case .refused(let arguments):
      try LessonExpectations.rejects(L.name, arguments, sourceLocation: sourceLocation)
    case .answer(let number, let right, let wrong):
      try LessonExpectations.exerciseJudges(
        L.self, number: number, right: right, wrong: wrong, sourceLocation: sourceLocation)
    case .command(let number, let right, let wrong, let hint):
      try LessonExpectations.exerciseCommandJudges(
        L.name, number: number, right: right, wrong: wrong, hint: hint, sourceLocation: sourceLocation)
    case .changesAVerdict(let arguments, let claim, let verdict, let evidence, let checksMayFail):
      try LessonExpectations.overrideChangesAVerdict(
        L.name, arguments, claim: claim, verdict: verdict, evidence: evidence, checksMayFail: checksMayFail,
        sourceLocation: sourceLocation)
    }
  }

  public var testDescription: String {
    switch self {
    case .refused(let arguments): "refuses \(arguments.joined(separator: " "))"
    case .answer(let number, let right, let wrong): "exercise \(number): \(right) right, \(wrong) wrong"
    case .command(let number, let right, let wrong, _): "--exercise \(number) --answer \(right) / \(wrong)"
    case .changesAVerdict(let arguments, let claim, let verdict, _, _):
      "\(arguments.joined(separator: " ")) makes \(claim) \(verdict)"
    }
  }
}
