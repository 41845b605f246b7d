import Foundation

/// Which version of the exercises a student gets: `--variant K` changes each numeric exercise's
/// parameters (depth, σ_w², batch size, …) deterministically, so that a class does not share one
/// set of answers. Variant 0 is the exercise as printed by default.
///
/// A parameter is drawn from a range, not from a short list: variant K ≥ 1 takes the point
/// u_K = {s + K·a} of a low-discrepancy sequence in [0, 1) and maps it into the range (linearly
/// or on a log scale). With the golden ratio a = 1/φ (one parameter), or the R2 sequence's
/// a₁ = 1/ρ, a₂ = 1/ρ² of the plastic number ρ (two parameters of one exercise; Roberts 2018),
/// the variants 1…N of a class are spread over the range with gaps of the order of 1/N (the
/// three-gap theorem), which random draws are not: 30 uniform draws put two within 1/900 of each
/// other about half the time. The offset s comes from SplitMix64 (Steele, Lea & Flood 2014) of a
/// per-parameter salt, so two parameters do not move in lockstep.
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

  /// Which sequence a parameter follows: `.only` for an exercise's one varying parameter, `.first`
  /// and `.second` for the two of an exercise with two (the R2 sequence's two coordinates).
  public enum Axis: Sendable {
    case only, first, second

    /// The sequence's step a: 1/φ, 1/ρ or 1/ρ².
    var step: Double {
      switch self {
      case .only: 0.618_033_988_749_894_8
      case .first: 0.754_877_666_246_692_7
      case .second: 0.569_840_290_998_053_3
      }
    }
  }

  /// How a range is filled: evenly (`linear`) or evenly in log (`logarithmic`, for a scale such
  /// as σ_w² or a step size, whose answers are compared relative to their size).
  public enum Spacing: Sendable { case linear, logarithmic }

  /// The variant's point u_K = {s + K·a} in [0, 1) of the sequence on `axis` offset by `salt`.
  public func unitPoint(salt: UInt64, axis: Axis = .only) -> Double {
    let offset = Double(Self.splitMix(salt) >> 11) / Double(1 << 53)
    let point = offset + Double(number) * axis.step
    return point - point.rounded(.down)
  }

  /// `original` for variant 0; otherwise a value in `range`, spread over the variants as the
  /// type's documentation says, rounded to `digits` significant digits (so that the question
  /// prints the number the check uses).
  public func draw(
    _ original: Double, in range: ClosedRange<Double>, spacing: Spacing = .linear, digits: Int = 3,
    salt: UInt64, axis: Axis = .only
  ) -> Double {
    guard number > 0 else { return original }
    let u = unitPoint(salt: salt, axis: axis)
    let value: Double
    switch spacing {
    case .linear: value = range.lowerBound + u * (range.upperBound - range.lowerBound)
    case .logarithmic:
      precondition(range.lowerBound > 0, "a logarithmic range is positive")
      value = range.lowerBound * Foundation.pow(range.upperBound / range.lowerBound, u)
    }
    return Swift.min(Swift.max(Self.round(value, digits: digits), range.lowerBound), range.upperBound)
  }

  /// `original` for variant 0; otherwise a whole number in `range`, spread over the variants
  /// (evenly, or evenly in log and rounded to the nearest whole number).
  public func draw(
    _ original: Int, in range: ClosedRange<Int>, spacing: Spacing = .linear, salt: UInt64, axis: Axis = .only
  ) -> Int {
    guard number > 0 else { return original }
    let u = unitPoint(salt: salt, axis: axis)
    switch spacing {
    case .linear:
      let count = range.upperBound - range.lowerBound + 1
      return range.lowerBound + Swift.min(Int(u * Double(count)), count - 1)
    case .logarithmic:
      precondition(range.lowerBound > 0, "a logarithmic range is positive")
      let value = Double(range.lowerBound) * Foundation.pow(Double(range.upperBound) / Double(range.lowerBound), u)
      return Swift.min(Swift.max(Int(value.rounded()), range.lowerBound), range.upperBound)
    }
  }

  /// `options[0]` for variant 0, otherwise one of `options[1...]` chosen by K and `salt` (for a
  /// choice among a few named cases; a number is drawn from a range with `draw`).
  public func pick<T>(_ options: [T], salt: UInt64) -> T {
    precondition(!options.isEmpty, "a variant picks from at least one value")
    guard number > 0, options.count > 1 else { return options[0] }
    let hash = Self.splitMix(UInt64(number) &* 0x9E37_79B9_7F4A_7C15 ^ salt)
    return options[1 + Int(hash % UInt64(options.count - 1))]
  }

  /// `value` rounded to `digits` significant digits.
  static func round(_ value: Double, digits: Int) -> Double {
    guard value != 0, value.isFinite else { return value }
    let scale = Foundation.pow(10, Double(digits) - (Foundation.log10(abs(value))).rounded(.down) - 1)
    return (value * scale).rounded() / scale
  }

  /// SplitMix64's output function: a bijective mix of 64 bits.
  static func splitMix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
