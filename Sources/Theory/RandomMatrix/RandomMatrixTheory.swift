import RealModule

/// Spectra of random weight matrices and of their products (Glorot & Bengio 2010; Saxe et al.
/// 2014; docs/theory.md §2 and §10).
public enum RandomMatrixTheory {
  /// The mean singular value of a square n×n matrix with i.i.d. entries of variance s²/n, as
  /// n → ∞: the quarter-circle law on [0, 2s] has mean 8s/(3π) ≈ 0.849·s.
  ///
  /// Glorot & Bengio's "standard" init U[±1/√n] has s² = 1/3, so 0.490: the 0.49 of their paper.
  public static func meanSingularValue(entryScale s: Double) -> Double {
    8 * s / (3 * Double.pi)
  }

  /// The largest squared singular value of a product of L square Gaussian matrices with entries
  /// N(0, 1/N), as N → ∞: the right edge of the Fuss–Catalan law, (L+1)^(L+1)/L^L.
  /// 4 at L = 1, 6.75 at L = 2, 28.5 at L = 10.
  public static func fussCatalanEdge(layers l: Int) -> Double {
    let L = Double(l)
    return Double.exp((L + 1) * Double.log(L + 1) - L * Double.log(L))
  }

  /// The variance of the squared singular values of that product: L (its mean is 1).
  public static func fussCatalanVariance(layers l: Int) -> Double { Double(l) }

  /// The Fuss–Catalan density of the squared singular values of a product of L Gaussian matrices,
  /// as points (x, ρ(x)) along its parametrisation (Haagerup & Möller 2013; Neuschel 2014):
  ///
  ///     x(φ) = sin((L+1)φ)^(L+1) / (sin φ · sin(Lφ)^L),
  ///     ρ(x(φ)) = sin(φ)² · sin(Lφ)^(L−1) / (π · sin((L+1)φ)^L),   0 < φ < π/(L+1).
  ///
  /// L = 1 is the Marchenko–Pastur law √(4−x)/(2π√x) on [0, 4].
  public static func fussCatalanDensity(layers l: Int, points: Int = 400) -> [(x: Double, density: Double)] {
    let L = Double(l)
    return (1..<points).map { i in
      let phi = Double(i) / Double(points) * Double.pi / (L + 1)
      let top = Double.sin((L + 1) * phi)
      let x = Double.pow(top, L + 1) / (Double.sin(phi) * Double.pow(Double.sin(L * phi), L))
      let density =
        Double.sin(phi) * Double.sin(phi) * Double.pow(Double.sin(L * phi), L - 1)
        / (Double.pi * Double.pow(top, L))
      return (x, density)
    }.reversed()
  }

  /// The p-quantile of the Fuss–Catalan law of L layers (e.g. p = 0.99: 1% of the squared singular
  /// values lie above it), by integrating the density down from the edge, where it is smooth.
  ///
  /// At finite N the largest value sits below the edge by a margin that shrinks slowly with N
  /// (about 10% at L = 10, N = 400); an upper quantile converges much faster and is what tests hold.
  public static func fussCatalanQuantile(layers l: Int, p: Double) -> Double {
    precondition(p > 0 && p < 1, "quantile level must be in (0, 1)")
    let points = fussCatalanDensity(layers: l, points: 20_000)
    var tail = 0.0
    for (a, b) in zip(points.reversed().dropFirst(), points.reversed()) {
      // a is to the left of b; accumulate the mass above a.
      let piece = (a.density + b.density) / 2 * (b.x - a.x)
      if tail + piece >= 1 - p {
        let fraction = (1 - p - tail) / piece
        return b.x - fraction * (b.x - a.x)
      }
      tail += piece
    }
    return 0
  }
}
