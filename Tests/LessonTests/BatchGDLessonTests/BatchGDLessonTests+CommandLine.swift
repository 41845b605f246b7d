import LessonTestSupport
import Testing
import BatchGDLesson

extension BatchGDLessonTests {
  /// Lesson `batch-gd`'s command-line cases: the command lines it refuses, the exercise command a student
  /// types and a command line that changes a verdict.
  static let commandLineCases = CommandLineCase<BatchGDLesson>.cases(
    refused: [
      ["--batch-size", "5000"], ["--lr", "0"], ["--lr", "-0.1"], ["--batch-size", "0"], ["--depth", "50"],
      ["--width", "1000"], ["--exercise", "4", "--answer", "1"], ["--steps", "abc"],
    ],
    command: (2, "16", "32", "standard deviation"),
    // A four-unit net does not reach the threshold the claim is about (and a check says so).
    changingAVerdict: [
      .changesAVerdict(
        ["--width", "4"], claim: "batch-norm-and-batch-gd/relatively-new", verdict: "partly holds",
        evidence: "did not reach the threshold", checksMayFail: true)
    ])

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<BatchGDLesson>) throws { try testCase.check() }
}
