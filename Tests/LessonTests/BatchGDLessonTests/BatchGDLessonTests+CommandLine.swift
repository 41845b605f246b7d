import LessonTestSupport
import Testing

/// Lesson `batch-gd`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension BatchGDLessonTests {
  /// Command lines `batch-gd` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--batch-size", "5000"],
    ["--lr", "0"],
    ["--lr", "-0.1"],
    ["--batch-size", "0"],
    ["--depth", "50"],
    ["--width", "1000"],
    ["--exercise", "4", "--answer", "1"],
    ["--steps", "abc"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("batch-gd", arguments)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges(
      "batch-gd", number: 2, right: "16", wrong: "32", hint: "standard deviation")
  }

  /// A four-unit net does not reach the threshold the claim is about (and a check says so).
  @Test func anOverrideThatChangesTheMeasurementChangesTheVerdict() throws {
    try LessonExpectations.overrideChangesAVerdict(
      "batch-gd", ["--width", "4"], claim: "batch-norm-and-batch-gd/relatively-new", verdict: "partly holds",
      evidence: "did not reach the threshold", checksMayFail: true)
  }
}
