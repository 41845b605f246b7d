/// An exercise whose answer is a number, checked by a property of a real run or by a tolerance
/// around the theory — never by matching text.
public struct Exercise: Sendable {
  /// The exercise number shown to students (from 1).
  public var number: Int
  /// The question.
  public var question: String
  /// What kind of number to give ("a value of σ_w²", "a layer number").
  public var answerFormat: String
  /// Decides whether `answer` is right, with the reason (may run an experiment).
  public var check: @Sendable (Double) -> ExerciseVerdict

  /// An exercise with a checking function.
  public init(
    number: Int, question: String, answerFormat: String,
    check: @escaping @Sendable (Double) -> ExerciseVerdict
  ) {
    self.number = number
    self.question = question
    self.answerFormat = answerFormat
    self.check = check
  }
}

/// The result of checking an exercise answer.
public struct ExerciseVerdict: Sendable, Equatable {
  /// Whether the answer is right.
  public var correct: Bool
  /// Why, in terms of the run or the theory.
  public var reason: String

  /// A verdict with its reason.
  public init(correct: Bool, reason: String) {
    self.correct = correct
    self.reason = reason
  }
}
