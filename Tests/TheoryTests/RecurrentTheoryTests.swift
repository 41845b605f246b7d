import Testing

import Theory

@Suite("Recurrent nets and clipping (theory §6)")
struct RecurrentTheoryTests {
  @Test func singleUnitDerivativeGivesPascanusNumbers() {
    #expect(abs(RecurrentTheory.singleUnitDerivative(w: 1.1, x0: 0.5, t: 50) - 2668) < 1)
    #expect(abs(RecurrentTheory.singleUnitDerivative(w: 0.9, x0: 0.5, t: 50) - 0.1432) < 1e-3)
    #expect(RecurrentTheory.singleUnitDerivative(w: 1, x0: 0.5, t: 50) == 25)
  }

  @Test func thresholdIsOneOverGammaAndTheBoundCompounds() {
    #expect(RecurrentTheory.vanishingThreshold(derivativeBound: 1) == 1)
    #expect(RecurrentTheory.vanishingThreshold(derivativeBound: 0.25) == 4)
    #expect(
      abs(RecurrentTheory.gradientBound(derivativeBound: 0.25, largestSingularValue: 6, stepsBack: 3) - 3.375) < 1e-12)
    #expect(RecurrentTheory.gradientBound(derivativeBound: 1, largestSingularValue: 0.9, stepsBack: 0) == 1)
  }

  @Test func valueClippingCosineOfAKnownGradient() {
    // clamp((4, 3, 1, −0.5), 1) = (1, 1, 1, −0.5): 8.25 / (√26.25 · √3.25).
    #expect(
      abs(RecurrentTheory.valueClippingCosine([4, 3, 1, -0.5], bound: 1) - 8.25 / (26.25 * 3.25).squareRoot()) < 1e-15)
    #expect(abs(RecurrentTheory.valueClippingCosine([0.2, -0.3], bound: 1) - 1) < 1e-15)
  }

  @Test func normClippingCapsAtTau() {
    #expect(RecurrentTheory.normAfterClipping(12, threshold: 3) == 3)
    #expect(RecurrentTheory.normAfterClipping(2, threshold: 3) == 2)
  }
}
