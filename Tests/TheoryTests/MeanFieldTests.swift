import Numerics
import Testing

import Theory

@Suite("Mean field and random-matrix theory")
struct MeanFieldTests {
  @Test func gaussHermiteIntegratesGaussianMoments() {
    let rule = GaussHermite.standard
    #expect(rule.weights.reduce(0, +).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
    #expect(rule.expectation { $0 * $0 }.isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
    #expect(rule.expectation { Double.pow($0, 4) }.isApproximatelyEqual(to: 3, relativeTolerance: 1e-12))
    #expect(rule.expectation { Double.pow($0, 8) }.isApproximatelyEqual(to: 105, relativeTolerance: 1e-10))
    // E cos(z) = e^(−1/2).
    #expect(rule.expectation { Double.cos($0) }.isApproximatelyEqual(to: Double.exp(-0.5), relativeTolerance: 1e-12))
  }

  @Test func largeVarianceFallbackAgreesWithGaussHermiteWhereBothWork() {
    // At q = 1 both rules are accurate: the trapezoid rule (used just above 1) must agree to 1e-8.
    let f: (Double) -> Double = {
      let d = 1 - Double.tanh($0) * Double.tanh($0); return d * d
    }
    let hermite = GaussHermite.standard.expectation { f($0) }
    let trapezoid = MeanField.gaussianExpectation(variance: 1 + 1e-12, f)
    #expect(hermite.isApproximatelyEqual(to: trapezoid, relativeTolerance: 1e-8))
    // For large q, E[sech⁴(√q z)] → (4/3)/√(2πq).
    let q = 1e4
    let asymptotic = 4.0 / 3.0 / (2 * Double.pi * q).squareRoot()
    #expect(MeanField.gaussianExpectation(variance: q, f).isApproximatelyEqual(to: asymptotic, relativeTolerance: 1e-3))
  }

  @Test(arguments: [(0.0, 1.0), (0.0025, 1.2601), (0.01, 1.4242), (0.05, 1.7610), (0.1, 1.9861)])
  func tanhCriticalPointsOfTheoryMd(biasVariance: Double, weightVariance: Double) {
    let critical = MeanField.criticalWeightVariance(.tanh, biasVariance: biasVariance)
    #expect(abs(critical - weightVariance) <= 1e-3, "σ_b² = \(biasVariance): σ_w² = \(critical)")
    #expect(abs(MeanField(.tanh, weightVariance: critical, biasVariance: biasVariance).chi1 - 1) <= 1e-6)
  }

  @Test func fixedPointAndChiOfTheoryMdExamples() throws {
    let critical = MeanField(.tanh, weightVariance: 1.7610, biasVariance: 0.05)
    #expect(abs(try #require(critical.fixedPoint) - 0.570) <= 2e-3)
    // tanh, σ_w² = 1, σ_b² = 0.05: χ₁ ≈ 0.759, and 0.759^50 ≈ 1e-6.
    let ordered = MeanField(.tanh, weightVariance: 1, biasVariance: 0.05)
    #expect(abs(ordered.chi1 - 0.759) <= 1e-3)
    #expect(Double.pow(ordered.chi1, 50).isApproximatelyEqual(to: 1e-6, relativeTolerance: 0.2))
    #expect(ordered.gradientDepthScale > 3 && ordered.gradientDepthScale < 4)
    // ReLU and linear: χ does not depend on q.
    #expect(MeanField(.relu, weightVariance: 2).chi1 == 1)
    #expect(MeanField(.relu, weightVariance: 1, biasVariance: 0.1).chi1 == 0.5)
    #expect(MeanField(.relu, weightVariance: 3).fixedPoint == nil)
    #expect(MeanField(.identity, weightVariance: 0.5, biasVariance: 0.1).fixedPoint == 0.2)
  }

  @Test func lengthMapMatchesClosedFormsAndIsConsistentAtTheFixedPoint() throws {
    let relu = MeanField(.relu, weightVariance: 2, biasVariance: 0)
    #expect(relu.lengthMap(3) == 3)
    let tanh = MeanField(.tanh, weightVariance: 2.5, biasVariance: 0.1)
    let q = try #require(tanh.fixedPoint)
    #expect(tanh.lengthMap(q).isApproximatelyEqual(to: q, relativeTolerance: 1e-10))
    #expect(tanh.chi1 > 1)
    let profile = tanh.profile(firstVariance: 0.3, layers: 60)
    #expect(profile.variance.last!.isApproximatelyEqual(to: q, relativeTolerance: 1e-6))
    #expect(profile.gradientFactor.last!.isApproximatelyEqual(to: tanh.chi1, relativeTolerance: 1e-6))
  }

  @Test func squaredGradientRatiosReduceToPowersForReLUAndFollowTheLengthMapForTanh() {
    let relu = MeanField(.relu, weightVariance: 3).squaredGradientRatios(firstVariances: [0.5, 2], layers: 5)
    #expect(relu.enumerated().allSatisfy { l, r in r.isApproximatelyEqual(to: Double.pow(1.5, Double(4 - l))) })
    let tanh = MeanField(.tanh, weightVariance: 1.5, biasVariance: 0.05)
    let one = tanh.squaredGradientRatios(firstVariances: [0.4], layers: 4)
    let chi = tanh.profile(firstVariance: 0.4, layers: 4).gradientFactor
    #expect(one[0].isApproximatelyEqual(to: chi[0] * chi[1] * chi[2]))
    #expect(one[3] == 1)
  }

  @Test func finiteWidthFluctuationReducesToTheoryMdForReLUAndLinear() {
    // docs/theory.md §1: Var[log‖x_L‖²] ≈ 5L/n (ReLU), 2L/n (linear); log‖·‖ has a quarter of that.
    #expect(MeanField(.relu, weightVariance: 2).logNormVariancePerLayer(1, width: 100) == 5.0 / 400)
    #expect(MeanField(.identity, weightVariance: 1).logNormVariancePerLayer(1, width: 100) == 2.0 / 400)
    // tanh: K → 1 as q → 0 (linear regime) and grows as units saturate.
    let tanh = MeanField(.tanh, weightVariance: 1)
    #expect(abs(tanh.derivativeKurtosis(1e-6) - 1) < 1e-4)
    #expect(tanh.derivativeKurtosis(100) > 5 * tanh.derivativeKurtosis(1))
  }

  @Test func randomMatrixPredictionsOfTheoryMd() {
    // Glorot & Bengio: standard init U[±1/√n] has n·Var = 1/3, mean singular value ≈ 0.49.
    #expect(abs(RandomMatrixTheory.meanSingularValue(entryScale: (1.0 / 3).squareRoot()) - 0.49) < 0.001)
    #expect(RandomMatrixTheory.fussCatalanEdge(layers: 1).isApproximatelyEqual(to: 4))
    #expect(RandomMatrixTheory.fussCatalanEdge(layers: 2).isApproximatelyEqual(to: 6.75))
    #expect(abs(RandomMatrixTheory.fussCatalanEdge(layers: 10) - 28.53) < 0.01)
    // Marchenko–Pastur (L = 1, ratio 1): P(s² > 3.2) = ∫_{3.2}^4 √(4−x)/(2π√x) dx ≈ 0.040519 (scipy quad).
    let q = RandomMatrixTheory.fussCatalanQuantile(layers: 1, p: 1 - 0.040519)
    #expect(abs(q - 3.2) < 0.01, "quantile \(q)")
    #expect(
      RandomMatrixTheory.fussCatalanQuantile(layers: 10, p: 0.99) < RandomMatrixTheory.fussCatalanEdge(layers: 10))
  }

  @Test(arguments: [1, 2, 5, 10])
  func fussCatalanDensityHasUnitMassMeanOneAndVarianceL(layers: Int) {
    // Integrate the parametrised density numerically (trapezoid over its points, plus the
    // integrable singularity at 0 handled by the change of variables x(φ), dx = x'(φ)dφ).
    let points = RandomMatrixTheory.fussCatalanDensity(layers: layers, points: 200_000)
    var mass = 0.0
    var mean = 0.0
    var second = 0.0
    for (a, b) in zip(points, points.dropFirst()) {
      let dx = b.x - a.x
      let rho = (a.density + b.density) / 2
      let x = (a.x + b.x) / 2
      mass += rho * dx
      mean += rho * x * dx
      second += rho * x * x * dx
    }
    #expect(abs(mass - 1) < 0.01, "mass \(mass)")
    #expect(abs(mean - 1) < 0.01, "mean \(mean)")
    #expect(abs(second - 1 - Double(layers)) < 0.02 * Double(layers + 1), "variance \(second - 1)")
    #expect(
      points.last!.x.isApproximatelyEqual(
        to: RandomMatrixTheory.fussCatalanEdge(layers: layers), relativeTolerance: 1e-3))
  }
}
