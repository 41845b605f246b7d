extension Exercise {
  /// A common wrong answer and what to say when a student gives it.
  public struct Mistake: Sendable {
    /// The wrong value the student may have computed.
    public var value: Double
    /// How close an answer must be to `value` to be taken as this mistake (absolute).
    public var within: Double
    /// The hint printed after the verdict.
    public var hint: String

    /// A mistake at `value` (answers within `within` of it get `hint`).
    public init(_ value: Double, within: Double, hint: String) {
      self.value = value
      self.within = within
      self.hint = hint
    }
  }

  /// An exercise answered by predicting a number from the theory: correct within `tolerance`
  /// (relative) of `predicted`. The reason states `derivation`, the predicted value and whether the
  /// answer is within the tolerance, plus the hint of the first `mistakes` entry the answer matches.
  /// The worked solution is `reasoning` (the steps that lead to the formula) and `derivation` with
  /// its value.
  public static func prediction(
    question: String, answerFormat: String, predicted: Double, tolerance: Double,
    reasoning: [String] = [], derivation: String, mistakes: [Mistake] = []
  ) -> Exercise {
    Exercise(
      question: question, answerFormat: answerFormat,
      solution: {
        WorkedSolution(reasoning + ["\(derivation) = \(Format.number(predicted, digits: 6))."], answer: predicted)
      }
    ) { answer in
      let correct = abs(answer - predicted) <= tolerance * abs(predicted)
      let reason =
        tolerance == 0
        ? "\(derivation) = \(Format.number(predicted)); your answer is \(correct ? "exactly that" : "not that number")."
        : "\(derivation) = \(Format.number(predicted)); your answer is \(correct ? "within" : "outside") \(Format.number(tolerance * 100))%."
      let mistake = correct ? nil : mistakes.first(where: { abs(answer - $0.value) <= $0.within })?.hint
      return ExerciseVerdict(correct: correct, reason: reason, mistake: mistake)
    }
  }
}
