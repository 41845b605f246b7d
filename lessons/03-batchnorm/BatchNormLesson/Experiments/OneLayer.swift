import NeuralNet

/// Step `.oneLayer`: what batch norm computes, on one dense layer's pre-activations.
package enum OneLayer {
  /// Per-feature statistics before and after normalization.
  package struct Result: Sendable {
    /// Batch mean of each feature of h = Wx.
    package var meanBefore: [Double]
    /// Batch (biased) variance of each feature of h.
    package var varianceBefore: [Double]
    /// Batch mean of each feature of BN(h).
    package var meanAfter: [Double]
    /// Batch variance of each feature of BN(h).
    package var varianceAfter: [Double]
    /// ε of the layer.
    package var epsilon: Double

    /// The variance BN(h) should have: σ²/(σ² + ε) (1 up to ε).
    package var predictedVarianceAfter: [Double] { varianceBefore.map { $0 / ($0 + epsilon) } }
  }

  /// Normalizes `batch` through Dense(inputs → features) and a batch-norm layer.
  package static func run(
    batch: Dataset, features: Int, settings: BatchNorm.Settings, seed: UInt64
  ) -> Result {
    var rng = SeededGenerator(seed: seed, stream: "one layer")
    let dense = Dense(
      weight: Initializer.heNormal.makeWeights(fanOut: features, fanIn: batch.features, using: &rng), bias: false)
    let bn = BatchNorm(features: features, settings: settings)
    let h = dense.forward(batch.inputs)
    let y = bn.forward(h)
    let before = statistics(h)
    let after = statistics(y)
    return Result(
      meanBefore: before.mean, varianceBefore: before.variance, meanAfter: after.mean, varianceAfter: after.variance,
      epsilon: Double(settings.epsilon))
  }

  /// Per-column mean and biased variance, in Double.
  static func statistics(_ x: Tensor) -> (mean: [Double], variance: [Double]) {
    let rows = Double(x.rows)
    let mean = (0..<x.columns).map { j in (0..<x.rows).map { Double(x[$0, j]) }.reduce(0, +) / rows }
    let variance = (0..<x.columns).map { j in
      (0..<x.rows).map { (Double(x[$0, j]) - mean[j]) * (Double(x[$0, j]) - mean[j]) }.reduce(0, +) / rows
    }
    return (mean, variance)
  }
}
