import CVectorMath

/// The reductions the instrumentation runs over every layer's output and gradient, in C at
/// AVX-512, AVX2 or baseline width (`Reductions.c`): Swift's SIMD types compile for the baseline
/// x86-64 (4 floats at a time), and perf put these sums at 7–10% of the quick lessons' time.
/// The order of every addition is fixed by the algorithm, not by the width, so every path gives
/// the same bits (`VectorMathTests` holds that).
extension VectorMath {
  /// Σ xᵢ² in blocks of 256: each block summed in Float (16 lanes), then added in Double; a block
  /// whose Float sum is not finite is summed again in Double, so finite inputs never give Inf.
  /// Relative error ≤ 256·2⁻²⁴ ≈ 1.5e-5. The same bits on every path.
  public static func sumOfSquares(_ x: UnsafeBufferPointer<Float>, path: Path = .best) -> Double {
    guard let base = x.baseAddress else { return 0 }
    return vectormath_sum_of_squares(base, x.count, path.rawValue)
  }

  /// Σxᵢ, Σxᵢ² (as `sumOfSquares`) and the counts of xᵢ ≤ `low` and of |xᵢ| ≥ `high`, in one read
  /// of `x`. The same bits on every path.
  public static func moments(
    _ x: UnsafeBufferPointer<Float>, low: Float, high: Float, path: Path = .best
  ) -> (sum: Double, sumOfSquares: Double, atOrBelowLow: Int, atOrAboveHigh: Int) {
    guard let base = x.baseAddress else { return (0, 0, 0, 0) }
    let m = vectormath_moments_of(base, x.count, low, high, path.rawValue)
    return (m.sum, m.sum_of_squares, m.at_or_below_low, m.at_or_above_high)
  }

  /// y = ReLU(x) (`relu`) and `moments` of y with thresholds `low` and `high`, in one pass: each
  /// block of 256 is summed just after it is written, while in L1. The bits of `relu` then
  /// `moments`, on every path.
  public static func reluMoments(
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, low: Float, high: Float,
    path: Path = .best
  ) -> (sum: Double, sumOfSquares: Double, atOrBelowLow: Int, atOrAboveHigh: Int) {
    precondition(y.count >= x.count, "the output is shorter than the input")
    guard let source = x.baseAddress, let target = y.baseAddress else { return (0, 0, 0, 0) }
    let m = vectormath_relu_moments(source, target, x.count, low, high, path.rawValue)
    return (m.sum, m.sum_of_squares, m.at_or_below_low, m.at_or_above_high)
  }

  /// out = ReLU's backward pass of `g` from its output `y` (`reluBackward`) and Σ outᵢ²
  /// (`sumOfSquares`), in one pass, block by block: the bits of the two calls, on every path.
  public static func reluBackwardSquares(
    _ g: UnsafeBufferPointer<Float>, output y: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) -> Double {
    precondition(y.count == g.count && out.count >= g.count, "one output and one result per gradient")
    guard let gradient = g.baseAddress, let output = y.baseAddress, let target = out.baseAddress else { return 0 }
    return vectormath_relu_backward_squares(gradient, output, target, g.count, path.rawValue)
  }
}
