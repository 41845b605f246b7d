import NeuralNet
import RealModule
import Theory

/// The bridge from a real network to the mean-field theory: which φ, which σ_w², and the
/// first-layer variances q₁ of the examples in a batch.
package enum MeanFieldPrediction {
  /// σ_w² = fan-in × Var[W] of a square hidden layer of `width` units under `initializer`.
  package static func hiddenGain2(_ initializer: Initializer, width: Int) -> Double {
    Double(width) * initializer.variance(fanIn: width, fanOut: width)
  }

  /// q₁ of each example: a first-layer unit h = w·x + b has variance Var[w]·‖x‖² + σ_b² over the
  /// weights. Summarised by `quantiles` evenly spaced order statistics (the length map is smooth in
  /// q, so 16 of them stand for a batch of hundreds at a fraction of the cost).
  package static func firstLayerVariances(
    _ batch: Dataset, weightVariance: Double, biasVariance: Double = 0, quantiles: Int = 16
  ) -> [Double] {
    let features = batch.features
    let norms = (0..<batch.count).map { row in
      var sum = 0.0
      for j in 0..<features {
        let x = Double(batch.inputs.scalars[row * features + j])
        sum += x * x
      }
      return weightVariance * sum + biasVariance
    }.sorted()
    guard norms.count > quantiles else { return norms }
    return (0..<quantiles).map { k in norms[(2 * k + 1) * norms.count / (2 * quantiles)] }
  }

  /// The predicted back-propagated gradient norm ‖∂L/∂h_l‖, l = 1…depth, anchored at the measured
  /// top-layer norm: ‖g_L‖·√(E‖g_l‖²/E‖g_L‖²).
  package static func anchoredNorms(squaredRatios: [Double], top: Double) -> [Double] {
    squaredRatios.map { top * $0.squareRoot() }
  }

  /// The per-layer factor of a gradient-norm profile going backward (layer l+1 → l), fitted by
  /// least squares on log norms over layers `from`…count (1-based), as docs/theory.md §1 recommends.
  package static func backwardFactor(_ norms: [Double], from first: Int = 1) -> Double {
    let layers = Array(first...norms.count)
    let fit = LogLinearFit(x: layers.map(Double.init), y: layers.map { norms[$0 - 1] })
    return fit.map { 1 / $0.factor } ?? .nan
  }

  /// The relative tolerance of a per-layer factor fitted across depths, one network per depth: each
  /// log ratio over d − 1 layers has variance v·(d − 1), and the least-squares slope's variance is
  /// Σ(xᵢ − x̄)²·Varᵢ / (Σ(xᵢ − x̄)²)², x = d − 1. Three standard errors, at least 2%.
  package static func sweepTolerance(perLayerVariance v: Double, depths: [Int]) -> Double {
    let x = depths.map { Double($0 - 1) }
    let mean = x.reduce(0, +) / Double(x.count)
    let sxx = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
    let numerator = x.map { ($0 - mean) * ($0 - mean) * v * $0 }.reduce(0, +)
    return Swift.max(0.02, 3 * (numerator / (sxx * sxx)).squareRoot())
  }

  /// The mean over layers of Var[log‖g_l‖] per layer along the mean-field profile from q₁.
  package static func perLayerVariance(_ theory: MeanField, firstVariance q1: Double, layers: Int, width: Int) -> Double
  {
    let q = theory.profile(firstVariance: q1, layers: layers).variance
    return q.map { theory.logNormVariancePerLayer($0, width: width) }.reduce(0, +) / Double(q.count)
  }
}
