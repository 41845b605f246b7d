import ExerciseKit
import Foundation

/// Lesson 2 (initialization), step "The edge of chaos: tanh with biases". Check with
/// `swift run -c release gradientlab exercises tanh-chi1`.
///
/// In a wide tanh net with weights N(0, σ_w²/n) and biases N(0, σ_b²), the pre-activations'
/// variance settles at the fixed point q* of the length map
///
///     q ← σ_w²·E_z[tanh(√q·z)²] + σ_b²,    z ~ N(0, 1)
///
/// and each layer multiplies the squared gradient norm by χ₁ = σ_w²·E_z[tanh'(√q*·z)²], with
/// tanh' = 1 − tanh² (Poole et al. 2016; Schoenholz et al. 2017). Compute both expectations by
/// Gauss–Hermite quadrature: `HermiteRule.physicists(count: 100)` gives nodes xᵢ and weights wᵢ
/// for ∫e^(−x²)f(x)dx, so E_z f(z) = Σ wᵢ·f(√2·xᵢ)/√π. Iterate the length map from q = 1 until it
/// changes by less than 1e-12, then return χ₁.
public func tanhChi1(weightVariance: Double, biasVariance: Double) throws -> Double {
  throw NotImplemented()
}
