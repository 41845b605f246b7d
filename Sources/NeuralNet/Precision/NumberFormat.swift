import CVectorMath

/// A floating-point storage format: where a mixed-precision step keeps its activations and
/// gradients while it computes in Float32 (Micikevicius et al. 2018, "Mixed Precision Training").
///
/// Each format is IEEE 754-style (IEEE 754-2008 §3.3): a sign, `exponentBits` of biased exponent
/// and a significand of p = `significandBits` bits (one of them implicit), with subnormals below the
/// smallest normal number and ±∞ past the largest finite one.
///
/// | format   | p  | exponent bits | largest finite        | smallest normal | smallest subnormal |
/// |----------|----|---------------|-----------------------|-----------------|--------------------|
/// | Float32  | 24 | 8             | (2 − 2⁻²³)·2¹²⁷ ≈ 3.4e38 | 2⁻¹²⁶ ≈ 1.2e-38 | 2⁻¹⁴⁹ ≈ 1.4e-45 |
/// | Float16  | 11 | 5             | (2 − 2⁻¹⁰)·2¹⁵ = 65504 | 2⁻¹⁴ ≈ 6.1e-5   | 2⁻²⁴ ≈ 6.0e-8      |
/// | BFloat16 | 8  | 8             | (2 − 2⁻⁷)·2¹²⁷ ≈ 3.39e38 | 2⁻¹²⁶ ≈ 1.2e-38 | 2⁻¹³³ ≈ 9.2e-41 |
///
/// BFloat16 (Kalamkar et al. 2019, "A Study of BFLOAT16 for Deep Learning Training") keeps
/// Float32's exponent range with 8 bits of precision; Float16 (IEEE binary16) has 11 bits of
/// precision and a range that ends at 65504.
public enum NumberFormat: String, Sendable, CaseIterable, Codable {
  case float32
  case float16
  case bfloat16

  /// The name in prose and tables.
  public var name: String {
    switch self {
    case .float32: "Float32"
    case .float16: "Float16"
    case .bfloat16: "BFloat16"
    }
  }

  /// p, the significand's precision in bits, the implicit bit included.
  public var significandBits: Int {
    switch self {
    case .float32: 24
    case .float16: 11
    case .bfloat16: 8
    }
  }

  /// The exponent field's width in bits.
  public var exponentBits: Int { self == .float16 ? 5 : 8 }

  /// The largest exponent of a finite number, emax = 2^(exponentBits − 1) − 1.
  public var maxExponent: Int { (1 << (exponentBits - 1)) - 1 }

  /// The unit roundoff u = 2⁻ᵖ: rounding to nearest changes a number in the normal range by a
  /// relative error of at most u (Higham 2002, §2.1).
  public var unitRoundoff: Double { pow2(-significandBits) }

  /// The largest finite number, (2 − 2^(1−p))·2^emax.
  public var largestFinite: Double {
    (2 - pow2(1 - significandBits)) * pow2(maxExponent)
  }

  /// The smallest positive normal number, 2^(1 − emax).
  public var smallestNormal: Double { pow2(1 - maxExponent) }

  /// The smallest positive subnormal number, 2^(1 − emax − (p − 1)).
  public var smallestSubnormal: Double { pow2(1 - maxExponent - (significandBits - 1)) }

  /// The magnitude at or below which rounding gives 0: half the smallest subnormal (a tie goes
  /// to the even neighbour, 0). Float16: 2⁻²⁵.
  public var flushThreshold: Double { smallestSubnormal / 2 }

  /// The magnitude at or above which rounding gives ∞: the largest finite number plus half the
  /// spacing there, 2^(emax − p). Float16: 65504 + 16 = 65520.
  public var overflowThreshold: Double { largestFinite + pow2(maxExponent - significandBits) }

  /// `x` rounded to the nearest number of this format, ties to the one with an even last bit, as
  /// a Float32 (which holds every number of the three formats exactly). A value past the largest
  /// finite number becomes ±∞, one below half the smallest subnormal ±0, NaN stays NaN.
  @inlinable
  public func round(_ x: Float) -> Float {
    switch self {
    case .float32: return x
    case .float16: return Float(Float16(x))
    case .bfloat16: return Self.roundToBFloat16(x)
    }
  }

  /// Every element of `tensor` rounded to this format (`round(_:)`); Float16 through the CPU's
  /// conversion instructions where it has them (`vectormath_round_to_float16`: the same numbers,
  /// about 8× faster than Swift's conversion on x86-64).
  public func rounded(_ tensor: Tensor) -> Tensor {
    guard self != .float32 else { return tensor }
    var copy = tensor
    if self == .float16 {
      let done = copy.scalars.withUnsafeMutableBufferPointer {
        vectormath_round_to_float16($0.baseAddress, $0.count) == 1
      }
      if done { return copy }
    }
    copy.scalars = tensor.scalars.map(round)
    return copy
  }

  /// Round to nearest even from Float32 to BFloat16, written by hand because Swift has no
  /// BFloat16 type: a BFloat16 is the upper 16 bits of a Float32, so adding 0x7FFF plus the
  /// lowest kept bit to the bit pattern and clearing the low 16 bits rounds to nearest, ties to
  /// even (a carry into the exponent is the right result, up to +∞ past the largest finite
  /// number). NaN is kept as a quiet NaN of the same sign instead of rounding its payload.
  @inlinable
  static func roundToBFloat16(_ x: Float) -> Float {
    guard !x.isNaN else { return Float(bitPattern: x.bitPattern | 0x0040_0000) }
    let bits = x.bitPattern
    let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
    return Float(bitPattern: rounded & 0xFFFF_0000)
  }
}

/// 2^k as a Double, exactly (for |k| ≤ 1022, and down to 2^−1074 below).
private func pow2(_ k: Int) -> Double {
  Double(sign: .plus, exponent: k, significand: 1)
}
