import ExerciseKit
import Foundation

/// Lesson 3 (batchnorm), step "The twist: deep BN nets explode at initialization". Check with
/// `swift run -c release gradientlab exercises batchnorm-backward`.
///
/// The backward pass of `batchNormForward` in training mode. With x̂ = (x − μ)/√(σ² + ε) (per
/// feature, as in the forward pass) and `upstream` g = ∂L/∂y (B×d), per feature j:
///
///     ∂L/∂β_j = Σ_i g_ij
///     ∂L/∂γ_j = Σ_i g_ij·x̂_ij
///     ∂L/∂x_ij = γ_j/(B·√(σ_j² + ε))·(B·g_ij − Σ_k g_kj − x̂_ij·Σ_k g_kj·x̂_kj)
///
/// The two sums are the paths through μ and σ²: both depend on every row of the batch, so
/// leaving one out is the classic bug. (Derive them: CS231n's batch-norm notes walk through
/// the computational graph.) Return ∂L/∂x (B×d), ∂L/∂γ and ∂L/∂β (d values each).
public func batchNormBackward(_ x: Matrix, gamma: [Double], epsilon: Double, upstream g: Matrix) throws
  -> BatchNormGradients
{
  let (b, d) = (x.rows, x.columns)
  let means = x.columnMeans
  var dx = x
  var dgamma = [Double](repeating: 0, count: d)
  var dbeta = [Double](repeating: 0, count: d)
  for j in 0..<d {
    var variance = 0.0
    for i in 0..<b { variance += (x[i, j] - means[j]) * (x[i, j] - means[j]) }
    variance /= Double(b)
    let root = (variance + epsilon).squareRoot()
    let xhat = (0..<b).map { (x[$0, j] - means[j]) / root }
    var sumG = 0.0
    var sumGX = 0.0
    for i in 0..<b {
      sumG += g[i, j]
      sumGX += g[i, j] * xhat[i]
    }
    dbeta[j] = sumG
    dgamma[j] = sumGX
    for i in 0..<b {
      dx[i, j] = gamma[j] / (Double(b) * root) * (Double(b) * g[i, j] - sumG - xhat[i] * sumGX)
    }
  }
  return BatchNormGradients(input: dx, gamma: dgamma, beta: dbeta)
}
