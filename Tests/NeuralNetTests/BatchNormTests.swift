import Numerics
import Testing

import NeuralNet

@Suite("Batch normalization")
struct BatchNormTests {
  static func layer(features: Int, epsilon: Float = 1e-5, seed: UInt64) -> BatchNorm {
    var rng = SeededGenerator(seed: seed)
    let bn = BatchNorm(features: features, epsilon: epsilon, momentum: 0.3)
    bn.gamma.value.scalars = (0..<features).map { _ in Float(1 + 0.5 * rng.nextGaussian()) }
    bn.beta.value.scalars = (0..<features).map { _ in Float(0.3 * rng.nextGaussian()) }
    return bn
  }

  @Test func gradientsMatchFiniteDifferencesInTrainingMode() {
    let bn = Self.layer(features: 3, seed: 1)
    GradientCheckTests.checkLayer(bn, input: GradientCheckTests.randomInput(rows: 5, columns: 3, seed: 2), seed: 3)
  }

  @Test func gradientsMatchFiniteDifferencesInEvaluationMode() {
    let bn = Self.layer(features: 4, seed: 4)
    for seed in 5...7 { _ = bn.forward(GradientCheckTests.randomInput(rows: 6, columns: 4, seed: UInt64(seed))) }
    bn.setTraining(false)
    GradientCheckTests.checkLayer(bn, input: GradientCheckTests.randomInput(rows: 3, columns: 4, seed: 8), seed: 9)
  }

  @Test func trainingOutputHasMeanZeroAndVarianceOneAndRunningStatisticsFollowTheBatch() {
    let bn = BatchNorm(features: 2, epsilon: 0, momentum: 0.1)
    let x = Tensor(shape: [4, 2], scalars: [1, 10, 2, 20, 3, 30, 6, 40])
    let y = bn.forward(x)
    for j in 0..<2 {
      let column = (0..<4).map { Double(y[$0, j]) }
      let mean = column.reduce(0, +) / 4
      let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
      #expect(abs(mean) < 1e-6 && abs(variance - 1) < 1e-5)
    }
    // Batch means 3 and 25; unbiased variances 14/3 and 500/3.
    #expect(bn.runningMean[0].isApproximatelyEqual(to: 0.3, relativeTolerance: 1e-6))
    #expect(bn.runningMean[1].isApproximatelyEqual(to: 2.5, relativeTolerance: 1e-6))
    #expect(bn.runningVariance[0].isApproximatelyEqual(to: 0.9 + 0.1 * 14 / 3, relativeTolerance: 1e-6))
    #expect(bn.runningVariance[1].isApproximatelyEqual(to: 0.9 + 0.1 * 500 / 3, relativeTolerance: 1e-6))
    // Evaluation uses them: (x − 0.3)/√(running variance).
    bn.setTraining(false)
    let z = bn.forward(Tensor(shape: [1, 2], scalars: [1, 10]))
    #expect(Double(z[0, 0]).isApproximatelyEqual(to: 0.7 / (0.9 + 0.1 * 14 / 3).squareRoot(), relativeTolerance: 1e-5))
    // A training batch of one maps every input to β (with ε > 0), without crashing.
    let withEpsilon = BatchNorm(features: 2)
    #expect(withEpsilon.forward(Tensor(shape: [1, 2], scalars: [5, 7])).scalars == [0, 0])
    #expect(withEpsilon.runningMean == [0, 0])
  }

  /// docs/theory.md §8 (ε = 0): BN((aW)u) = BN(Wu), and ∂L/∂(aW) = (1/a)·∂L/∂W.
  @Test(arguments: [0.25, 3.0, 17.0])
  func scaleInvariance(a: Double) {
    var rng = SeededGenerator(seed: 11)
    let w = Initializer.heNormal.makeWeights(fanOut: 6, fanIn: 5, using: &rng)
    let input = GradientCheckTests.randomInput(rows: 8, columns: 5, seed: 12)
    let targets = Targets.labels((0..<8).map { $0 % 3 })
    func model(_ weight: Tensor) -> Sequential {
      Sequential([
        Dense(weight: weight, bias: false), BatchNorm(features: 6, epsilon: 0), ActivationLayer(.relu),
        Dense(weight: Initializer.constant(0.1).makeWeights(fanOut: 3, fanIn: 6, using: &rng)),
      ])
    }
    var scaled = w
    scaled.scale(by: Float(a))
    let base = model(w)
    let big = model(scaled)
    let out1 = base.forward(input)
    let out2 = big.forward(input)
    for (p, q) in zip(out1.scalars, out2.scalars) {
      #expect(Double(p).isApproximatelyEqual(to: Double(q), absoluteTolerance: 1e-5, relativeTolerance: 1e-4))
    }
    _ = base.measureGradients(input: input, targets: targets, loss: SoftmaxCrossEntropy())
    _ = big.measureGradients(input: input, targets: targets, loss: SoftmaxCrossEntropy())
    let g1 = base.denseLayers[0].weight.gradient
    let g2 = big.denseLayers[0].weight.gradient
    for (p, q) in zip(g1.scalars, g2.scalars) {
      #expect(
        Double(q).isApproximatelyEqual(to: Double(p) / a, absoluteTolerance: 1e-6 / a, relativeTolerance: 1e-3))
    }
  }

  @Test func modelModeReachesEveryBatchNormAndEvaluationInTrainingModeDependsOnTheBatch() throws {
    var rng = SeededGenerator(seed: 21)
    let model = MLP.make(
      inputs: 64, width: 32, depth: 3, outputs: 10, activation: .relu, initializer: .heNormal, batchNorm: .standard,
      using: &rng)
    #expect(model.layers.filter { $0 is BatchNorm }.count == 3)
    #expect(model.denseLayers.dropLast().allSatisfy { $0.bias == nil })
    // Dense, BN, ReLU per hidden layer, then the readout: each model layer maps to its hidden layer.
    #expect(model.layers.indices.map { model.denseLayerNumber(atOrAfter: $0) } == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4])
    let digits = try Digits.load().subset(0..<200)
    _ = Trainer.train(
      model, on: digits, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.1), steps: 30, batchSize: 32,
      batchSeed: 1)
    model.isTraining = false
    #expect(model.layers.compactMap { $0 as? BatchNorm }.allSatisfy { !$0.isTraining })
    model.isTraining = true
    let evaluation = digits.accuracy(of: model, batchSize: 200, training: false)
    #expect(model.isTraining)  // restored
    #expect(digits.accuracy(of: model) == evaluation)
    // Batches of one in training mode: every example gets the same output, i.e. one class.
    let single = digits.accuracy(of: model, batchSize: 1, training: true)
    #expect(single < 0.2 && evaluation > 0.5)
  }

  @Test func residualBlockGradientsMatchFiniteDifferences() {
    var rng = SeededGenerator(seed: 31)
    let block = Residual(
      [
        Self.layer(features: 4, seed: 32), ActivationLayer(.tanh),
        Dense(weight: Initializer.heNormal.makeWeights(fanOut: 4, fanIn: 4, using: &rng)),
      ], alpha: 0.7)
    GradientCheckTests.checkLayer(block, input: GradientCheckTests.randomInput(rows: 5, columns: 4, seed: 33), seed: 34)
    // α = 0: the block is the identity and passes the gradient unchanged.
    let zero = Residual([Dense(weight: Initializer.heNormal.makeWeights(fanOut: 3, fanIn: 3, using: &rng))], alpha: 0)
    let x = GradientCheckTests.randomInput(rows: 2, columns: 3, seed: 35)
    #expect(zero.forward(x) == x)
    #expect(zero.backward(x) == x)
  }
}
