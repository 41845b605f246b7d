import Theory
import Numerics
import Testing

import NeuralNet
import Nonlinearity

@Suite("Recurrent layer, clipping and the adding problem")
struct RecurrentAndClippingTests {
  /// L = Σ_t Σ c_t ⊙ h_t over the steps in `readSteps`, with fixed random c_t.
  static func check(_ activation: Activation, readSteps: [Int], seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let hidden = 3
    let rnn = VanillaRNN(
      inputWeight: Initializer.normal(std: 0.7).makeWeights(fanOut: hidden, fanIn: 2, using: &rng),
      recurrentWeight: Initializer.normal(std: 0.6).makeWeights(fanOut: hidden, fanIn: hidden, using: &rng),
      activation: activation)
    rnn.bias.value.scalars = [0.1, -0.2, 0.05]
    let steps = 4
    let sequence = (0..<steps).map { _ in
      Tensor(shape: [2, 2], scalars: (0..<4).map { _ in Float(rng.nextGaussian()) })
    }
    let c = (0..<steps).map { _ in Tensor(shape: [2, hidden], scalars: (0..<6).map { _ in Float(rng.nextGaussian()) }) }
    func loss() -> Double {
      let h = rnn.forward(sequence)
      return readSteps.map { t in zip(h[t].scalars, c[t].scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) } }
        .reduce(0, +)
    }
    _ = rnn.forward(sequence)
    let norms = rnn.backward((0..<steps).map { readSteps.contains($0) ? c[$0] : nil })
    #expect(norms.count == steps)
    if readSteps == [steps - 1] { #expect(norms[steps - 1].isApproximatelyEqual(to: c[steps - 1].norm())) }
    let analytic = rnn.parameters.map(\.gradient)
    for (p, parameter) in rnn.parameters.enumerated() {
      for (i, numeric) in FiniteDifference.gradient(of: parameter, step: 1e-2, loss).enumerated() {
        #expect(
          numeric.isApproximatelyEqual(
            to: Double(analytic[p].scalars[i]), absoluteTolerance: 2e-3, relativeTolerance: 1e-2),
          "\(activation) ∂L/∂\(parameter.name)[\(i)]: numeric \(numeric), BPTT \(analytic[p].scalars[i])")
      }
    }
  }

  @Test(arguments: [Activation.tanh, .sigmoid])
  func bpttMatchesFiniteDifferencesWithLossOnTheLastStep(_ activation: Activation) {
    Self.check(activation, readSteps: [3], seed: 1)
  }

  @Test(arguments: [Activation.tanh, .sigmoid])
  func bpttMatchesFiniteDifferencesWithLossesOnSeveralSteps(_ activation: Activation) {
    Self.check(activation, readSteps: [0, 2, 3], seed: 2)
  }

  @Test func normClippingKeepsTheDirectionAndValueClippingDoesNot() {
    let a = Parameter(name: "a", value: Tensor(shape: [2]))
    let b = Parameter(name: "b", value: Tensor(shape: [1]))
    a.gradient = Tensor(shape: [2], scalars: [3, 0.5])
    b.gradient = Tensor(shape: [1], scalars: [-4])
    let before = (9 + 0.25 + 16.0).squareRoot()
    let norm = GradientClipping.norm(1).apply(to: [a, b])
    #expect(norm.clipped && norm.cosine == 1)
    #expect(norm.normBefore.isApproximatelyEqual(to: before))
    let after = (a.gradient.sumOfSquares() + b.gradient.sumOfSquares()).squareRoot()
    #expect(after.isApproximatelyEqual(to: 1, relativeTolerance: 1e-6))
    #expect(Double(a.gradient.scalars[0]).isApproximatelyEqual(to: 3 / before, relativeTolerance: 1e-6))
    // Below the threshold nothing changes.
    #expect(!GradientClipping.norm(10).apply(to: [a, b]).clipped)
    // Value clipping: [3, 0.5, −4] → [1, 0.5, −1]; cosine = (3 + 0.25 + 4)/(√25.25·√2.25).
    a.gradient = Tensor(shape: [2], scalars: [3, 0.5])
    b.gradient = Tensor(shape: [1], scalars: [-4])
    let value = GradientClipping.value(1).apply(to: [a, b])
    #expect(a.gradient.scalars == [1, 0.5] && b.gradient.scalars == [-1])
    #expect(value.cosine.isApproximatelyEqual(to: 7.25 / (25.25.squareRoot() * 1.5), relativeTolerance: 1e-6))
    #expect(value.cosine < 1)
    // A NaN gradient is reported, not hidden.
    a.gradient.scalars[0] = .nan
    #expect(!GradientClipping.norm(1).apply(to: [a, b]).normBefore.isFinite)
  }

  @Test func addingProblemHasTwoMarkersOnePerHalfAndTheirSumAsTarget() {
    var rng = SeededGenerator(seed: 7)
    let (sequence, targets) = AddingProblem.make(count: 50, length: 20, using: &rng)
    #expect(sequence.count == 20 && targets.shape == [50, 1])
    for i in 0..<50 {
      let marked = (0..<20).filter { sequence[$0][i, 1] == 1 }
      #expect(marked.count == 2 && marked[0] < 10 && marked[1] >= 10)
      let sum = marked.map { sequence[$0][i, 0] }.reduce(0, +)
      #expect(abs(sum - targets[i, 0]) < 1e-6)
    }
  }

  @Test func trainerClipsEveryStepAndRecordsIt() throws {
    let digits = try Digits.load().subset(0..<256)
    var rng = SeededGenerator(seed: 3)
    let model = MLP.make(
      inputs: 64, width: 32, depth: 3, outputs: 10, activation: .relu, initializer: .scaledNormal(gain2: 4),
      using: &rng)
    let history = Trainer.train(
      model, on: digits, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.01), steps: 20, batchSize: 32,
      batchSeed: 1, clipping: .norm(0.5))
    let clips = history.steps.compactMap(\.clip)
    #expect(clips.count == history.steps.count)
    #expect(clips.allSatisfy { $0.normAfter <= 0.5 + 1e-6 && $0.cosine == 1 })
    #expect(clips.contains { $0.clipped })
    // Without clipping the records say nothing about it.
    let plain = Trainer.train(
      model, on: digits, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.01), steps: 2, batchSize: 32,
      batchSeed: 1)
    #expect(plain.steps.allSatisfy { $0.clip == nil })
  }

  @Test func recurrentRegressorGradientsMatchFiniteDifferencesAndReportEveryStep() {
    var rng = SeededGenerator(seed: 11)
    let (sequence, targets) = AddingProblem.make(count: 3, length: 5, using: &rng)
    let model = RecurrentRegressor(
      inputs: 2, hidden: 4, outputs: 1,
      recurrentWeight: Initializer.orthogonal(gain: 0.9).makeWeights(fanOut: 4, fanIn: 4, using: &rng), using: &rng)
    let loss = HalfSquaredError()
    let measured = model.measureGradients(sequence, targets: .values(targets), loss: loss)
    #expect(measured.stateGradientNorms.count == 5)
    let analytic = model.parameters.map(\.gradient)
    for (p, parameter) in model.parameters.enumerated() {
      let numerics = FiniteDifference.gradient(of: parameter, step: 1e-2) {
        loss.evaluate(model.predict(sequence), .values(targets)).value
      }
      for (i, numeric) in numerics.enumerated() {
        #expect(
          numeric.isApproximatelyEqual(
            to: Double(analytic[p].scalars[i]), absoluteTolerance: 1e-3, relativeTolerance: 1e-2),
          "∂L/∂\(parameter.name)[\(i)]: numeric \(numeric), BPTT \(analytic[p].scalars[i])")
      }
    }
  }

  static func addingModel(seed: UInt64) -> RecurrentRegressor {
    var rng = SeededGenerator(seed: seed)
    return RecurrentRegressor(
      inputs: 2, hidden: 8, outputs: 1,
      recurrentWeight: Initializer.orthogonal(gain: 1).makeWeights(fanOut: 8, fanIn: 8, using: &rng), using: &rng)
  }

  @Test func addingProblemTrainerIsReproducibleAndLearnsAShortSequence() {
    var rng = SeededGenerator(seed: 5)
    let test = AddingProblem.make(count: 200, length: 4, using: &rng)
    let settings = AddingProblemTrainer.Settings(
      length: 4, batchSize: 20, learningRate: 0.05, steps: 300, clipping: .norm(1), evaluateEvery: 50, dataSeed: 9)
    let first = AddingProblemTrainer.train(Self.addingModel(seed: 1), settings: settings, test: test)
    let second = AddingProblemTrainer.train(Self.addingModel(seed: 1), settings: settings, test: test)
    #expect(first == second)
    #expect(first.evaluations.map(\.step) == [0, 50, 100, 150, 200, 250, 300])
    #expect(first.steps.count == 300 && first.nonFiniteStep == nil)
    // T = 4 is short: the loss falls well below the mean predictor's 1/12.
    #expect(first.finalTestLoss < first.evaluations[0].loss && first.finalTestLoss < 1.0 / 24)
    #expect(first.steps.allSatisfy { $0.clip != nil && $0.clip!.normAfter <= 1 + 1e-9 })
  }

  @Test func addingProblemTrainerStopsAtTheFirstNonFiniteStepWithoutUpdating() {
    var rng = SeededGenerator(seed: 5)
    let test = AddingProblem.make(count: 10, length: 10, using: &rng)
    let model = Self.addingModel(seed: 2)
    let settings = AddingProblemTrainer.Settings(
      length: 10, batchSize: 20, learningRate: 50, steps: 200, dataSeed: 9, tracksSpectralNorm: true)
    let history = AddingProblemTrainer.train(model, settings: settings, test: test)
    let bad = try! #require(history.nonFiniteStep)
    #expect(history.steps.count == bad + 1)
    #expect(history.finalTestLoss.isNaN && history.maxGradientNorm == .infinity)
    #expect(history.steps.dropLast().allSatisfy { $0.recurrentSpectralNorm != nil })
  }

  @Test func spectralRadiusOfKnownMatrices() throws {
    // A rotation by 90° has eigenvalues ±i: radius 1, though no real eigenvalue exists.
    #expect(try #require(Tensor(shape: [2, 2], scalars: [0, -1, 1, 0]).spectralRadius()).isApproximatelyEqual(to: 1))
    // A nilpotent matrix: radius 0, largest singular value 5.
    let nilpotent = Tensor(shape: [2, 2], scalars: [0, 5, 0, 0])
    #expect(try #require(nilpotent.spectralRadius()) < 1e-12)
    #expect(try #require(nilpotent.singularValues())[0].isApproximatelyEqual(to: 5))
    var rng = SeededGenerator(seed: 2)
    let q = Initializer.orthogonal(gain: 1.5).makeWeights(fanOut: 20, fanIn: 20, using: &rng)
    #expect(try #require(q.spectralRadius()).isApproximatelyEqual(to: 1.5, relativeTolerance: 1e-5))
  }
}
