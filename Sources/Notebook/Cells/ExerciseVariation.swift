/// How a numeric exercise changes with `--variant K`: its parameters are drawn from ranges, so
/// that a class's right answers differ, or a class shares its answer, and why.
public enum ExerciseVariation: Sendable, Equatable {
  /// The parameters change with the variant. Two right answers closer than `relativeTolerance`
  /// of the answer (0 for an exact whole number) would pass the same check: the contract test
  /// holds that the variants of a class's roster keep their right answers further apart.
  case varies(relativeTolerance: Double)
  /// A class shares the answer: the exercise is the same in every variant (its answer is a
  /// property of the lesson's own run, or many answers are right) or has only a few possible
  /// answers; the reason says which.
  case shared(String)

  /// Whether the exercise changes with the variant.
  public var varies: Bool {
    if case .varies = self { return true }
    return false
  }

  /// Why a class shares the exercise's answer, nil if it varies.
  public var sharedReason: String? {
    if case .shared(let reason) = self { return reason }
    return nil
  }

  /// "A class shares the answers of exercises 1 (reason); 2 (reason)" for a lesson's exercises,
  /// numbered from 1, or nil when every one varies.
  public static func sharedNote(_ variations: [ExerciseVariation]) -> String? {
    let shared = variations.enumerated().compactMap { i, v in v.sharedReason.map { "\(i + 1) (\($0))" } }
    guard !shared.isEmpty else { return nil }
    return "A class shares the answers of exercise\(shared.count == 1 ? "" : "s") \(shared.joined(separator: "; "))"
  }
}
