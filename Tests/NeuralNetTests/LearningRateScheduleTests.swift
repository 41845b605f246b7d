import Testing

import NeuralNet

/// The warm-up schedule, the trainer that follows it, and the explosion step of a history.
@Suite("Learning-rate schedules and the explosion step")
struct LearningRateScheduleTests {
  @Test func aLinearWarmupRisesByPeakOverWEachStepThenHolds() {
    let warmup = LearningRateSchedule.linearWarmup(to: 0.4, over: 200)
    #expect(warmup.rate(atStep: 0) == 0.4 / 200)
    #expect(abs(warmup.rate(atStep: 99) - 0.2) < 1e-15)
    #expect(warmup.rate(atStep: 199) == 0.4)
    #expect(warmup.rate(atStep: 500) == 0.4)
    #expect(LearningRateSchedule.constant(0.1).rate(atStep: 0) == 0.1)
    #expect(LearningRateSchedule.constant(0.1).rate(atStep: 77) == 0.1)
  }

  @Test func theTrainerRecordsEachStepsRateAndObservesBeforeTheUpdate() throws {
    var rng = SeededGenerator(seed: 5)
    let data = Dataset(
      inputs: Tensor(shape: [16, 3], scalars: (0..<48).map { _ in Float(rng.nextGaussian()) }),
      targets: .labels((0..<16).map { $0 % 2 }), classes: 2)
    let model = MLP.make(
      inputs: 3, width: 4, depth: 1, outputs: 2, activation: .tanh, initializer: .xavierNormal, using: &rng)
    var observed: [(Int, [Float])] = []
    let schedule = LearningRateSchedule.linearWarmup(to: 0.3, over: 3)
    let history = Trainer.train(
      model, on: data, loss: SoftmaxCrossEntropy(), schedule: schedule, steps: 5, batchSize: 4, batchSeed: 1,
      observe: { observed.append(($0, model.parameterVector)) })
    let rates = history.steps.compactMap(\.learningRate)
    #expect(rates.count == 5)
    #expect(zip(rates, [0.1, 0.2, 0.3, 0.3, 0.3]).allSatisfy { abs($0 - $1) < 1e-15 })
    #expect(observed.map(\.0) == [0, 1, 2, 3, 4])
    // Each observation sees the parameters before that step's update: they change between two.
    #expect(observed[0].1 != observed[1].1)
    #expect(observed.last?.1 != model.parameterVector)
  }

  static func history(_ losses: [Double]) -> TrainingHistory {
    TrainingHistory(
      steps: losses.enumerated().map { StepRecord(step: $0, loss: $1, globalGradientNorm: 1, layers: []) },
      nonFinite: nil)
  }

  @Test func theExplosionStepIsTheFirstLossTenTimesItsRunningMinimumOrNotFinite() {
    #expect(Self.history([2, 1, 0.5, 0.6, 4.9, 5.1]).explosionStep() == 5)
    #expect(Self.history([2, 1, 0.5, 0.6, 4.9]).explosionStep() == nil)
    #expect(Self.history([2, 1, .nan, 0.1]).explosionStep() == 2)
    #expect(Self.history([2, 1, .infinity]).explosionStep() == 2)
    // The minimum is of the steps before: a first loss is never an explosion, and 4× is with factor 4.
    #expect(Self.history([100]).explosionStep() == nil)
    #expect(Self.history([1, 0.5, 2]).explosionStep(factor: 4) == 2)
  }
}
