/// An exercise whose answer is a number, checked by a property of a real run or by a tolerance
/// around the theory — never by matching text. Its number is its place in the lesson's list
/// (from 1): `--exercise N` picks the Nth.
public struct Exercise: Sendable {
  /// The question.
  public var question: String
  /// What kind of number to give ("a value of σ_w²", "a layer number").
  public var answerFormat: String
  /// The worked solution (may run an experiment): the reasoning and the number it arrives at,
  /// which `check` judges correct.
  public var solution: @Sendable () -> WorkedSolution
  /// Decides whether `answer` is right, with the reason (may run an experiment; each answer's
  /// verdict is computed once and remembered).
  public var check: @Sendable (Double) -> ExerciseVerdict

  /// An exercise with its worked solution and checking function.
  public init(
    question: String, answerFormat: String, solution: @escaping @Sendable () -> WorkedSolution,
    check: @escaping @Sendable (Double) -> ExerciseVerdict
  ) {
    self.question = question
    self.answerFormat = answerFormat
    self.solution = solution
    let verdicts = MemoTable<Double, ExerciseVerdict>(check)
    self.check = { verdicts[$0] }
  }

  /// The worked solution of exercise `number` as `--solution` prints it: the question, the
  /// reasoning, the check's verdict on the solution's number, and last `answer: VALUE`.
  public func workedSolution(number: Int) -> (text: String, verdict: ExerciseVerdict) {
    let solved = solution()
    let verdict = check(solved.answer)
    var lines = ["Exercise \(number): \(question)", ""]
    for paragraph in solved.reasoning { lines += [paragraph, ""] }
    lines.append("Checked: \(verdict.correct ? "correct" : "incorrect"). \(verdict.reason)")
    lines.append("answer: \(solved.answerText)")
    return (lines.joined(separator: "\n"), verdict)
  }
}

/// The result of checking an exercise answer.
public struct ExerciseVerdict: Sendable, Equatable {
  /// Whether the answer is right.
  public var correct: Bool
  /// Why, in terms of the run or the theory (it may state the right value).
  public var reason: String
  /// The common mistake the answer matches, named without the right value ("That is the factor
  /// of the norm; λ is for the squared norm."), or nil. It ends `reason` too.
  public var mistake: String?

  /// A verdict with its reason; a named `mistake` is appended to the reason.
  public init(correct: Bool, reason: String, mistake: String? = nil) {
    self.correct = correct
    self.reason = mistake.map { reason + " " + $0 } ?? reason
    self.mistake = mistake
  }

  /// What an exam prints: correct or incorrect and the named mistake, never the right value.
  public var examReason: String {
    if correct { return "Your answer passes the check." }
    return mistake ?? "Your answer does not pass the check."
  }
}
