import CVectorMath

/// Elementwise tanh, sigmoid, ReLU and the Box–Muller transform over whole buffers, 8 or 16 values at a
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
    elementwise(vectormath_tanhf, x, into: y, path: path)
  }

  /// y = σ(x) = 1 / (1 + e^(−x)), elementwise; NaN stays NaN. `y` may be `x`.
  public static func sigmoid(
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    elementwise(vectormath_sigmoidf, x, into: y, path: path)
  }

  /// y = x < 0 ? 0 : x (ReLU), elementwise; −0 and NaN pass through (a NaN must propagate to be
  /// detected). `y` may be `x`.
  public static func relu(
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    elementwise(vectormath_relu, x, into: y, path: path)
  }

  /// ∂L/∂h = ∂L/∂y · [y > 0], ReLU's backward pass from its output `y`, elementwise.
  public static func reluBackward(
    _ g: UnsafeBufferPointer<Float>, output y: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    backward(vectormath_relu_backward, g, output: y, into: out, path: path)
  }

  /// ∂L/∂h = ∂L/∂y · (1 − y²), tanh's backward pass from its output `y`, elementwise.
  public static func tanhBackward(
    _ g: UnsafeBufferPointer<Float>, output y: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    backward(vectormath_tanh_backward, g, output: y, into: out, path: path)
  }

  /// ∂L/∂h = ∂L/∂y · y · (1 − y), the sigmoid's backward pass from its output `y`, elementwise.
  public static func sigmoidBackward(
    _ g: UnsafeBufferPointer<Float>, output y: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    backward(vectormath_sigmoid_backward, g, output: y, into: out, path: path)
  }

  /// Applies one of CVectorMath's backward passes `f(g, y, out, count, lanes)` to buffers.
  private static func backward(
    _ f: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int32) -> Void,
    _ g: UnsafeBufferPointer<Float>, output y: UnsafeBufferPointer<Float>,
    into out: UnsafeMutableBufferPointer<Float>, path: Path
  ) {
    precondition(y.count == g.count && out.count >= g.count, "one output value and one result per gradient")
    guard let gradient = g.baseAddress, let output = y.baseAddress, let result = out.baseAddress else { return }
    f(gradient, output, result, g.count, path.rawValue)
  }

  /// Applies one of CVectorMath's elementwise functions `f(x, y, count, lanes)` to a buffer.
  private static func elementwise(
    _ f: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Int32) -> Void,
    _ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, path: Path
  ) {
    precondition(y.count >= x.count, "output shorter than input")
    guard let input = x.baseAddress, let output = y.baseAddress else { return }
    f(input, output, x.count, path.rawValue)
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
