import Testing

import Theory

@Suite("Sample means and their tolerances")
struct SampleMeanTests {
  @Test func meanVarianceAndStandardErrorOfAKnownSample() {
    let sample = SampleMean([1, 2, 3, 4])
    #expect(sample.mean == 2.5 && abs(sample.variance - 5.0 / 3) < 1e-15)
    #expect(abs(sample.standardError - (5.0 / 12).squareRoot()) < 1e-15)
    #expect(abs(sample.relativeTolerance(around: 2.5, floor: 0.01) - 3 * (5.0 / 12).squareRoot() / 2.5) < 1e-15)
    #expect(SampleMean([7]).variance == 0 && SampleMean([7]).relativeTolerance(around: 7, floor: 0.03) == 0.03)
  }
}
