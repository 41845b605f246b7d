import RealModule

/// Gauss–Hermite quadrature for expectations over a standard normal: E f(z) ≈ Σ wᵢ f(zᵢ), z ~ N(0, 1).
///
/// The nodes are those of the physicists' Hermite polynomial H_n (weight e^(−x²)), found by
/// Newton's method on the orthonormal three-term recurrence (Golub & Welsch 1969 give the same
/// rule; Press et al., Numerical Recipes §4.6, give this iteration), then rescaled to the
/// probabilists' weight: zᵢ = √2·xᵢ, wᵢ = w'ᵢ/√π, so that Σ wᵢ = 1 (docs/theory.md §4).
///
/// Written by hand: no quadrature library is available on this machine, and 100 nodes take a
/// few microseconds to compute once.
public struct GaussHermite: Sendable, Equatable {
  /// The nodes zᵢ, in decreasing order.
  public let nodes: [Double]
  /// The weights wᵢ, summing to 1.
  public let weights: [Double]

  /// The `count`-node rule (1…400); exact for polynomials of degree up to 2·count − 1.
  public init(count n: Int) {
    precondition((1...400).contains(n), "Gauss–Hermite rule needs 1…400 nodes, got \(n)")
    var x = [Double](repeating: 0, count: n)
    var w = [Double](repeating: 0, count: n)
    let piToMinusQuarter = 0.751_125_544_464_942_5  // π^(−1/4)
    let m = (n + 1) / 2
    var z = 0.0
    for i in 0..<m {
      switch i {
      case 0: z = Double(2 * n + 1).squareRoot() - 1.855_75 * Double.pow(Double(2 * n + 1), -0.166_67)
      case 1: z -= 1.14 * Double.pow(Double(n), 0.426) / z
      case 2: z = 1.86 * z - 0.86 * x[0]
      case 3: z = 1.91 * z - 0.91 * x[1]
      default: z = 2 * z - x[i - 2]
      }
      var derivative = 0.0
      for _ in 0..<100 {
        var p1 = piToMinusQuarter
        var p2 = 0.0
        for j in 1...n {
          let p3 = p2
          p2 = p1
          p1 = z * (2 / Double(j)).squareRoot() * p2 - (Double(j - 1) / Double(j)).squareRoot() * p3
        }
        derivative = (2 * Double(n)).squareRoot() * p2
        let previous = z
        z = previous - p1 / derivative
        if abs(z - previous) <= 1e-15 * Swift.max(1, abs(z)) { break }
      }
      x[i] = z
      x[n - 1 - i] = -z
      w[i] = 2 / (derivative * derivative)
      w[n - 1 - i] = w[i]
    }
    let sqrtPi = Double.pi.squareRoot()
    nodes = x.map { $0 * 2.0.squareRoot() }
    weights = w.map { $0 / sqrtPi }
  }

  /// E f(z) for z ~ N(0, 1).
  public func expectation(_ f: (Double) -> Double) -> Double {
    var sum = 0.0
    for (z, w) in zip(nodes, weights) { sum += w * f(z) }
    return sum
  }

  /// The 100-node rule used by the mean-field theory.
  public static let standard = GaussHermite(count: 100)
}
