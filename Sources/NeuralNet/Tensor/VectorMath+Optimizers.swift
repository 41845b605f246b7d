import CVectorMath

extension VectorMath {
  /// One Adam step over one parameter's weights, in place (Kingma & Ba 2015, Algorithm 1):
  ///
  ///     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + ((1 − β₂)·g)·g,
  ///     θ ← θ − (η·(m / c₁)) / (√(v / c₂) + ε),   c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ,
  ///
  /// each operation in that order, 16 weights at a time on AVX-512 (`Optimizers.c`): the same bits
  /// on every path as the one-weight-at-a-time loop. All four buffers have the same count.
  public static func adamUpdate(
    theta: UnsafeMutableBufferPointer<Float>, gradient: UnsafeBufferPointer<Float>,
    m: UnsafeMutableBufferPointer<Float>, v: UnsafeMutableBufferPointer<Float>,
    beta1: Float, beta2: Float, correction1: Float, correction2: Float, learningRate: Float, epsilon: Float,
    path: Path = .best
  ) {
    let count = theta.count
    precondition(gradient.count == count && m.count == count && v.count == count, "one parameter's buffers")
    guard count > 0 else { return }
    vectormath_adam_update(
      theta.baseAddress!, gradient.baseAddress!, m.baseAddress!, v.baseAddress!, count, beta1, beta2, correction1,
      correction2, learningRate, epsilon, path.rawValue)
  }
}
