/// A histogram of the magnitudes |x| of a tensor's values on a log scale: how many values fall
/// in each half-octave [2^(k/2), 2^((k+1)/2)), plus the zeros (dead ReLU units; with them the
/// subnormals below 1.2e−38) and the non-finite values, counted apart.
///
/// The histograms practitioners read per layer (Karpathy, makemore part 3; fast.ai's
/// ActivationStats "colorful dimension") show at a glance what the norms only summarise: an
/// exploding layer's gradients sit decades to the right of a healthy layer's, a saturated tanh
/// layer piles up at |h| ≈ 1, a dying ReLU layer grows its zero share.
///
/// The bin of a Float comes from its exponent and top mantissa bits through one table lookup: no
/// logarithm per value, one pass over the tensor (bench measures it). Values below 2^−48 (but not
/// zero) count in the first bin, values of 2^16 and above in the last.
public struct MagnitudeHistogram: Sendable, Equatable {
  /// The first bin's lower edge is 2^(lowestHalfOctave/2).
  public static let lowestHalfOctave = -96
  /// Bins per histogram: half-octaves from 2^−48 to 2^16.
  public static let binCount = 128

  /// Values per bin, from the smallest magnitudes up.
  public var counts: [Int]
  /// Values 0 (or subnormal).
  public var zeros: Int
  /// NaN or ±∞ values.
  public var nonFinite: Int

  /// The histogram of every value of `tensor`.
  public init(_ tensor: Tensor) {
    // One table lookup per value (`slotOfTopBits`), into four interleaved sets of counters: runs
    // of values in one bin would otherwise wait on each other's increment of the same counter.
    let slots = Self.binCount + 2
    var lanes = [Int32](repeating: 0, count: 4 * slots)
    tensor.scalars.withUnsafeBufferPointer { values in
      lanes.withUnsafeMutableBufferPointer { counters in
        Self.slotOfTopBits.withUnsafeBufferPointer { table in
          let base = counters.baseAddress!
          let slot = table.baseAddress!
          @inline(__always) func top(_ value: Float) -> Int { Int((value.bitPattern & 0x7FFF_FFFF) >> 16) }
          var i = 0
          while i + 4 <= values.count {
            base[Int(slot[top(values[i])])] += 1
            base[slots + Int(slot[top(values[i + 1])])] += 1
            base[2 * slots + Int(slot[top(values[i + 2])])] += 1
            base[3 * slots + Int(slot[top(values[i + 3])])] += 1
            i += 4
          }
          while i < values.count {
            base[Int(slot[top(values[i])])] += 1
            i += 1
          }
        }
      }
    }
    let summed = (0..<slots).map { k in
      Int(lanes[k]) + Int(lanes[slots + k]) + Int(lanes[2 * slots + k]) + Int(lanes[3 * slots + k])
    }
    counts = Array(summed[..<Self.binCount])
    zeros = summed[Self.binCount]
    nonFinite = summed[Self.binCount + 1]
  }

  /// The slot of a value from its top 15 magnitude bits (the exponent and 7 mantissa bits):
  /// log2|x| = (exponent − 127) + log2(mantissa), so the half-octave is 2·(exponent − 127), plus 1
  /// when the mantissa is at least √2 (decided at the middle of its 1/128-wide interval: the values
  /// of one interval, 0.4% of an octave, may land one bin off). Exponent 0 (zero, and the
  /// subnormals below 1.2e−38) is the zeros' slot `binCount`; exponent 255 (±∞, NaN) the
  /// non-finite slot `binCount + 1`. 32 KB: it stays in the cache.
  static let slotOfTopBits: [UInt8] = (0..<(1 << 15)).map { top in
    let exponent = top >> 7
    if exponent == 0 { return UInt8(binCount) }
    if exponent == 0xFF { return UInt8(binCount + 1) }
    let mantissa = 1 + (Double(top & 127) + 0.5) / 128
    let halfOctave = 2 * (exponent - 127) + (mantissa >= 2.0.squareRoot() ? 1 : 0)
    return UInt8(Swift.min(Swift.max(halfOctave - lowestHalfOctave, 0), binCount - 1))
  }

  /// Every value counted: the bins, the zeros and the non-finite ones.
  public var total: Int { counts.reduce(0, +) + zeros + nonFinite }

  /// log10 of bin `index`'s lower edge: the x coordinate charts draw it at.
  public static func log10LowerEdge(_ index: Int) -> Double {
    Double(index + lowestHalfOctave) / 2 * 0.301_029_995_663_981_2
  }

  /// The share of the non-zero finite values in each bin (sums to 1; all 0 if there are none).
  public var shares: [Double] {
    let finite = counts.reduce(0, +)
    return counts.map { finite == 0 ? 0 : Double($0) / Double(finite) }
  }

  /// The median of log10|x| over the non-zero finite values, at the middle of its bin (NaN if
  /// there are none).
  public var medianLog10: Double {
    let finite = counts.reduce(0, +)
    guard finite > 0 else { return .nan }
    var seen = 0
    for (index, count) in counts.enumerated() {
      seen += count
      if 2 * seen >= finite {
        return (Self.log10LowerEdge(index) + Self.log10LowerEdge(index + 1)) / 2
      }
    }
    return .nan
  }

  /// The share of exact zeros among all values.
  public var zeroShare: Double { total == 0 ? 0 : Double(zeros) / Double(total) }
}
