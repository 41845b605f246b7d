import RealModule

/// Gradients through time in a vanilla recurrent net, and norm clipping (Pascanu, Mikolov & Bengio
/// 2013, docs/theory.md §6).
///
/// For x_t = W_rec·φ(x_{t−1}) + W_in·u_t + b with |φ'| ≤ γ (1 for tanh, ¼ for the sigmoid), each step
/// back multiplies the gradient by at most γσ₁ (σ₁ the largest singular value of W_rec): σ₁ < 1/γ
/// is sufficient for vanishing, σ₁ > 1/γ only necessary for exploding.
public enum RecurrentTheory {
  /// The single linear unit x_t = w·x_{t−1}: ∂x_t/∂w = t·x₀·w^{t−1}. At x₀ = 0.5, t = 50:
  /// ≈ 0.143 for w = 0.9, 25 for w = 1, ≈ 2.67e3 for w = 1.1.
  public static func singleUnitDerivative(w: Double, x0: Double, t: Int) -> Double {
    precondition(t >= 1, "t must be at least 1")
    return Double(t) * x0 * Double.pow(w, Double(t - 1))
  }

  /// The largest singular value below which the gradient surely vanishes: 1/γ.
  public static func vanishingThreshold(derivativeBound gamma: Double) -> Double {
    precondition(gamma > 0, "γ must be positive")
    return 1 / gamma
  }

  /// The bound (γσ₁)^k on ‖∂L/∂h_{T−k}‖ / ‖∂L/∂h_T‖.
  public static func gradientBound(derivativeBound gamma: Double, largestSingularValue sigma: Double, stepsBack k: Int)
    -> Double
  {
    Double.pow(gamma * sigma, Double(k))
  }

  /// The norm after Algorithm 1: min(‖g‖, τ); the direction is unchanged.
  public static func normAfterClipping(_ norm: Double, threshold tau: Double) -> Double {
    Swift.min(norm, tau)
  }

  /// cos(g, clip_c(g)) for clipping by value, every component clamped to [−c, c]:
  /// Σ g_i·clamp(g_i) / (‖g‖·‖clamp(g)‖). 1 when nothing is clamped or everything is.
  public static func valueClippingCosine(_ g: [Double], bound c: Double) -> Double {
    let clamped = g.map { Swift.min(Swift.max($0, -c), c) }
    let dot = zip(g, clamped).map { $0 * $1 }.reduce(0, +)
    return dot / (g.map { $0 * $0 }.reduce(0, +).squareRoot() * clamped.map { $0 * $0 }.reduce(0, +).squareRoot())
  }
}
