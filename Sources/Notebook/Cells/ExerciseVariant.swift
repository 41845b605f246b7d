/// Which version of the exercises a student gets: `--variant K` changes each numeric exercise's
/// parameters (depth, σ_w², batch size, …) deterministically, so that a class does not share one
/// set of answers. Variant 0 is the exercise as printed by default.
///
/// A parameter is chosen from a list whose first entry is variant 0's value; variant K ≥ 1 takes
/// one of the other entries through SplitMix64 (Steele, Lea & Flood 2014) of K and a per-parameter
/// salt, so two parameters of one exercise do not move in lockstep.
public struct ExerciseVariant: Sendable, Hashable, CustomStringConvertible {
  /// K, from 0.
  public var number: Int

  /// Variant K (K ≥ 0; the command line refuses a negative K).
  public init(_ number: Int) {
    precondition(number >= 0, "a variant is a number K ≥ 0")
    self.number = number
  }

  /// The exercise as printed by default.
  public static let original = ExerciseVariant(0)

  public var description: String { "\(number)" }

  /// `options[0]` for variant 0, otherwise one of `options[1...]` chosen by K and `salt`.
  public func pick<T>(_ options: [T], salt: UInt64) -> T {
    precondition(!options.isEmpty, "a variant picks from at least one value")
    guard number > 0, options.count > 1 else { return options[0] }
    let hash = Self.splitMix(UInt64(number) &* 0x9E37_79B9_7F4A_7C15 ^ salt)
    return options[1 + Int(hash % UInt64(options.count - 1))]
  }

  /// SplitMix64's output function: a bijective mix of 64 bits.
  static func splitMix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
