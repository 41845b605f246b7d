import LessonTestSupport
import Testing
import BatchNormLesson

extension BatchNormLessonTests {
  /// Lesson `batchnorm`'s command-line cases: the command lines it refuses and the exercise command a student
  /// types.
  static let commandLineCases = CommandLineCase<BatchNormLesson>.cases(
    refused: [
      ["--batch-size", "1"], ["--batch-size", "3"], ["--momentum", "-0.1"], ["--momentum", "0"], ["--momentum", "1.5"],
      ["--epsilon", "-1"], ["--epsilon", "nan"], ["--activation", "tanh"], ["--depth", "2"],
      ["--exercise", "5", "--answer", "1"],
    ],
    command: (1, "1.59", "1.261", "factor of the norm"))

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<BatchNormLesson>) throws { try testCase.check() }
}
