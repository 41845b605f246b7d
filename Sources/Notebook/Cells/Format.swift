import Foundation
import Theory

/// Number formatting shared by tables, checks and exercises.
public enum Format {
  /// A compact number: 4 significant digits, scientific notation outside [1e-3, 1e5),
  /// "inf"/"-inf"/"nan" for non-finite values.
  public static func number(_ value: Double, digits: Int = 4) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == 0 { return "0" }
    if value == value.rounded() && abs(value) < 1e5 { return String(Int(value)) }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e5 {
      return String(format: "%.\(digits)g", value)
    }
    return String(format: "%.\(max(digits - 1, 1))e", value)
  }

  /// A power of two with its exponent in superscript digits, as charts and tables print it:
  /// 1024 → "2¹⁰", 2⁻²⁵ → "2⁻²⁵"; any other value as `number`.
  public static func powerOfTwo(_ value: Double) -> String {
    guard value > 0, value.isFinite, value.significand == 1 else { return number(value) }
    let digits: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    return "2" + String(String(Int(value.exponent)).compactMap { digits[$0] })
  }

  /// A fraction as a percentage: 0.125 → "12.5%".
  public static func percent(_ value: Double) -> String {
    value.isFinite ? String(format: "%.1f%%", value * 100) : number(value)
  }

  /// A seed spread as "mean (min–max)", each through `format` (e.g. `Format.percent`): "64.2%
  /// (42.0%–80.8%)"; "–" for a spread whose values are not all finite; one value for one seed.
  public static func spread(_ spread: SeedSpread, _ format: (Double) -> String = { number($0) }) -> String {
    guard spread.mean.isFinite else { return "–" }
    guard spread.values.count > 1 else { return format(spread.mean) }
    return "\(format(spread.mean)) (\(format(spread.min))–\(format(spread.max)))"
  }
}
