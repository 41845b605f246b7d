import LessonTestSupport
import Testing
import DocumentsLesson

extension DocumentsLessonTests {
  /// Lesson `documents`'s command-line cases: the command lines it refuses, its exercises' right and wrong
  /// answers, the exercise command a student types and a command line that changes a verdict.
  static let commandLineCases = CommandLineCase<DocumentsLesson>.cases(
    refused: [
      ["--epochs", "0"], ["--epochs", "x"], ["--patience", "0"], ["--depth", "5"], ["--clip-value", "1"],
      ["--batch-size", "2"], ["--exercise", "4", "--answer", "1"], ["--evaluate", "/nonexistent/file.ckpt"],
      ["--evaluate", "/tmp/"],
    ],
    answers: [(1, 3082.0, 2976.0), (2, 21632.0, 25088.0), (3, 4.0, 3.0)],
    command: (1, "3082", "2976", "one bias per output"),
    // With weights of standard deviation 0.05 the CNN is not bad enough to explode: the claim turns false.
    changingAVerdict: [
      .changesAVerdict(
        ["--weight-std", "0.05"], claim: "training-techniques/bn-in-cnn", verdict: "false",
        evidence: "not bad enough to explode", checksMayFail: false)
    ])

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<DocumentsLesson>) throws { try testCase.check() }
}
