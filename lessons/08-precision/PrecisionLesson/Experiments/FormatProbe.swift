import NeuralNet

/// Step `.formats`' measurements: each format's limits found by rounding numbers into it, not read
/// from its definition, and its largest relative rounding error in every binade [2^k, 2^(k+1)).
///
/// A 16-bit format is fed Float32 values (what a mixed-precision step stores); Float32 is fed
/// Double values. Rounding to nearest loses at most half a spacing, so in the normal range the
/// relative error is at most the unit roundoff u = 2^−p (IEEE 754-2008 §2.1; p = 24, 11, 8);
/// below the smallest normal the spacing stays fixed and the relative error grows, up to 1 where
/// a value is flushed to zero.
package enum FormatProbe {
  /// What was measured for one format.
  package struct Measurement: Sendable {
    /// The format.
    package var format: NumberFormat
    /// The largest value that rounds to a finite number, rounded: the largest finite number.
    package var largestFinite: Double
    /// The smallest positive value that does not round to 0, rounded: the smallest subnormal.
    package var smallestSubnormal: Double
    /// The smallest positive value that does not round to 0 (half the smallest subnormal, just above).
    package var flushThreshold: Double
    /// The first binade 2^k whose largest relative error is within u: the smallest normal.
    package var smallestNormal: Double
    /// The largest relative error of values just above 1 (where it peaks in a binade).
    package var unitRoundoff: Double
    /// Per binade: k and the largest relative error of its finite roundings.
    package var binades: [(exponent: Int, error: Double)]
  }

  /// `x` stored in `format`: a Double rounded to Float32, or a Float32 rounded to 16 bits.
  package static func stored(_ x: Double, in format: NumberFormat) -> Double {
    format == .float32 ? Double(Float(x)) : Double(format.round(Float(x)))
  }

  /// A value of what `format` is fed, near `x`: a Double for Float32, a Float32 for the others.
  static func input(_ x: Double, for format: NumberFormat) -> Double {
    format == .float32 ? x : Double(Float(x))
  }

  /// Measures `format` with `samples` random values per binade and near 1, from `seed`.
  package static func measure(_ format: NumberFormat, samples: Int, seed: UInt64) -> Measurement {
    var rng = SeededGenerator(seed: seed, stream: "format \(format.name)")
    let u = format.unitRoundoff
    // The largest input that stays finite, by bisection on positive Double bit patterns (ordered
    // like their values).
    let largest = bisect(low: 1, high: 0x1p130) { stored($0, in: format).isFinite }
    let smallestKept = bisect(low: 0x1p-160, high: 1) { stored($0, in: format) == 0 }.nextUp
    var binades: [(Int, Double)] = []
    for k in (Int(format.smallestSubnormal.exponent) - 2)...Int(format.largestFinite.exponent) {
      var worst = 0.0
      for _ in 0..<samples {
        let x = input(Double(sign: .plus, exponent: k, significand: Double.random(in: 1..<2, using: &rng)), for: format)
        let r = stored(x, in: format)
        guard r.isFinite, x > 0 else { continue }
        worst = Swift.max(worst, abs(r - x) / x)
      }
      binades.append((k, worst))
    }
    let firstNormal = binades.first { $0.1 <= u && $0.1 > 0 }.map {
      Double(sign: .plus, exponent: $0.0, significand: 1)
    }
    // Just above 1 the relative error of half a spacing is largest: values in the first two
    // spacings [1, 1 + 4u), where it peaks at the midpoints 1 + u and 1 + 3u.
    var roundoff = 0.0
    for _ in 0..<samples * 4 {
      let x = input(1 + Double.random(in: 0..<(4 * u), using: &rng), for: format)
      roundoff = Swift.max(roundoff, abs(stored(x, in: format) - x) / x)
    }
    return Measurement(
      format: format, largestFinite: stored(largest, in: format), smallestSubnormal: stored(smallestKept, in: format),
      flushThreshold: smallestKept, smallestNormal: firstNormal ?? .nan, unitRoundoff: roundoff, binades: binades)
  }

  /// The largest x in [low, high] with `keeps(x)`, for a predicate true below some point and false
  /// above it, to the last bit of a Double.
  static func bisect(low: Double, high: Double, _ keeps: (Double) -> Bool) -> Double {
    var (a, b) = (low.bitPattern, high.bitPattern)
    while b - a > 1 {
      let middle = a + (b - a) / 2
      if keeps(Double(bitPattern: middle)) { a = middle } else { b = middle }
    }
    return Double(bitPattern: a)
  }
}
