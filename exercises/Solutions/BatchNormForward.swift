import ExerciseKit
import Foundation

/// Lesson 3 (batchnorm), step "What batch norm computes, on one layer". Check with
/// `swift run -c release gradientlab exercises batchnorm-forward`.
///
/// Batch normalization in training mode (Ioffe & Szegedy 2015, Algorithm 1). `x` is B×d: B
/// examples (rows) of d features (columns). For every feature j, over the batch:
///
///     μ_j  = (1/B)·Σ_i x_ij
///     σ_j² = (1/B)·Σ_i (x_ij − μ_j)²                 (the biased variance: 1/B, not 1/(B−1))
///     y_ij = γ_j·(x_ij − μ_j)/√(σ_j² + ε) + β_j
///
/// Return y (B×d). With γ = 1 and β = 0 every column of y has mean 0 and variance 1.
public func batchNormForward(_ x: Matrix, gamma: [Double], beta: [Double], epsilon: Double) throws -> Matrix {
  let (b, d) = (x.rows, x.columns)
  let means = x.columnMeans
  var y = x
  for j in 0..<d {
    var variance = 0.0
    for i in 0..<b { variance += (x[i, j] - means[j]) * (x[i, j] - means[j]) }
    variance /= Double(b)
    let scale = (variance + epsilon).squareRoot()
    for i in 0..<b { y[i, j] = gamma[j] * (x[i, j] - means[j]) / scale + beta[j] }
  }
  return y
}
