import LessonTestSupport
import Testing
import InitializationLesson

extension InitializationLessonTests {
  /// Lesson `initialization`'s command-line cases: the command lines it refuses, its exercises' right and
  /// wrong answers and the exercise command a student types.
  static let commandLineCases = CommandLineCase<InitializationLesson>.cases(
    refused: [
      ["--depth", "2"], ["--init", "he"], ["--bias-variance", "-0.1"], ["--bias-variance", "2"],
      ["--bias-variance", "abc"], ["--width", "8"], ["--batch-size", "5000"], ["--exercise", "6", "--answer", "1"],
      ["--activation", "softmax"], ["--lr", "0"],
    ],
    answers: [(1, 1.761, 1.0), (1, 1.761, 1.327), (2, 2.0, 1.414), (3, 4.0, 3.0), (4, 0.3333, 0.577), (5, 6.75, 4.0)],
    command: (2, "2", "1.414", "factor of the norm"))

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<InitializationLesson>) throws { try testCase.check() }
}
