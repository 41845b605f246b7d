import RealModule
import Testing

import Theory

@Suite("Residual networks at init (theory §9)")
struct ResidualTheoryTests {
  @Test func growthMatchesTheNumbersOfTheory() {
    #expect(ResidualTheory.normGrowth(alpha: 1, blocks: 10) == 1024)
    #expect(abs(ResidualTheory.normGrowth(alpha: 0.1, blocks: 100) - 2.7048) < 1e-4)
    #expect(ResidualTheory.normGrowth(alpha: 0, blocks: 100) == 1)
    #expect(abs(ResidualTheory.alpha(forGrowth: 2, blocks: 50) - 0.11815) < 1e-4)
    #expect(abs(ResidualTheory.fixupScale(blocks: 16, layersPerBranch: 2) - 0.25) < 1e-12)
    #expect(abs(ResidualTheory.fixupScale(blocks: 8, layersPerBranch: 3) - Double.pow(8, -0.25)) < 1e-12)
  }
}
