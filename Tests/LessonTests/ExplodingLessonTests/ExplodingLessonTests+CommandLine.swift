import LessonTestSupport
import Testing
import ExplodingLesson

/// Lesson `exploding`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension ExplodingLessonTests {
  /// Command lines `exploding` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--depth", "0"],
    ["--lr", "-1"],
    ["--init", "bogus"],
    ["--width", "abc"],
    ["--activation", "tanh"],
    ["--batch-size", "5000"],
    ["--exercise", "9", "--answer", "1"],
    ["--exercise", "1"],
    ["--solution"],
    ["--exercise", "1", "--solution", "--answer", "2"],
    ["--variant", "-1", "--exercise", "1", "--solution"],
    ["--variant", "x"],
    ["--weight-std", "0"],
    ["--steps", "-3"],
    ["--seed", "-1"],
    ["--clip-norm", "0"],
    ["--clip-value", "-1"],
    ["--clip-norm", "abc"],
    ["--clip-norm", "1", "--clip-value", "1"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("exploding", arguments)
  }

  /// (exercise, a right answer, a wrong one) in quick mode, seed 42.
  static let answers: [(Int, Double, Double)] = [
    (1, 2.0, 3.0), (2, 43.0, 22.0), (3, 1.414, 2.0), (4, 117.0, 50.0), (5, 0.1, 0.4), (5, 0.1, 0.02),
  ]

  @Test(arguments: answers)
  func anExerciseAcceptsTheRightAnswerAndRejectsAWrongOneWithAReason(number: Int, right: Double, wrong: Double)
    throws
  {
    try LessonExpectations.exerciseJudges(ExplodingLesson.self, number: number, right: right, wrong: wrong)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges("exploding", number: 3, right: "1.41", wrong: "2", hint: "SQUARED")
  }

  /// At σ_w² = 1.44 neither net of `.profiles` explodes, so the claim that explosion comes from too
  /// much computation is no longer tested.
  @Test func anOverrideThatChangesTheMeasurementChangesTheVerdict() throws {
    try LessonExpectations.overrideChangesAVerdict(
      "exploding", ["--weight-std", "1.2"], claim: "important-problem/too-much-computation", verdict: "not tested",
      evidence: "Neither net explodes")
  }
}
