/// Mean squared error over all elements: L = (1/(B·k)) Σ (yᵢⱼ − tᵢⱼ)², gradient 2(y − t)/(B·k).
public struct MeanSquaredError: Loss {
  public init() {}

  public var name: String { "mean squared error" }

  public func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor) {
    guard case .values(let target) = targets else {
      preconditionFailure("mean squared error needs target values")
    }
    precondition(target.shape == output.shape, "targets \(target.shape) vs output \(output.shape)")
    let n = Float(output.count)
    var total = 0.0
    let gradient = Tensor(shape: output.shape) { g in
      output.scalars.withUnsafeBufferPointer { y in
        target.scalars.withUnsafeBufferPointer { t in
          for i in 0..<y.count {
            let d = y[i] - t[i]
            total += Double(d) * Double(d)
            g[i] = 2 * d / n
          }
        }
      }
    }
    return (total / Double(n), gradient)
  }
}
