import Nonlinearity
import RealModule

/// Gradient explosion at initialization in deep batch-normalized networks without skip connections
/// (Yang, Pennington, Rao, Sohl-Dickstein & Schoenholz 2019, "A mean field theory of batch
/// normalization", ICLR; docs/theory.md §5).
///
/// In a deep MLP with BN before φ (γ = 1, β = 0), going backward the squared gradient norm grows by
/// a factor λ(B) per layer that depends only on the batch size B, not on σ_w (BN removes the weight
/// scale). Their Theorem 8, with α = 1 for ReLU:
///
///     c₀ = −1/(B−1),  J(c) = (√(1−c²) + (π − arccos c)·c)/π,  J'(c) = (π − arccos c)/π,
///     λ = (B−1)(J'(c₀) + (B−1)J(1)) / ((B−3)(B−1)(J(1) − J(c₀))) − 1/(B−3),
///
/// which decreases to π/(π−1) ≈ 1.46694 as B → ∞; for linear φ, λ = (B−2)/(B−3).
public enum BatchNormTheory {
  /// λ(B): the per-layer growth of the squared gradient norm, for B ≥ 4; NaN for tanh and sigmoid
  /// (no closed form).
  /// ReLU: 3.084 (B = 4), 1.788 (8), 1.590 (16), 1.522 (32), 1.493 (64), 1.480 (128), 1.473 (256).
  public static func gradientGrowth(_ phi: Activation, batchSize: Int) -> Double {
    precondition(batchSize >= 4, "λ(B) needs B ≥ 4 (got \(batchSize))")
    let b = Double(batchSize)
    switch phi {
    case .identity:
      return (b - 2) / (b - 3)
    case .relu:
      let c0 = -1 / (b - 1)
      let one = arcCosineKernel(1)
      let numerator = (b - 1) * (arcCosineKernelDerivative(c0) + (b - 1) * one)
      let denominator = (b - 3) * (b - 1) * (one - arcCosineKernel(c0))
      return numerator / denominator - 1 / (b - 3)
    case .tanh, .sigmoid:
      return .nan  // no closed form
    }
  }

  /// The B → ∞ limit for ReLU: π/(π − 1).
  public static let reluLargeBatchLimit = Double.pi / (Double.pi - 1)

  /// J(c) = (√(1−c²) + (π − arccos c)·c)/π: the normalized arc-cosine kernel of ReLU (Cho & Saul 2009).
  public static func arcCosineKernel(_ c: Double) -> Double {
    ((1 - c * c).squareRoot() + (Double.pi - Double.acos(c)) * c) / Double.pi
  }

  /// J'(c) = (π − arccos c)/π.
  public static func arcCosineKernelDerivative(_ c: Double) -> Double {
    (Double.pi - Double.acos(c)) / Double.pi
  }
}
