import LessonTestSupport
import Testing
import ClippingLesson

extension ClippingLessonTests {
  /// Lesson `clipping`'s command-line cases: the command lines it refuses, its exercises' right and wrong
  /// answers and the exercise command a student types.
  static let commandLineCases = CommandLineCase<ClippingLesson>.cases(
    refused: [
      ["--clip-norm", "0"], ["--clip-norm", "-1"], ["--clip-norm", "abc"], ["--clip-value", "0"],
      ["--clip-norm", "1", "--clip-value", "0.1"], ["--length", "1"], ["--length", "500"], ["--hidden", "0"],
      ["--gain", "0"], ["--gain", "-2"], ["--gain", "nan"], ["--activation", "relu"], ["--steps", "50000"],
      ["--exercise", "5", "--answer", "1"], ["--lr", "0"],
    ],
    answers: [(1, 134.1, 140.8), (2, 26.72, 0), (4, 4.0, 1.0)],
    command: (4, "4", "1", "tanh"))

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<ClippingLesson>) throws { try testCase.check() }
}
