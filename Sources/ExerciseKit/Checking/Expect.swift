/// The checks' building blocks: each throws a `Mistake` whose reason says what was wrong.
enum Expect {
  /// `m` is rows×columns, else "∂L/∂W is 3×5, expected 5×3 (the shape of W)…".
  static func shape(_ m: Matrix, _ rows: Int, _ columns: Int, _ what: String, hint: String = "") throws {
    guard m.rows == rows && m.columns == columns else {
      throw Mistake("\(what) is \(m.shape), expected \(rows)×\(columns)\(hint.isEmpty ? "" : ": " + hint)")
    }
  }

  /// `v` has `count` values.
  static func count(_ v: [Double], _ count: Int, _ what: String, hint: String = "") throws {
    guard v.count == count else {
      throw Mistake("\(what) has \(v.count) values, expected \(count)\(hint.isEmpty ? "" : ": " + hint)")
    }
  }

  /// Every value finite.
  static func finite(_ v: [Double], _ what: String) throws {
    guard v.allSatisfy(\.isFinite) else { throw Mistake("\(what) contains NaN or ∞") }
  }

  /// The first of `mistakes` whose value `actual` matches (relative error below 1e-6), as a
  /// `Mistake` with its hint; otherwise `Mistake(otherwise)`.
  static func diagnose(_ actual: [Double], _ mistakes: [(value: [Double], hint: String)], otherwise: String) -> Mistake
  {
    for mistake in mistakes where mistake.value.count == actual.count && RelativeError.of(actual, mistake.value) < 1e-6
    {
      return Mistake(mistake.hint)
    }
    return Mistake(otherwise)
  }
}

/// The tolerance of a gradient check in Float64, as CS231n states it: a relative error below
/// 1e-7 is right; the check prints the measured error beside it.
let gradientThreshold = 1e-7
