/// One student's result on one exercise of an assignment: the points earned out of the
/// exercise's points, and why.
public struct ExerciseScore: Sendable, Equatable {
  /// Points earned: all of `maximum` when the answer passed, else 0.
  public var points: Double
  /// The exercise's points in the assignment.
  public var maximum: Double
  /// Whether the answer passed the check.
  public var passed: Bool
  /// The answer as written (a numeric exercise), or the file that was checked (a code exercise);
  /// empty when there was none.
  public var answer: String
  /// Why, for the teacher: it may state the right value.
  public var reason: String
  /// Why, for the student in an exam: never the right value.
  public var examReason: String

  public init(passed: Bool, maximum: Double, answer: String, reason: String, examReason: String? = nil) {
    self.points = passed ? maximum : 0
    self.maximum = maximum
    self.passed = passed
    self.answer = answer
    self.reason = reason
    self.examReason = examReason ?? reason
  }

  /// "correct", "incorrect", or "not answered" when there was no answer or file.
  public var verdict: String { passed ? "correct" : answer.isEmpty ? "not answered" : "incorrect" }
}
