import Foundation

/// The relative error CS231n's gradient checks print: max over entries of
/// |a − b| / max(1e-8, |a| + |b|). Around 1e-7 or less is right for Float64 central differences;
/// 1e-2 or more is a bug.
public enum RelativeError {
  /// The largest entrywise relative error of two equally long lists.
  public static func of(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "relative error of \(a.count) and \(b.count) values")
    var worst = 0.0
    for (x, y) in zip(a, b) {
      let error = abs(x - y) / Swift.max(1e-8, abs(x) + abs(y))
      if error.isNaN { return .infinity }
      worst = Swift.max(worst, error)
    }
    return worst
  }

  /// The same for matrices of one shape.
  public static func of(_ a: Matrix, _ b: Matrix) -> Double { of(a.values, b.values) }

  /// "2.3e-11".
  static func text(_ error: Double) -> String { String(format: "%.1e", error) }
}

/// Central finite differences of a scalar function in Float64: ∂f/∂θ_i ≈ (f(θ + h·e_i) − f(θ − h·e_i))/2h.
enum NumericalGradient {
  /// The step h: the error of central differences is O(h²) + O(ε/h), smallest near ε^(1/3) ≈ 1e-5.
  static let step = 1e-5

  /// ∂f/∂m for every entry of `m`.
  static func of(_ m: Matrix, _ f: (Matrix) -> Double) -> Matrix {
    var gradient = Matrix(rows: m.rows, columns: m.columns)
    var probe = m
    for i in m.values.indices {
      let saved = probe.values[i]
      probe.values[i] = saved + step
      let up = f(probe)
      probe.values[i] = saved - step
      let down = f(probe)
      probe.values[i] = saved
      gradient.values[i] = (up - down) / (2 * step)
    }
    return gradient
  }

  /// ∂f/∂v for every entry of `v`.
  static func of(_ v: [Double], _ f: ([Double]) -> Double) -> [Double] {
    of(Matrix(rows: 1, columns: v.count, values: v)) { f($0.values) }.values
  }
}

extension Matrix {
  /// Σ a_ij·b_ij: the loss L = Σ upstream ⊙ output whose gradient with respect to the output is
  /// `upstream`.
  func dot(_ other: Matrix) -> Double { zip(values, other.values).reduce(0) { $0 + $1.0 * $1.1 } }
}
