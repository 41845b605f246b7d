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
}
