import LessonTestSupport
import Testing
import ResidualLesson

/// Lesson `residual`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension ResidualLessonTests {
  /// Command lines `residual` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--depth", "3"],
    ["--depth", "500"],
    ["--width", "1000"],
    ["--activation", "tanh"],
    ["--batch-size", "2"],
    ["--exercise", "4", "--answer", "1"],
    ["--lr", "-1"],
    ["--clip-norm", "0"],
    ["--steps", "x"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("residual", arguments)
  }

  /// (exercise, a right answer, a wrong one) in quick mode, seed 42.
  static let answers: [(Int, Double, Double)] = [(1, 86.74, 3325.3), (2, 0.1181, 0.1414), (3, 0.1414, 1.0)]

  @Test(arguments: answers)
  func anExerciseAcceptsTheRightAnswerAndRejectsAWrongOneWithAReason(number: Int, right: Double, wrong: Double)
    throws
  {
    try LessonExpectations.exerciseJudges(ResidualLesson.self, number: number, right: right, wrong: wrong)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges("residual", number: 1, right: "86.7", wrong: "3325.3", hint: "not α")
  }
}
