import LessonTestSupport
import PrecisionLesson
import Testing

extension PrecisionLessonTests {
  /// Lesson `precision`'s command-line cases: the command lines it refuses, its exercises' right and wrong
  /// answers, the exercise command a student types, and a command line that changes a verdict (nets too
  /// shallow to overflow Float16 leave the input-range claim untested).
  static let commandLineCases = CommandLineCase<PrecisionLesson>.cases(
    refused: [
      ["--init-scale", "1000"], ["--init-scale", "0.5"], ["--growth-interval", "0"], ["--growth-factor", "1"],
      ["--backoff-factor", "1"], ["--static-scale", "3"], ["--depth", "0"], ["--width", "1000"],
      ["--activation", "tanh"], ["--clip-value", "1"], ["--lr", "-1"], ["--steps", "5"],
      ["--overflow-depth", "1"], ["--exercise", "4", "--answer", "1"],
    ],
    answers: [(1, 29, 28), (2, 3.09, 6.18), (3, 4096, 8192)],
    command: (1, "29", "12", "ReLU keeps half"),
    changingAVerdict: [
      .changesAVerdict(
        ["--overflow-depth", "4"], claim: "training-techniques/input-range", verdict: "not tested",
        evidence: "did not overflow Float16 within its 4 layers", checksMayFail: false)
    ])

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<PrecisionLesson>) throws { try testCase.check() }
}
