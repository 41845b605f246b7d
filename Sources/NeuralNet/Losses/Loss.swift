/// A scalar training loss and its gradient with respect to the network output.
public protocol Loss: Sendable {
  /// A short name for reports.
  var name: String { get }
  /// The loss averaged over the batch, and ∂loss/∂output (same shape as `output`).
  func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor)
}

extension Loss {
  /// The pass both squared-error losses share: Σᵢ (yᵢ − tᵢ)² in Double over every element of
  /// `output`, and the gradient element `scale(yᵢ − tᵢ)`; `targets` must be values of the
  /// output's shape.
  func squaredDifferences(_ output: Tensor, _ targets: Targets, scale: (Float) -> Float) -> (
    sum: Double, gradient: Tensor
  ) {
    guard case .values(let target) = targets else {
      preconditionFailure("\(name) needs target values")
    }
    precondition(target.shape == output.shape, "targets \(target.shape) vs output \(output.shape)")
    var total = 0.0
    let gradient = Tensor(shape: output.shape) { g in
      output.scalars.withUnsafeBufferPointer { y in
        target.scalars.withUnsafeBufferPointer { t in
          for i in 0..<y.count {
            let d = y[i] - t[i]
            total += Double(d) * Double(d)
            g[i] = scale(d)
          }
        }
      }
    }
    return (total, gradient)
  }
}
