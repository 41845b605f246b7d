import Numerics
import Testing

import NeuralNet

@Suite("Curvature tools")
struct CurvatureToolsTests {
  @Test func symmetricEigenOfAKnownMatrix() throws {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, −1)/√2 and (1, 1)/√2.
    let eigen = try #require(SymmetricEigen([2, 1, 1, 2], size: 2))
    #expect(eigen.values[0].isApproximatelyEqual(to: 1) && eigen.values[1].isApproximatelyEqual(to: 3))
    let v = eigen.largestVector
    #expect(abs(abs(v[0]) - 0.5.squareRoot()) < 1e-12 && v[0] * v[1] > 0)
    #expect(SymmetricEigen([1, .nan, .nan, 1], size: 2) == nil)
  }

  @Test(arguments: [HalfSquaredError.Reduction.mean, .sum])
  func halfSquaredErrorGradientMatchesFiniteDifferences(_ reduction: HalfSquaredError.Reduction) {
    let loss = HalfSquaredError(reduction: reduction)
    let y = Tensor(shape: [3, 2], scalars: [0.5, -1, 2, 0.25, -0.75, 1.5])
    let t = Targets.values(Tensor(shape: [3, 2], scalars: [0, 1, 1, 0, 0, 1]))
    let (value, gradient) = loss.evaluate(y, t)
    let sum = zip(y.scalars, [0, 1, 1, 0, 0, 1] as [Float]).map { Double(($0 - $1) * ($0 - $1)) }.reduce(0, +)
    #expect(value.isApproximatelyEqual(to: 0.5 * sum / (reduction == .mean ? 3 : 1), relativeTolerance: 1e-6))
    for (i, numeric) in FiniteDifference.gradient(at: y, step: 1e-2, { loss.evaluate($0, t).value }).enumerated() {
      #expect(numeric.isApproximatelyEqual(to: Double(gradient.scalars[i]), relativeTolerance: 1e-3))
    }
  }

  @Test func parameterVectorRoundTripsAndLossAndGradientMatchesTheInstrumentedPass() {
    var rng = SeededGenerator(seed: 5)
    let model = MLP.make(
      inputs: 4, width: 6, depth: 2, outputs: 3, activation: .tanh, initializer: .heNormal, using: &rng)
    let theta = model.parameterVector
    #expect(theta.count == model.parameterCount)
    var shifted = theta
    shifted[0] += 1
    model.parameterVector = shifted
    #expect(model.parameterVector == shifted)
    model.parameterVector = theta
    let x = Tensor(shape: [5, 4], scalars: (0..<20).map { _ in Float(rng.nextGaussian()) })
    let targets = Targets.labels([0, 1, 2, 1, 0])
    let (value, gradient) = model.lossAndGradient(input: x, targets: targets, loss: SoftmaxCrossEntropy())
    let record = model.measureGradients(input: x, targets: targets, loss: SoftmaxCrossEntropy())
    #expect(value == record.loss)
    #expect(gradient == model.gradientVector)
    #expect(
      gradient.map { $0 * $0 }.reduce(0, +).squareRoot().isApproximatelyEqual(
        to: record.globalGradientNorm, relativeTolerance: 1e-6))
  }
}
