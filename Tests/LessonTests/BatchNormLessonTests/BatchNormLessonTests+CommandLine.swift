import LessonTestSupport
import Testing

/// Lesson `batchnorm`'s command-line cases, held by the checks every lesson shares
/// (`LessonExpectations`): the command lines it refuses, and its exercises' answers.
extension BatchNormLessonTests {
  /// Command lines `batchnorm` refuses: a value out of range or of the wrong type, an option it does
  /// not take, an exercise it does not have.
  static let badOptions: [[String]] = [
    ["--batch-size", "1"],
    ["--batch-size", "3"],
    ["--momentum", "-0.1"],
    ["--momentum", "0"],
    ["--momentum", "1.5"],
    ["--epsilon", "-1"],
    ["--epsilon", "nan"],
    ["--activation", "tanh"],
    ["--depth", "2"],
    ["--exercise", "5", "--answer", "1"],
  ]

  @Test(arguments: badOptions)
  func aBadOptionIsRefusedInOneLineAndNothingIsWritten(_ arguments: [String]) throws {
    try LessonExpectations.rejects("batchnorm", arguments)
  }

  @Test func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong() throws {
    try LessonExpectations.exerciseCommandJudges(
      "batchnorm", number: 1, right: "1.59", wrong: "1.261", hint: "factor of the norm")
  }
}
