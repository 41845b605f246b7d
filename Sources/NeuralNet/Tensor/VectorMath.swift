import CVectorMath

/// Elementwise tanh, sigmoid and the Box–Muller transform over whole buffers, 8 or 16 values at a
/// time, through SLEEF's deterministic vector functions (`CVectorMath`); and the instrumentation's
/// reductions (`VectorMath+Reductions.swift`).
///
/// Why not `Float.tanh` per element: glibc's scalar tanhf, expf, log and cos were 30–47% of the
/// lessons' time under perf (tanh nets; drawing Gaussian weights). SLEEF's functions are within
/// 1 ulp, and its "finz" variants return the same bits on the scalar, AVX2 and AVX-512 paths, so
/// which path a CPU takes changes the speed, never the numbers (`VectorMathTests` holds that).
/// A CPU without FMA gets glibc's scalar functions instead (other last bits).
public enum VectorMath {
  /// The code path: how many lanes at a time.
  public enum Path: Int32, Sendable, CaseIterable {
    /// The widest this CPU runs.
    case best = 0
    /// One value at a time (SLEEF's scalar FMA functions).
    case scalar = 1
    /// AVX2 with FMA: 8 floats, 4 doubles.
    case avx2 = 8
    /// AVX-512: 16 floats, 8 doubles.
    case avx512 = 16
  }

  /// y = tanh(x), elementwise; NaN stays NaN. `y` may be `x`.
  public static func tanh(
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    precondition(y.count >= x.count, "output shorter than input")
    guard let input = x.baseAddress, let output = y.baseAddress else { return }
    vectormath_tanhf(input, output, x.count, path.rawValue)
  }

  /// y = σ(x) = 1 / (1 + e^(−x)), elementwise; NaN stays NaN. `y` may be `x`.
  public static func sigmoid(
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    precondition(y.count >= x.count, "output shorter than input")
    guard let input = x.baseAddress, let output = y.baseAddress else { return }
    vectormath_sigmoidf(input, output, x.count, path.rawValue)
  }

  /// z = √(−2 ln u₁) · cos(2π u₂), elementwise: Box–Muller's normal draw from two uniforms, u₁ in (0, 1].
  public static func boxMuller(
    _ u1: UnsafeBufferPointer<Double>, _ u2: UnsafeBufferPointer<Double>, into z: UnsafeMutableBufferPointer<Double>,
    path: Path = .best
  ) {
    precondition(u2.count == u1.count && z.count >= u1.count, "one u₂ and one output per u₁")
    guard let a = u1.baseAddress, let b = u2.baseAddress, let out = z.baseAddress else { return }
    vectormath_box_muller(a, b, out, u1.count, path.rawValue)
  }
}
