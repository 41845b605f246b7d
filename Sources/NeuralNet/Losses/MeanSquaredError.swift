/// Mean squared error over all elements: L = (1/(B·k)) Σ (yᵢⱼ − tᵢⱼ)², gradient 2(y − t)/(B·k).
public struct MeanSquaredError: Loss {
  public init() {}

  public var name: String { "mean squared error" }

  public func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor) {
    let n = Float(output.count)
    let (total, gradient) = squaredDifferences(output, targets) { 2 * $0 / n }
    return (total / Double(n), gradient)
  }
}
