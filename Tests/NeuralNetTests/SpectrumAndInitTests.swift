import Numerics
import Testing

import NeuralNet

@Suite("Spectra and initialization details")
struct SpectrumAndInitTests {
  @Test func singularValuesOfAKnownMatrix() throws {
    // [[3, 0], [4, 5]] has singular values √45 and √5 (σ₁σ₂ = |det| = 15, σ₁² + σ₂² = 50).
    let a = Tensor(shape: [2, 2], scalars: [3, 0, 4, 5])
    let s = try #require(a.singularValues())
    #expect(s[0].isApproximatelyEqual(to: 45.0.squareRoot(), relativeTolerance: 1e-6))
    #expect(s[1].isApproximatelyEqual(to: 5.0.squareRoot(), relativeTolerance: 1e-6))
    // A non-square matrix has min(m, n) values and Σ σᵢ² = ‖A‖²_F.
    var rng = SeededGenerator(seed: 3)
    let w = Initializer.normal(std: 1).makeWeights(fanOut: 30, fanIn: 50, using: &rng)
    let values = try #require(w.singularValues())
    #expect(values.count == 30)
    #expect(values.map { $0 * $0 }.reduce(0, +).isApproximatelyEqual(to: w.sumOfSquares(), relativeTolerance: 1e-4))
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
  }

  @Test func orthogonalMatrixHasUnitSingularValuesAndNonFiniteInputIsRefused() throws {
    var rng = SeededGenerator(seed: 5)
    let q = Initializer.orthogonal(gain: 1).makeWeights(fanOut: 64, fanIn: 64, using: &rng)
    let s = try #require(q.singularValues())
    #expect(s.allSatisfy { abs($0 - 1) < 1e-5 })
    var bad = q
    bad.scalars[3] = .nan
    #expect(bad.singularValues() == nil)
  }

  @Test func constantInitAndBiasVariance() {
    var rng = SeededGenerator(seed: 9)
    let w = Initializer.constant(0.25).makeWeights(fanOut: 3, fanIn: 4, using: &rng)
    #expect(w.scalars == [Float](repeating: 0.25, count: 12))
    #expect(Initializer.constant(0).description == "all zero")
    // Hidden biases N(0, σ_b²): the sample variance over 8 layers × 512 units is within 5% of σ_b².
    let model = MLP.make(
      inputs: 10, width: 512, depth: 8, outputs: 3, activation: .tanh, initializer: .lecunNormal, biasStd: 0.3,
      using: &rng)
    let biases = model.layers.compactMap { ($0 as? Dense)?.bias?.value.scalars }
    let hidden = biases.dropLast().flatMap { $0 }.map(Double.init)
    let variance = hidden.map { $0 * $0 }.reduce(0, +) / Double(hidden.count)
    #expect(abs(variance - 0.09) < 0.05 * 0.09)
    #expect(biases.last!.allSatisfy { $0 == 0 })
  }
}
