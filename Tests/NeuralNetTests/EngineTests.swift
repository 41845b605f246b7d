import CBLASKernel
import Foundation
import Numerics
import Testing

import NeuralNet
import Nonlinearity
import Theory

@Suite("Engine")
struct EngineTests {
  @Test func matmulMatchesNaiveProduct() {
    let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
    #expect(Tensor.matmul(a, b).scalars == [58, 64, 139, 154])
    #expect(Tensor.matmul(a, a, transposeB: true).scalars == [14, 32, 32, 77])
    #expect(Tensor.matmul(a, a, transposeA: true).shape == [3, 3])
  }

  @Test func sameSeedGivesBitIdenticalTraining() throws {
    func run() throws -> TrainingHistory {
      var rng = SeededGenerator(seed: 7)
      var split = SeededGenerator(seed: 8)
      let (train, _) = try Digits.load().split(testFraction: 0.2, using: &split)
      let model = MLP.make(
        inputs: 64, width: 32, depth: 4, outputs: 10, activation: .relu, initializer: .heNormal, using: &rng)
      return Trainer.train(
        model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.05), steps: 20, batchSize: 16,
        batchSeed: 9)
    }
    // One BLAS thread for both runs: another test's sweep could otherwise change the process's
    // thread count between them, and on some kernels (Zen) the bits with it.
    let (first, second) = try ParallelSweep.singleThreadedBLAS { (try run(), try run()) }
    #expect(first == second)
    #expect(first.steps.count == 20)
    #expect(first.steps.last!.loss < first.steps.first!.loss)
  }

  @Test func differentSeedsGiveDifferentWeights() {
    var a = SeededGenerator(seed: 1)
    var b = SeededGenerator(seed: 2)
    #expect(
      Initializer.heNormal.makeWeights(fanOut: 4, fanIn: 4, using: &a)
        != Initializer.heNormal.makeWeights(fanOut: 4, fanIn: 4, using: &b))
  }

  static let variances: [(Initializer, Double)] = [
    (.heNormal, 2.0 / 200), (.lecunNormal, 1.0 / 200), (.xavierNormal, 2.0 / 300), (.xavierUniform, 2.0 / 300),
    (.heUniform, 2.0 / 200), (.naive, 1.0), (.scaledNormal(gain2: 3), 3.0 / 200), (.uniform(limit: 0.5), 0.25 / 3),
    (.normal(std: 0.2), 0.04), (.standardUniform, 1.0 / 600),
  ]

  @Test(arguments: variances)
  func initializerVariance(_ initializer: Initializer, expected: Double) {
    var rng = SeededGenerator(seed: 3)
    let w = initializer.makeWeights(fanOut: 100, fanIn: 200, using: &rng)
    let variance = w.sumOfSquares() / Double(w.count)
    // 20,000 draws: the sample variance is within 3% of the true one (≈ 5σ for Gaussian weights).
    #expect(variance.isApproximatelyEqual(to: expected, relativeTolerance: 0.03))
  }

  @Test func orthogonalRowsAreOrthonormal() {
    var rng = SeededGenerator(seed: 4)
    let w = Initializer.orthogonal(gain: 1).makeWeights(fanOut: 8, fanIn: 20, using: &rng)
    let gram = Tensor.matmul(w, w, transposeB: true)
    for i in 0..<8 {
      for j in 0..<8 {
        #expect(Double(gram[i, j]).isApproximatelyEqual(to: i == j ? 1 : 0, absoluteTolerance: 1e-5))
      }
    }
    let tall = Initializer.orthogonal(gain: 2).makeWeights(fanOut: 20, fanIn: 8, using: &rng)
    let tallGram = Tensor.matmul(tall, tall, transposeA: true)
    #expect(Double(tallGram[3, 3]).isApproximatelyEqual(to: 4, absoluteTolerance: 1e-4))
    #expect(Double(tallGram[3, 5]).isApproximatelyEqual(to: 0, absoluteTolerance: 1e-4))
  }

  @Test func nonFiniteValueStopsTrainingAndIsLocated() throws {
    var rng = SeededGenerator(seed: 5)
    var split = SeededGenerator(seed: 6)
    let (train, _) = try Digits.load().split(testFraction: 0.2, using: &split)
    // Unscaled N(0, 1) weights at width 256: the forward pass overflows around layer 37.
    let model = MLP.make(
      inputs: 64, width: 256, depth: 50, outputs: 10, activation: .relu, initializer: .naive, using: &rng)
    let history = Trainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.01), steps: 10, batchSize: 32,
      batchSeed: 1)
    let event = try #require(history.nonFinite)
    #expect(event.step == 0)
    #expect(event.tensor == .output)
    // Named as the lessons number layers: the model's layers alternate dense, relu from index 0.
    let hidden = event.layer! / 2 + 1
    #expect(event.layerName == "hidden layer \(hidden)" || event.layerName == "the relu after hidden layer \(hidden)")
    #expect(event.description.hasPrefix("step 0, \(event.layerName!), output"))
    #expect(history.steps.count == 1)
    #expect((30...45).contains(event.layer! / 2 + 1))
  }

  /// One layer numbering for students: hidden layers 1…L, the readout, and other layers after the
  /// hidden layer they follow.
  @Test func layersAreNamedAsTheLessonsNumberThem() {
    var rng = SeededGenerator(seed: 1)
    let model = MLP.make(
      inputs: 4, width: 3, depth: 2, outputs: 2, activation: .relu, initializer: .heNormal,
      batchNorm: .standard, using: &rng)
    #expect(
      model.readableLayerNames == [
        "hidden layer 1", "the batchnorm after hidden layer 1", "the relu after hidden layer 1", "hidden layer 2",
        "the batchnorm after hidden layer 2", "the relu after hidden layer 2", "the readout",
      ])
  }

  @Test func sumOfSquaresDoesNotOverflowForFiniteFloats() {
    let big = Tensor(shape: [4], scalars: [3e38, -3e38, 1, 2])
    #expect(big.sumOfSquares().isFinite)
    #expect(big.norm().isApproximatelyEqual(to: (2 * 9e76 + 5).squareRoot(), relativeTolerance: 1e-6))
    #expect(!Tensor(shape: [2], scalars: [.infinity, 1]).isFinite)
    #expect(!Tensor(shape: [2], scalars: [.nan, 1]).isFinite)
  }

  @Test func summaryCountsDeadAndSaturatedUnits() {
    let x = Tensor(shape: [10], scalars: [-1, 0, 0, 2, 3, -0.995, 0.999, 0.5, 0.1, 4])
    let s = x.summary(lowThreshold: 0, highMagnitude: 0.99)
    #expect(s.fractionAtOrBelowLow.isApproximatelyEqual(to: 0.4))
    #expect(s.fractionAtOrAboveHigh.isApproximatelyEqual(to: 0.6))
    #expect(s.mean.isApproximatelyEqual(to: 0.8604, absoluteTolerance: 1e-6))
  }

  /// The one-pass summary adds Σxᵢ² exactly as `sumOfSquares` does (same blocks, same order) and
  /// Σxᵢ and the counts as a plain reading would, at every length around the lane and block sizes,
  /// with a block whose Float sum of squares overflows.
  @Test(arguments: [1, 7, 8, 15, 16, 17, 255, 256, 257, 263, 271, 520, 1000])
  func summaryMatchesSeparatePasses(count: Int) {
    var rng = SeededGenerator(seed: UInt64(count))
    var scalars = (0..<count).map { _ in Float(rng.nextGaussian()) }
    if count > 300 { scalars[300] = 3e20 }  // its block's Float Σx² is +Inf
    let x = Tensor(shape: [count], scalars: scalars)
    let s = x.summary(lowThreshold: -0.5, highMagnitude: 1.5)
    #expect(s.meanSquare == x.sumOfSquares() / Double(count))
    let mean = scalars.reduce(0.0) { $0 + Double($1) } / Double(count)
    #expect(s.mean.isApproximatelyEqual(to: mean, absoluteTolerance: 1e-12, relativeTolerance: 1e-12))
    #expect(s.fractionAtOrBelowLow == Double(scalars.filter { $0 <= -0.5 }.count) / Double(count))
    #expect(s.fractionAtOrAboveHigh == Double(scalars.filter { abs($0) >= 1.5 }.count) / Double(count))
    #expect(s.meanSquare.isFinite)
  }

  @Test func batchSamplerCoversEveryExampleOncePerEpoch() {
    var sampler = BatchSampler(count: 10, batchSize: 5, seed: 1)
    let epoch = Array(sampler.next()) + Array(sampler.next())
    #expect(epoch.sorted() == Array(0..<10))
  }

  @Test func digitsLoadWithLabelsAndRange() throws {
    let digits = try Digits.load()
    #expect(digits.count == 1797)
    #expect(digits.features == 64)
    #expect(digits.inputs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(throws: Digits.LoadError.self) { try Digits.parse("1,2,3\n") }
    let (train, test) = try Digits.trainTestSplit(seed: 42)
    #expect(train.count == Digits.trainingExamples && test.count == 1797 - Digits.trainingExamples)
  }

  /// The rule the README states: a kernel the user names in `OPENBLAS_CORETYPE` is used as given;
  /// without one, the best kernel the CPU and OS support (Debian's OpenBLAS 0.3.21 would fall back
  /// to Prescott on CPUs it does not know). Holds on a machine whose environment sets the variable
  /// and on one that does not.
  @Test func openBLASHonoursTheUsersKernelOrRunsTheBestOne() throws {
    if BLASInfo.kernelSelection == "user" {
      let requested = try #require(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"])
      #expect(
        BLASInfo.coreName.lowercased() == requested.lowercased(),
        "OPENBLAS_CORETYPE=\(requested), kernel \(BLASInfo.coreName)")
    } else {
      let best = String(cString: cblaskernel_best_coretype())
      #expect(
        cblaskernel_core_is_at_least(BLASInfo.coreName, best) == 1,
        "kernel \(BLASInfo.coreName), CPU supports \(best)")
    }
  }
}

@Suite("Synthetic data")
struct TeacherDatasetTests {
  @Test func teacherLabelsAreTheArgMaxOfTheTeacherAndReproducible() {
    var a = SeededGenerator(seed: 11)
    var b = SeededGenerator(seed: 11)
    let first = TeacherDataset.make(count: 200, inputs: 8, outputs: 3, classification: true, using: &a)
    let second = TeacherDataset.make(count: 200, inputs: 8, outputs: 3, classification: true, using: &b)
    #expect(first == second)
    guard case .labels(let labels) = first.targets else {
      Issue.record("classification targets must be labels")
      return
    }
    #expect(Set(labels) == [0, 1, 2])
    let mean = first.inputs.scalars.reduce(0, +) / Float(first.inputs.count)
    #expect(abs(mean) < 0.1)
    var c = SeededGenerator(seed: 11)
    let regression = TeacherDataset.make(count: 50, inputs: 8, outputs: 2, classification: false, using: &c)
    guard case .values(let values) = regression.targets else {
      Issue.record("regression targets must be values")
      return
    }
    #expect(values.shape == [50, 2] && values.isFinite)
  }

  /// The instrumented step's fused passes (`forwardSummarized`, `backwardWithNorm`) give what
  /// `forward` then `Sequential.summarize` and `backward` then `norm()` give, for every
  /// nonlinearity (ReLU fuses them, the others do two passes).
  @Test(arguments: [Activation.relu, .tanh, .sigmoid, .identity])
  func fusedForwardAndBackwardAreTheTwoPasses(activation: Activation) {
    var rng = SeededGenerator(seed: 8)
    let x = Tensor(shape: [9, 61], scalars: rng.gaussians(count: 9 * 61, scale: 2))
    let g = Tensor(shape: [9, 61], scalars: rng.gaussians(count: 9 * 61, scale: 1))
    let fused = ActivationLayer(activation)
    let plain = ActivationLayer(activation)
    let (output, summary) = fused.forwardSummarized(x)
    let expected = plain.forward(x)
    #expect(output.scalars.map(\.bitPattern) == expected.scalars.map(\.bitPattern))
    #expect(summary == Sequential.summarize(expected, kind: plain.kind))
    let (gradient, norm) = fused.backwardWithNorm(g)
    let expectedGradient = plain.backward(g)
    #expect(gradient.scalars.map(\.bitPattern) == expectedGradient.scalars.map(\.bitPattern))
    #expect(norm.bitPattern == expectedGradient.norm().bitPattern)
  }
}
