import RealModule

/// Residual networks at initialization (docs/theory.md §9).
///
/// For x_{l+1} = x_l + α·F(x_l) with F = W₂·ReLU(W₁x), W₁ ~ N(0, 2/n), W₂ ~ N(0, 1/n), the branch
/// output is uncorrelated with x_l and has E‖F(x)‖² = ‖x‖², so E‖x_{l+1}‖² = (1 + α²)·E‖x_l‖².
public enum ResidualTheory {
  /// E‖x_L‖²/‖x_0‖² = (1 + α²)^L: 1024 for α = 1, L = 10; (1 + 1/L)^L → e for α = 1/√L
  /// (2.705 at L = 100); 1 for α = 0.
  public static func normGrowth(alpha: Double, blocks: Int) -> Double {
    Double.pow(1 + alpha * alpha, Double(blocks))
  }

  /// The α whose L blocks multiply E‖x‖² by `growth`: √(growth^{1/L} − 1).
  public static func alpha(forGrowth growth: Double, blocks: Int) -> Double {
    precondition(growth >= 1 && blocks >= 1, "growth must be at least 1 over at least one block")
    return (Double.pow(growth, 1 / Double(blocks)) - 1).squareRoot()
  }

  /// Fixup's scale of the non-final layers of each branch: L^(−1/(2m−2)) for L blocks of m layers
  /// (Zhang et al. 2019); 1/√L for m = 2.
  public static func fixupScale(blocks: Int, layersPerBranch m: Int) -> Double {
    precondition(blocks >= 1 && m >= 2, "Fixup needs at least one block of at least two layers")
    return Double.pow(Double(blocks), -1 / Double(2 * m - 2))
  }
}
