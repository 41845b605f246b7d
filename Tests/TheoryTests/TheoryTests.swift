import Numerics
import Testing

import Theory

@Suite("Theory")
struct TheoryTests {
  @Test func plainNetworkExamplesOfTheoryMd() {
    // docs/theory.md §1: depth 50, ReLU, σ_w² = 1 → norm ratio 2^-25 ≈ 2.98e-8; σ_w² = 2 → 1.
    #expect(
      PlainNetworkTheory.normRatio(.relu, gain2: 1, depth: 50).isApproximatelyEqual(
        to: 2.98e-8, relativeTolerance: 1e-3))
    #expect(PlainNetworkTheory.normRatio(.relu, gain2: 2, depth: 50) == 1)
    // Linear, σ_w² = 1.1: second-moment ratio 1.1^50 ≈ 117.4.
    let secondMoment = Double.pow(PlainNetworkTheory.squaredGrowthPerLayer(.identity, gain2: 1.1), 50)
    #expect(secondMoment.isApproximatelyEqual(to: 117.39, relativeTolerance: 1e-3))
    #expect(
      PlainNetworkTheory.normGrowthPerLayer(.relu, gain2: 3).isApproximatelyEqual(to: 1.224745, relativeTolerance: 1e-6)
    )
  }

  @Test func finiteWidthMoments() {
    let relu = PlainNetworkTheory.logSquaredNormMoments(.relu, gain2: 2, depth: 50, width: 250)
    #expect(relu.mean.isApproximatelyEqual(to: -0.5) && relu.variance.isApproximatelyEqual(to: 1))
    let linear = PlainNetworkTheory.logSquaredNormMoments(.identity, gain2: 1, depth: 50, width: 100)
    #expect(linear.mean.isApproximatelyEqual(to: -0.5) && linear.variance.isApproximatelyEqual(to: 1))
  }

  @Test func naiveWidth256OverflowsAfterAbout18Layers() {
    // docs/theory.md §1: ×128 per layer overflows Float32 after about 18 layers (128^18 ≈ 2^126).
    #expect(RangeOverflow.float32.firstLayerWithOverflowingMeanSquare(initialMeanSquare: 1, growth: 128) == 20)
    #expect(
      RangeOverflow.float32.crossingLayer(initialMeanSquare: 1, growth: 128, power: 1).isApproximatelyEqual(
        to: 19.28, absoluteTolerance: 0.01))
    // Values are the square root of the mean square: they overflow about twice as deep.
    let values = RangeOverflow.float32.firstLayerWithOverflowingValue(
      initialMeanSquare: 1, growth: 128, valuesPerLayer: 1)
    #expect(values == 38)
  }

  /// The same growth leaves Float16's range a few layers in: E[h²] passes 65504 at layer 4
  /// (128³ ≈ 2.1e6) and a value at layer 6; BFloat16 ends where Float32 does.
  @Test func float16sRangeEndsAFewLayersInAndBFloat16sWithFloat32s() {
    #expect(RangeOverflow.float16.firstLayerWithOverflowingMeanSquare(initialMeanSquare: 1, growth: 128) == 4)
    #expect(
      RangeOverflow.float16.crossingLayer(initialMeanSquare: 1, growth: 128, power: 1).isApproximatelyEqual(
        to: 1 + Double.log(65504) / Double.log(128), relativeTolerance: 1e-12))
    #expect(
      RangeOverflow.float16.firstLayerWithOverflowingValue(initialMeanSquare: 1, growth: 128, valuesPerLayer: 1) == 6)
    #expect(RangeOverflow.bfloat16.firstLayerWithOverflowingMeanSquare(initialMeanSquare: 1, growth: 128) == 20)
  }

  @Test func logLinearFitRecoversAGeometricFactor() throws {
    let x = (0..<20).map(Double.init)
    let fit = try #require(LogLinearFit(x: x, y: x.map { 3 * Double.pow(1.5, $0) }))
    #expect(fit.factor.isApproximatelyEqual(to: 1.5, relativeTolerance: 1e-12))
    #expect(Double.exp(fit.intercept).isApproximatelyEqual(to: 3, relativeTolerance: 1e-12))
    #expect(LogLinearFit(x: [1, 2], y: [.nan, 1]) == nil)
    #expect(LogLinearFit(x: [1, 2, 3], y: [1, .infinity, 4])?.points == 2)
  }
}
