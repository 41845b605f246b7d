import Testing

import Theory

@Suite("Sample means and their tolerances")
struct SampleMeanTests {
  @Test func meanVarianceAndStandardErrorOfAKnownSample() {
    let sample = SampleMean([1, 2, 3, 4])
    #expect(sample.mean == 2.5 && abs(sample.variance - 5.0 / 3) < 1e-15)
    #expect(abs(sample.standardError - (5.0 / 12).squareRoot()) < 1e-15)
    let k = SampleMean.coverageMultiplier(count: 4)
    #expect(abs(sample.relativeTolerance(around: 2.5, floor: 0.01) - k * (5.0 / 12).squareRoot() / 2.5) < 1e-12)
    #expect(SampleMean([7]).variance == 0 && SampleMean([7]).relativeTolerance(around: 7, floor: 0.03) == 0.03)
  }

  /// The multiplier is Student's t quantile at the coverage of a normal 3σ band: reference values
  /// from SciPy's `stats.t.ppf(0.5 + erf(3/√2)/2, n − 1)`, odd and even ν.
  @Test(arguments: [
    (2, 235.801_497_960_466_5), (3, 19.206_744_211_508_52), (4, 9.218_940_458_700_235),
    (5, 6.620_205_966_815_855), (16, 3.586_423_226_344_95), (32, 3.260_941_918_894_387_6),
    (60, 3.132_224_337_020_453), (200, 3.038_127_892_610_465_3),
  ])
  func theMultiplierIsStudentsQuantileAtTheCoverageOfThreeSigma(count: Int, quantile: Double) {
    let k = SampleMean.coverageMultiplier(count: count)
    #expect(abs(k / quantile - 1) < 1e-9, "n = \(count): \(k) against \(quantile)")
  }
}

/// The log-normal mean's band covers what a 3σ band should, where ±3 standard errors do not.
@Suite("Log-normal mean")
struct LogNormalMeanTests {
  /// SplitMix64 as a tiny deterministic source of normals (Theory has no generator of its own).
  struct Normals {
    var state: UInt64
    mutating func uniform() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) * 0x1.0p-53
    }
    mutating func next() -> Double {
      let u1 = 1 - uniform()
      let u2 = uniform()
      return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }
  }

  @Test func theFactorBandCoversTheMeanOfLogNormalsAndThreeStandardErrorsUndercoverItsUpperTail() {
    // Logs N(−σ²/2, σ²), so every value has expectation 1; σ² = 2 and n = 200 as in lesson 2's `.finiteWidth` step.
    let (logVariance, n, trials) = (2.0, 200, 4000)
    let factor = LogNormalMean.factorTolerance(logVariance: logVariance, count: n)
    let standardError = (Double.expMinusOne(logVariance) / Double(n)).squareRoot()
    var normals = Normals(state: 7)
    var outsideFactor = 0
    var aboveThreeSE = 0
    for _ in 0..<trials {
      var sum = 0.0
      for _ in 0..<n { sum += Double.exp(-logVariance / 2 + logVariance.squareRoot() * normals.next()) }
      let mean = sum / Double(n)
      if mean > factor || mean < 1 / factor { outsideFactor += 1 }
      if mean > 1 + 3 * standardError { aboveThreeSE += 1 }
    }
    // A 3σ band misses 0.27%; allow up to 0.75% (30 of 4000). A normal 3σ upper tail misses 0.135%.
    #expect(outsideFactor <= 30, "\(outsideFactor) of \(trials) outside ×÷\(factor)")
    #expect(aboveThreeSE > 2 * trials * 135 / 100_000, "\(aboveThreeSE) above 1 + 3 SE")
  }

  @Test func theBandNarrowsToOneAsTheLogVarianceOrTheSpreadVanishes() {
    #expect(abs(LogNormalMean.factorTolerance(logVariance: 1e-8, count: 100) - 1) < 1e-3)
    #expect(
      LogNormalMean.factorTolerance(logVariance: 2, count: 10_000)
        < LogNormalMean.factorTolerance(logVariance: 2, count: 100))
  }
}
