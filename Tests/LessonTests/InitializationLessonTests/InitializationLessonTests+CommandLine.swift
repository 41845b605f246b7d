import LessonTestSupport
import Testing
import InitializationLesson

/// Lesson `initialization`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension InitializationLessonTests {
  /// Command lines `initialization` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--depth", "2"],
    ["--init", "he"],
    ["--bias-variance", "-0.1"],
    ["--bias-variance", "2"],
    ["--bias-variance", "abc"],
    ["--width", "8"],
    ["--batch-size", "5000"],
    ["--exercise", "6", "--answer", "1"],
    ["--activation", "softmax"],
    ["--lr", "0"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("initialization", arguments)
  }

  /// (exercise, a right answer, a wrong one) in quick mode, seed 42.
  static let answers: [(Int, Double, Double)] = [
    (1, 1.761, 1.0), (1, 1.761, 1.327), (2, 2.0, 1.414), (3, 4.0, 3.0), (4, 0.3333, 0.577), (5, 6.75, 4.0),
  ]

  @Test(arguments: answers)
  func anExerciseAcceptsTheRightAnswerAndRejectsAWrongOneWithAReason(number: Int, right: Double, wrong: Double)
    throws
  {
    try LessonExpectations.exerciseJudges(InitializationLesson.self, number: number, right: right, wrong: wrong)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges(
      "initialization", number: 2, right: "2", wrong: "1.414", hint: "factor of the norm")
  }
}
