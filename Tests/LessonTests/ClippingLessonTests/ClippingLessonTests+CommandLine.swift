import LessonTestSupport
import Testing
import ClippingLesson

/// Lesson `clipping`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension ClippingLessonTests {
  /// Command lines `clipping` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--clip-norm", "0"],
    ["--clip-norm", "-1"],
    ["--clip-norm", "abc"],
    ["--clip-value", "0"],
    ["--clip-norm", "1", "--clip-value", "0.1"],
    ["--length", "1"],
    ["--length", "500"],
    ["--hidden", "0"],
    ["--gain", "0"],
    ["--gain", "-2"],
    ["--gain", "nan"],
    ["--activation", "relu"],
    ["--steps", "50000"],
    ["--exercise", "5", "--answer", "1"],
    ["--lr", "0"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("clipping", arguments)
  }

  /// (exercise, a right answer, a wrong one) in quick mode, seed 42.
  static let answers: [(Int, Double, Double)] = [(1, 134.1, 140.8), (2, 26.72, 0), (4, 4.0, 1.0)]

  @Test(arguments: answers)
  func anExerciseAcceptsTheRightAnswerAndRejectsAWrongOneWithAReason(number: Int, right: Double, wrong: Double)
    throws
  {
    try LessonExpectations.exerciseJudges(ClippingLesson.self, number: number, right: right, wrong: wrong)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges("clipping", number: 4, right: "4", wrong: "1", hint: "tanh")
  }
}
