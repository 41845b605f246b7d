import RealModule

/// Softmax followed by cross-entropy, averaged over the batch: L = −(1/B) Σᵢ log softmax(zᵢ)[yᵢ].
///
/// Computed from the logits with the max subtracted (log-sum-exp), so huge logits give a huge but
/// finite loss rather than Inf; the gradient is (softmax(z) − onehot(y)) / B.
public struct SoftmaxCrossEntropy: Loss {
  public init() {}

  public var name: String { "softmax cross-entropy" }

  public func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor) {
    guard case .labels(let labels) = targets else {
      preconditionFailure("softmax cross-entropy needs class labels")
    }
    let batch = output.rows
    let classes = output.columns
    precondition(labels.count == batch, "\(labels.count) labels for a batch of \(batch)")
    var total = 0.0
    let gradient = Tensor(shape: output.shape) { g in
      output.scalars.withUnsafeBufferPointer { z in
        for row in 0..<batch {
          let zRow = z.baseAddress! + row * classes
          let gRow = g.baseAddress! + row * classes
          var maxLogit = -Float.infinity
          for j in 0..<classes { maxLogit = Swift.max(maxLogit, zRow[j]) }
          var sum: Float = 0
          for j in 0..<classes {
            let e = Float.exp(zRow[j] - maxLogit)
            gRow[j] = e
            sum += e
          }
          let label = labels[row]
          precondition(label >= 0 && label < classes, "label \(label) outside 0..<\(classes)")
          total += Double(Float.log(sum) - (zRow[label] - maxLogit))
          let scale = 1 / (sum * Float(batch))
          for j in 0..<classes { gRow[j] *= scale }
          gRow[label] -= 1 / Float(batch)
        }
      }
    }
    return (total / Double(batch), gradient)
  }
}
