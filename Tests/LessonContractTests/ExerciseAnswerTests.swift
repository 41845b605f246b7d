import LessonCatalogue
import LessonKit
import LessonTestSupport
import Notebook
import Testing

/// Every lesson's exercises, in quick mode with seed 42, judge a right answer correct and a
/// named wrong one (the mistake a student makes) wrong, with a reason. Lessons 3 and 4, whose
/// right answers come from a run with other sizes, hold their own in their lesson tests.
@Suite("Exercise answers")
struct ExerciseAnswerTests {
  /// (lesson, exercise number, a right answer, a wrong one).
  static let answers: [(String, Int, Double, Double)] = [
    ("exploding", 1, 2.0, 3.0), ("exploding", 2, 43.0, 22.0), ("exploding", 3, 1.414, 2.0),
    ("exploding", 4, 117.0, 50.0), ("exploding", 5, 0.1, 0.4), ("exploding", 5, 0.1, 0.02),
    ("initialization", 1, 1.761, 1.0), ("initialization", 1, 1.761, 1.327), ("initialization", 2, 2.0, 1.414),
    ("initialization", 3, 4.0, 3.0), ("initialization", 4, 0.3333, 0.577), ("initialization", 5, 6.75, 4.0),
    ("clipping", 1, 134.1, 140.8), ("clipping", 2, 26.72, 0), ("clipping", 4, 4.0, 1.0),
    ("residual", 1, 86.74, 3325.3), ("residual", 2, 0.1181, 0.1414), ("residual", 3, 0.1414, 1.0),
    ("documents", 1, 3082.0, 2976.0), ("documents", 2, 21632.0, 25088.0), ("documents", 3, 4.0, 3.0),
  ]

  @Test(arguments: answers)
  func anExerciseAcceptsTheRightAnswerAndRejectsAWrongOneWithAReason(
    lesson name: String, number: Int, right: Double, wrong: Double
  ) throws {
    let lesson = try #require(LessonCatalogue.lesson(named: name))
    let exercise = try lesson.defaultExercises(variant: .original, quick: true)[number - 1]
    let yes = exercise.check(right)
    let no = exercise.check(wrong)
    #expect(yes.correct, "\(name) \(number): \(yes.reason)")
    #expect(!no.correct && no.reason.count > 40, "\(name) \(number): \(no.reason)")
  }

  /// (lesson, exercise number, a right answer, a wrong one, a word of the wrong one's hint), as a
  /// student types them after reading the lesson in full mode.
  static let commands: [(String, Int, String, String, String)] = [
    ("exploding", 3, "1.41", "2", "SQUARED"), ("initialization", 2, "2", "1.414", "factor of the norm"),
    ("batchnorm", 1, "1.59", "1.261", "factor of the norm"), ("batch-gd", 2, "16", "32", "standard deviation"),
    ("clipping", 4, "4", "1", "tanh"), ("residual", 1, "86.7", "3325.3", "not α"),
    ("documents", 1, "3082", "2976", "one bias per output"),
  ]

  /// `--exercise N --answer X` prints "Exercise N: correct." and exits 0 for a right answer, and
  /// exits 1 with "incorrect" and the hint of the mistake for a wrong one.
  /// Every lesson of the catalogue has its row in `commands`.
  @Test func everyLessonHasAnExerciseCommandToCheck() {
    #expect(Set(Self.commands.map(\.0)) == Set(LessonContractTests.lessons), "a lesson has no exercise command")
  }

  @Test(arguments: commands)
  func theExerciseCommandExitsZeroWhenRightAndOneWithTheHintWhenWrong(
    lesson: String, number: Int, right: String, wrong: String, hint: String
  ) throws {
    let yes = try LessonProcess.run(lesson, ["--exercise", "\(number)", "--answer", right])
    #expect(yes.status == 0 && yes.stdout.hasPrefix("Exercise \(number): correct."), "\(lesson): \(yes.stdout)")
    let no = try LessonProcess.run(lesson, ["--exercise", "\(number)", "--answer", wrong])
    #expect(no.status == 1 && no.stdout.hasPrefix("Exercise \(number): incorrect."), "\(lesson): \(no.stdout)")
    #expect(no.stdout.contains(hint), "\(lesson) \(number) \(wrong): \(no.stdout)")
  }
}
