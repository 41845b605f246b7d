import Foundation
import Testing

import NeuralNet

/// Adam and momentum against hand-computed updates; checkpoints round-trip and refuse bad files;
/// early stopping counts its patience.
@Suite("Optimizers, checkpoints and early stopping")
struct OptimizerAndCheckpointTests {
  static func parameter(_ values: [Float], gradient: [Float]) -> Parameter {
    let p = Parameter(name: "w", value: Tensor(shape: [values.count], scalars: values))
    p.gradient = Tensor(shape: [gradient.count], scalars: gradient)
    return p
  }

  @Test func adamMovesEachCoordinateByTheLearningRateOnItsFirstStepAndFollowsAlgorithm1() {
    let p = Self.parameter([1, 1, 1], gradient: [1000, -0.001, 0.5])
    let adam = Adam(learningRate: 0.01, epsilon: 1e-12)
    adam.update([p])
    // m̂ = g, v̂ = g²: the first step is −η·sign(g), whatever |g|.
    for (value, expected) in zip(p.value.scalars, [0.99, 1.01, 0.99] as [Float]) {
      #expect(abs(value - expected) < 1e-5)
    }
    // Second step with g = 0.5 on the third coordinate, computed by hand.
    p.gradient = Tensor(shape: [3], scalars: [0, 0, 1])
    adam.update([p])
    let m = 0.9 * (0.1 * 0.5) + 0.1 * 1.0
    let v = 0.999 * (0.001 * 0.25) + 0.001 * 1.0
    let step = 0.01 * (m / (1 - 0.81)) / ((v / (1 - 0.998001)).squareRoot() + 1e-12)
    #expect(abs(Double(p.value.scalars[2]) - (0.99 - step)) < 1e-6)
    #expect(adam.steps == 2)
  }

  /// Under SGD the update is −η·g, so each layer's update-to-data ratio std(Δw)/std(w) is
  /// η·std(g)/std(w), read from the gradient and the weights before the step.
  @Test func theUpdateToDataRatioOfAnSGDStepIsEtaTimesTheGradientsSpreadOverTheWeights() throws {
    let (train, _) = try Digits.trainTestSplit(seed: 3)
    var rng = SeededGenerator(seed: 5)
    let model = MLP.make(
      inputs: train.features, width: 32, depth: 3, outputs: 10, activation: .relu, initializer: .heNormal, using: &rng)
    let eta = 0.05
    func spread(_ x: [Float]) -> Double {
      let mean = x.reduce(0.0) { $0 + Double($1) } / Double(x.count)
      return (x.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(x.count)).squareRoot()
    }
    // The prediction needs the gradient, which the step computes: measure it on the same batch
    // first (measuring changes no weight), then take the step.
    let batch = Array(0..<32)
    _ = model.measureGradients(
      input: train.inputs.gatheringRows(batch), targets: train.targets.gathering(batch), loss: SoftmaxCrossEntropy())
    let predicted = model.denseLayers.map { eta * spread($0.weight.gradient.scalars) / spread($0.weight.value.scalars) }
    let record = Trainer.step(
      model, on: train, batch: batch, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(eta)),
      clipping: .none, measuresUpdates: true, step: 0)
    let measured = record.layers.compactMap(\.updateToDataRatio)
    #expect(measured.count == predicted.count)
    for (m, p) in zip(measured, predicted) {
      #expect(abs(m / p - 1) < 1e-3, "measured \(m), predicted \(p)")
    }
    #expect(record.layers.filter { $0.kind != .dense }.allSatisfy { $0.updateToDataRatio == nil })
  }

  @Test func momentumAccumulatesVelocity() {
    let p = Self.parameter([0], gradient: [1])
    let plain = Momentum(learningRate: 0.1, momentum: 0.9)
    plain.update([p])
    plain.update([p])
    // v₁ = 1, v₂ = 1.9: θ = −0.1·(1 + 1.9).
    #expect(abs(p.value.scalars[0] + 0.29) < 1e-6)
    let q = Self.parameter([0], gradient: [1])
    let nesterov = Momentum(learningRate: 0.1, momentum: 0.9, nesterov: true)
    nesterov.update([q])
    // v₁ = 1; step g + μv₁ = 1.9.
    #expect(abs(q.value.scalars[0] + 0.19) < 1e-6)
  }

  static func model(seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    return MLP.make(inputs: 4, width: 3, depth: 1, outputs: 2, activation: .relu, initializer: .heNormal, using: &rng)
  }

  @Test func checkpointRoundTripsExactlyAndRefusesCorruptOrMismatchedFiles() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("best.ckpt")
    let source = Self.model(seed: 1)
    try Checkpoint.save(source.parameters, metadata: .init(step: 17, validationLoss: 0.25), to: url)
    let target = Self.model(seed: 2)
    #expect(target.parameterVector != source.parameterVector)
    let metadata = try Checkpoint.load(into: target.parameters, from: url)
    #expect(metadata == .init(step: 17, validationLoss: 0.25))
    #expect(target.parameterVector == source.parameterVector)

    // One flipped bit: refused as corrupt, and the model is untouched.
    var bytes = Array(try Data(contentsOf: url))
    bytes[40] ^= 0x10
    let fresh = Self.model(seed: 3)
    let before = fresh.parameterVector
    #expect(throws: Checkpoint.LoadError.self) { try Checkpoint.decode(bytes, into: fresh.parameters) }
    do {
      try Checkpoint.decode(bytes, into: fresh.parameters)
    } catch {
      #expect(error.description.contains("corrupt") && error.description.contains("checksum"))
    }
    #expect(fresh.parameterVector == before)
    // Truncated.
    let whole = Array(try Data(contentsOf: url))
    do {
      try Checkpoint.decode(Array(whole.prefix(20)), into: fresh.parameters)
      Issue.record("a truncated checkpoint was accepted")
    } catch {
      #expect(error.description.contains("corrupt"))
    }
    // A valid checkpoint of another architecture.
    var rng = SeededGenerator(seed: 4)
    let wider = MLP.make(
      inputs: 4, width: 5, depth: 1, outputs: 2, activation: .relu, initializer: .heNormal, using: &rng)
    do {
      try Checkpoint.load(into: wider.parameters, from: url)
      Issue.record("a mismatched checkpoint was accepted")
    } catch {
      #expect(error == .mismatch("parameter 0 is weight [3, 4] in the file, weight [5, 4] in the model"))
    }
    // Missing file.
    do {
      try Checkpoint.load(into: wider.parameters, from: directory.appendingPathComponent("none.ckpt"))
      Issue.record("a missing checkpoint was accepted")
    } catch {
      #expect(error.description.hasPrefix("cannot read the checkpoint"))
    }
  }

  @Test func checkpointCarriesBatchNormStatisticsSoEvaluationIsIdentical() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-bn-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func model(_ seed: UInt64) -> Sequential {
      var rng = SeededGenerator(seed: seed)
      return MLP.make(
        inputs: 4, width: 6, depth: 2, outputs: 3, activation: .relu, initializer: .heNormal, batchNorm: .standard,
        using: &rng)
    }
    let source = model(1)
    var rng = SeededGenerator(seed: 9)
    let x = Tensor(shape: [16, 4], scalars: (0..<64).map { _ in Float(3 + 2 * rng.nextGaussian()) })
    for _ in 0..<5 { _ = source.forward(x) }  // moves the running statistics away from (0, 1)
    #expect(source.state.count == 4)
    let url = directory.appendingPathComponent("bn.ckpt")
    try Checkpoint.save(source, metadata: .init(step: 1, validationLoss: 0.5), to: url)
    let target = model(2)
    try Checkpoint.load(into: target, from: url)
    source.isTraining = false
    target.isTraining = false
    #expect(target.forward(x) == source.forward(x))
    // A model without batch norm has no state to receive it.
    var plainRNG = SeededGenerator(seed: 3)
    let plain = MLP.make(
      inputs: 4, width: 6, depth: 2, outputs: 3, activation: .relu, initializer: .heNormal, using: &plainRNG)
    do {
      try Checkpoint.load(into: plain, from: url)
      Issue.record("a checkpoint with batch norm statistics was loaded into a model without batch norm")
    } catch {
      #expect(error.description.contains("does not fit"))
    }
  }

  @Test func earlyStoppingWaitsForPatienceAndIgnoresNaN() {
    var stopper = EarlyStopping(patience: 2)
    let decisions = [1.0, 0.8, 0.9, 0.7, .nan, 0.75].map { stopper.observe($0) }
    #expect(decisions == [.improved, .improved, .wait, .improved, .wait, .stop])
    #expect(stopper.best == 0.7 && stopper.bestIndex == 3)
  }
}
