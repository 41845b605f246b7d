import Testing

import Theory

@Suite("Recurrent nets and clipping (THEORY.md §6)")
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

  @Test func normClippingCapsAtTau() {
    #expect(RecurrentTheory.normAfterClipping(12, threshold: 3) == 3)
    #expect(RecurrentTheory.normAfterClipping(2, threshold: 3) == 2)
  }
}
