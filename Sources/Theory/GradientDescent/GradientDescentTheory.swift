import RealModule

/// Gradient descent on a quadratic, and the noise of mini-batch gradients (docs/theory.md §7).
///
/// On f(w) = ½wᵀAw − bᵀw, one step w ← w − η∇f multiplies the error along each eigenvector of A by
/// (1 − ηλᵢ): GD converges iff 0 < η < 2/λ_max, and the top mode's factor is |1 − ηλ_max|. For least
/// squares with the MEAN loss, A = XᵀX/n; the SUM multiplies every λ by n.
public enum GradientDescentTheory {
  /// The largest stable step size, 2/λ_max.
  public static func threshold(largestEigenvalue lambda: Double) -> Double { 2 / lambda }

  /// The factor by which one step multiplies the error along an eigenvector of eigenvalue λ: |1 − ηλ|.
  /// X = diag(1, 3), mean loss: A = diag(0.5, 4.5); η = 0.40 gives 0.8, η = 0.50 gives 1.25.
  public static func stepFactor(learningRate eta: Double, eigenvalue lambda: Double) -> Double {
    abs(1 - eta * lambda)
  }

  /// How much full-batch GD from w = 0 has lowered f(w) = ½wᵀAw − bᵀw after `t` steps of size η:
  ///
  ///     f(0) − f(w_t) = Σᵢ pᵢ²/(2λᵢ) · (1 − (1 − ηλᵢ)^{2t}),
  ///
  /// pᵢ = vᵢ·b the projection of b on the eigenvector vᵢ of A (eigenvalue λᵢ): the error along vᵢ
  /// starts at pᵢ/λᵢ and each step multiplies it by (1 − ηλᵢ). For ηλᵢ ≪ 1 the factor is
  /// 1 − e^{−2ηλᵢt}, a function of ηt alone: the same decrease takes 1/η times the steps. A mode
  /// with λᵢ → 0 adds pᵢ²ηt, which `expMinusOne`/`log(onePlus:)` evaluate without cancelling.
  /// Modes with λᵢ ≤ 0 (a null space, where pᵢ = 0) add nothing. Sum over a least-squares
  /// problem's outputs, each its own quadratic.
  public static func lossDecrease(
    projections: [Double], eigenvalues: [Double], learningRate eta: Double, steps t: Int
  ) -> Double {
    precondition(projections.count == eigenvalues.count, "one projection per eigenvalue")
    var decrease = 0.0
    for (p, lambda) in zip(projections, eigenvalues) where lambda > 0 {
      let q = 1 - eta * lambda
      let shrunk =
        q > 0
        ? -Double.expMinusOne(2 * Double(t) * Double.log(onePlus: -eta * lambda))
        : 1 - Double.pow(abs(q), Double(2 * t))
      decrease += p * p / (2 * lambda) * shrunk
    }
    return decrease
  }

  /// E‖g_B − ḡ‖² for the mean gradient of B of n examples drawn without replacement, given the
  /// trace of the per-example gradient covariance Σ (with 1/n): ((n − B)/(n − 1))·tr Σ/B. Zero at B = n.
  public static func miniBatchNoise(traceCovariance: Double, examples n: Int, batchSize b: Int) -> Double {
    precondition(b >= 1 && b <= n && n >= 2, "batch size \(b) must be in 1…\(n)")
    return Double(n - b) / Double(n - 1) * traceCovariance / Double(b)
  }

  /// The batch size whose noise is `fraction` times that of batch size `b` (not rounded): solves
  /// (n − B')/((n − 1)B') = fraction·(n − b)/((n − 1)b), i.e. B' = n / (1 + fraction·(n − b)/b).
  public static func batchSize(scalingNoiseOf b: Int, by fraction: Double, examples n: Int) -> Double {
    Double(n) / (1 + fraction * Double(n - b) / Double(b))
  }
}
