/// The least-squares loss with the ½ of the quadratic form, L = ½·Σᵢⱼ (yᵢⱼ − tᵢⱼ)² / n with
/// `reduction` `.mean` (n = the batch size) or n = 1 with `.sum`.
///
/// For a linear model y = Xw and the mean, L = ½wᵀAw − bᵀw + c with A = XᵀX/n: the Hessian whose
/// largest eigenvalue sets gradient descent's threshold η < 2/λ_max (docs/theory.md §7). The sum makes
/// the Hessian XᵀX, n times larger, and the threshold n times smaller.
public struct HalfSquaredError: Loss {
  /// How the per-example losses are combined.
  public enum Reduction: String, Sendable {
    /// Divide by the batch size.
    case mean
    /// Add them up.
    case sum
  }

  /// Mean or sum over the examples of the batch.
  public var reduction: Reduction

  /// The loss with the given reduction.
  public init(reduction: Reduction = .mean) { self.reduction = reduction }

  public var name: String { "half squared error (\(reduction.rawValue))" }

  public func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor) {
    let scale = reduction == .mean ? 1 / Float(output.rows) : 1
    let (total, gradient) = squaredDifferences(output, targets) { $0 * scale }
    return (0.5 * total * Double(scale), gradient)
  }
}
