import LessonTestSupport
import Testing
import ResidualLesson

extension ResidualLessonTests {
  /// Lesson `residual`'s command-line cases: the command lines it refuses, its exercises' right and wrong
  /// answers and the exercise command a student types.
  static let commandLineCases = CommandLineCase<ResidualLesson>.cases(
    refused: [
      ["--depth", "3"], ["--depth", "500"], ["--width", "1000"], ["--activation", "tanh"], ["--batch-size", "2"],
      ["--exercise", "4", "--answer", "1"], ["--lr", "-1"], ["--clip-norm", "0"], ["--steps", "x"],
    ],
    answers: [(1, 86.74, 3325.3), (2, 0.1181, 0.1414), (3, 0.1414, 1.0)],
    command: (1, "86.7", "3325.3", "not α"))

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<ResidualLesson>) throws { try testCase.check() }
}
