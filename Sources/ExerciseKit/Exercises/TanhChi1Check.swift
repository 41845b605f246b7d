import Theory

extension CodeExercises {
  /// Checks χ₁ of a deep tanh net by Gauss–Hermite quadrature.
  ///
  /// The pre-activation variance settles at the fixed point q* of q = σ_w²·E_z[tanh(√q·z)²] + σ_b²,
  /// z ~ N(0, 1); then χ₁ = σ_w²·E_z[tanh'(√q*·z)²] is the per-layer factor of the squared
  /// gradient norm (Poole et al. 2016; Schoenholz et al. 2017). The quadrature rule for
  /// E_z f(z) from the physicists' Hermite nodes xᵢ and weights wᵢ (weight e^(−x²)) is
  /// Σ wᵢ·f(√2·xᵢ)/√π.
  static func checkTanhChi1(_ impl: Implementations) throws -> String {
    let cases: [(Double, Double)] = [(1.0, 0.05), (2.0, 0.05), (1.5, 0.0), (3.0, 0.3), (1.2, 0.1)]
    var worst = 0.0
    for (w2, b2) in cases {
      let chi = try Attempt.call("tanhChi1") { try impl.tanhChi1(w2, b2) }
      let field = MeanField(.tanh, weightVariance: w2, biasVariance: b2)
      let expected = field.chi1
      let error = RelativeError.of([chi], [expected])
      worst = Swift.max(worst, error)
      guard error < 1e-6 else {
        let rule = GaussHermite.standard
        func chiAt(_ q: Double) -> Double {
          w2
            * rule.expectation { z in
              let t = Double.tanh(q.squareRoot() * z); return (1 - t * t) * (1 - t * t)
            }
        }
        let q = field.fixedPoint ?? 1
        let unnormalized = expected * Double.pi.squareRoot()
        throw Expect.diagnose(
          [chi],
          [
            (
              [chiAt(1)],
              "you evaluated at q = 1; χ₁ needs the FIXED POINT q* of q = σ_w²·E[tanh(√q·z)²] + σ_b² (iterate the map until it settles)"
            ),
            (
              [chiAt(w2 + b2)],
              "you evaluated at q = σ_w² + σ_b², one step of the length map; iterate it to its fixed point q*"
            ),
            ([expected / w2], "the factor σ_w² is missing: χ₁ = σ_w²·E[tanh'(√q*·z)²]"),
            (
              [
                w2
                  * rule.expectation { z in
                    let t = Double.tanh(q.squareRoot() * z); return 1 - t * t
                  }
              ], "you averaged tanh', not its SQUARE: χ₁ = σ_w²·E[tanh'(√q*·z)²]"
            ),
            (
              [unnormalized],
              "the quadrature is not normalized: with the physicists' nodes, E f(z) = Σ wᵢ·f(√2·xᵢ)/√π"
            ),
            (
              [
                w2
                  * rule.expectation { z in
                    let t = Double.tanh((q / 2).squareRoot() * z); return (1 - t * t) * (1 - t * t)
                  }
              ], "the nodes are not rescaled: z = √2·x for the physicists' Hermite nodes x"
            ),
          ],
          otherwise: "tanhChi1(σ_w² = \(w2), σ_b² = \(b2)) = \(chi), expected \(expected) (q* = \(q))")
      }
    }
    return
      "χ₁ agrees with the mean-field theory at \(cases.count) (σ_w², σ_b²) pairs: relative error ≤ \(RelativeError.text(worst)) (threshold 1e-6)"
  }
}

/// The physicists' Gauss–Hermite rule, for the χ₁ exercise: ∫ e^(−x²) f(x) dx ≈ Σ wᵢ·f(xᵢ).
/// (Theory's `GaussHermite` is the probabilists' form, already rescaled; the exercise is to
/// rescale it yourself.)
public enum HermiteRule {
  /// `count` nodes xᵢ and weights wᵢ for the weight e^(−x²) (Σ wᵢ = √π).
  public static func physicists(count: Int) -> (nodes: [Double], weights: [Double]) {
    let rule = GaussHermite(count: count)
    let sqrtPi = Double.pi.squareRoot()
    return (rule.nodes.map { $0 / 2.0.squareRoot() }, rule.weights.map { $0 * sqrtPi })
  }
}
