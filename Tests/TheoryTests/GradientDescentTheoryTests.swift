import Numerics
import Testing

import Theory

@Suite("Gradient descent theory")
struct GradientDescentTheoryTests {
  @Test func quadraticExampleOfTheoryMd() {
    // X = diag(1, 3), mean loss → A = diag(0.5, 4.5): threshold 0.444; η = 0.40 → 0.8, η = 0.50 → 1.25.
    #expect(abs(GradientDescentTheory.threshold(largestEigenvalue: 4.5) - 0.4444) < 1e-4)
    #expect(GradientDescentTheory.stepFactor(learningRate: 0.4, eigenvalue: 4.5).isApproximatelyEqual(to: 0.8))
    #expect(GradientDescentTheory.stepFactor(learningRate: 0.4, eigenvalue: 0.5).isApproximatelyEqual(to: 0.8))
    #expect(GradientDescentTheory.stepFactor(learningRate: 0.5, eigenvalue: 4.5).isApproximatelyEqual(to: 1.25))
  }

  @Test func miniBatchNoiseIsZeroAtFullBatchAndHalvesNearDoubleTheBatch() {
    #expect(GradientDescentTheory.miniBatchNoise(traceCovariance: 3, examples: 100, batchSize: 100) == 0)
    #expect(GradientDescentTheory.miniBatchNoise(traceCovariance: 3, examples: 100, batchSize: 1) == 3)
    let b = GradientDescentTheory.batchSize(scalingNoiseOf: 8, by: 0.5, examples: 1438)
    #expect(abs(b - 15.91) < 0.01)
    let ratio =
      GradientDescentTheory.miniBatchNoise(traceCovariance: 1, examples: 1438, batchSize: 16)
      / GradientDescentTheory.miniBatchNoise(traceCovariance: 1, examples: 1438, batchSize: 8)
    #expect(abs(ratio - 0.5) < 0.005)
  }

  /// The loss decrease after t steps against GD itself on f(w) = ½wᵀAw − bᵀw with A = diag(0.5,
  /// 4.5), b = (1, 3), from w = 0, for a small, a medium and an oscillating step (ηλ_max > 1).
  @Test func lossDecreaseIsWhatGradientDescentDoesOnAQuadratic() {
    let eigenvalues = [0.5, 4.5]
    let b = [1.0, 3.0]
    for eta in [0.01, 0.2, 0.4] {
      var w = [0.0, 0.0]
      for t in 0...60 {
        let f = zip(zip(w, eigenvalues), b).map { wl, bi in 0.5 * wl.1 * wl.0 * wl.0 - bi * wl.0 }.reduce(0, +)
        let predicted = GradientDescentTheory.lossDecrease(
          projections: b, eigenvalues: eigenvalues, learningRate: eta, steps: t)
        #expect(abs(-f - predicted) <= 1e-12 * max(1, abs(f)), "η = \(eta), t = \(t)")
        w = zip(zip(w, eigenvalues), b).map { wl, bi in wl.0 - eta * (wl.1 * wl.0 - bi) }
      }
    }
  }

  /// A mode with λ → 0 adds p²ηt (no cancellation), and one with λ = 0 adds nothing.
  @Test func lossDecreaseOfAnAlmostFlatModeIsLinearInTime() {
    let decrease = GradientDescentTheory.lossDecrease(
      projections: [1e-3, 5], eigenvalues: [1e-14, 0], learningRate: 0.1, steps: 1000)
    #expect(abs(decrease / (1e-6 * 0.1 * 1000) - 1) < 1e-6)
  }
}
