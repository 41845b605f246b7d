import LessonTestSupport
import Testing
import ExplodingLesson

extension ExplodingLessonTests {
  /// Lesson `exploding`'s command-line cases: the command lines it refuses, its exercises' right and wrong
  /// answers, the exercise command a student types and a command line that changes a verdict.
  static let commandLineCases = CommandLineCase<ExplodingLesson>.cases(
    refused: [
      ["--depth", "0"], ["--lr", "-1"], ["--init", "bogus"], ["--width", "abc"], ["--activation", "tanh"],
      ["--batch-size", "5000"], ["--exercise", "9", "--answer", "1"], ["--exercise", "1"], ["--solution"],
      ["--exercise", "1", "--solution", "--answer", "2"], ["--variant", "-1", "--exercise", "1", "--solution"],
      ["--variant", "x"], ["--weight-std", "0"], ["--steps", "-3"], ["--seed", "-1"], ["--clip-norm", "0"],
      ["--clip-value", "-1"], ["--clip-norm", "abc"], ["--clip-norm", "1", "--clip-value", "1"],
    ],
    answers: [(1, 2.0, 3.0), (2, 43.0, 22.0), (3, 1.414, 2.0), (4, 117.0, 50.0), (5, 0.1, 0.4), (5, 0.1, 0.02)],
    command: (3, "1.41", "2", "SQUARED"),
    // At σ_w² = 1.44 neither net of `.profiles` explodes: the claim that explosion comes from too much
    // computation is not tested.
    changingAVerdict: [
      .changesAVerdict(
        ["--weight-std", "1.2"], claim: "important-problem/too-much-computation", verdict: "not tested",
        evidence: "Neither net explodes", checksMayFail: false)
    ])

  @Test(arguments: commandLineCases)
  func commandLine(_ testCase: CommandLineCase<ExplodingLesson>) throws { try testCase.check() }
}
