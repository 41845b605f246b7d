/// The worked solution of a numeric exercise: the reasoning, step by step with its formulas, and
/// the number it arrives at. `<lesson> --exercise N --solution` prints it followed by the check's
/// own verdict on that number and, last, `answer: VALUE`.
public struct WorkedSolution: Sendable {
  /// The reasoning, one paragraph per entry.
  public var reasoning: [String]
  /// The number the reasoning arrives at (what `--answer` should be given).
  public var answer: Double

  /// A solution with its reasoning and answer.
  public init(_ reasoning: [String], answer: Double) {
    self.reasoning = reasoning
    self.answer = answer
  }

  /// The answer as `--answer` reads it back exactly: an integer without a decimal point, any other
  /// value with the shortest digits that round-trip (`1.4142135623730951`).
  public var answerText: String {
    if answer == answer.rounded() && abs(answer) < 1e15 { return String(Int(answer)) }
    return "\(answer)"
  }
}
