import Numerics
import Testing

import Theory

@Suite("Batch norm theory (Yang et al. 2019)")
struct BatchNormTheoryTests {
  @Test(arguments: [(4, 3.084), (8, 1.788), (16, 1.590), (32, 1.522), (64, 1.493), (128, 1.480), (256, 1.473)])
  func reluValuesOfTheoryMd(batchSize: Int, lambda: Double) {
    #expect(abs(BatchNormTheory.gradientGrowth(.relu, batchSize: batchSize) - lambda) < 6e-4)
  }

  @Test func limitsAndTheLinearCase() {
    #expect(
      BatchNormTheory.gradientGrowth(.relu, batchSize: 1_000_000).isApproximatelyEqual(
        to: BatchNormTheory.reluLargeBatchLimit, relativeTolerance: 1e-5))
    #expect(abs(BatchNormTheory.reluLargeBatchLimit - 1.46694) < 1e-5)
    #expect(BatchNormTheory.gradientGrowth(.identity, batchSize: 8).isApproximatelyEqual(to: 1.2))
    #expect(abs(BatchNormTheory.gradientGrowth(.identity, batchSize: 16) - 1.077) < 1e-3)
    // Per-layer gradient NORM factor at large B: √(π/(π−1)) ≈ 1.211.
    #expect(abs(BatchNormTheory.reluLargeBatchLimit.squareRoot() - 1.211) < 1e-3)
  }
}
