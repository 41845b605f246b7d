import LessonTestSupport
import Testing
import DocumentsLesson

/// Lesson `documents`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension DocumentsLessonTests {
  /// Command lines `documents` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--epochs", "0"],
    ["--epochs", "x"],
    ["--patience", "0"],
    ["--depth", "5"],
    ["--clip-value", "1"],
    ["--batch-size", "2"],
    ["--exercise", "4", "--answer", "1"],
    ["--evaluate", "/nonexistent/file.ckpt"],
    ["--evaluate", "/tmp/"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("documents", arguments)
  }

  /// (exercise, a right answer, a wrong one) in quick mode, seed 42.
  static let answers: [(Int, Double, Double)] = [(1, 3082.0, 2976.0), (2, 21632.0, 25088.0), (3, 4.0, 3.0)]

  @Test(arguments: answers)
  func anExerciseAcceptsTheRightAnswerAndRejectsAWrongOneWithAReason(number: Int, right: Double, wrong: Double)
    throws
  {
    try LessonExpectations.exerciseJudges(DocumentsLesson.self, number: number, right: right, wrong: wrong)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges(
      "documents", number: 1, right: "3082", wrong: "2976", hint: "one bias per output")
  }

  /// With weights of standard deviation 0.05 the documents' CNN is not bad enough to explode, and
  /// the claim about batch norm in CNNs turns false.
  @Test func anOverrideThatChangesTheMeasurementChangesTheVerdict() throws {
    try LessonExpectations.overrideChangesAVerdict(
      "documents", ["--weight-std", "0.05"], claim: "training-techniques/bn-in-cnn", verdict: "false",
      evidence: "not bad enough to explode")
  }
}
