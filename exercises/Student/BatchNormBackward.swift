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
  throw NotImplemented()
}
