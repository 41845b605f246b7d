import NeuralNet
import Testing

/// The summaries every trainer's history shares (`TrainingLog`): one definition for `Trainer`,
/// `EpochTrainer` and `AddingProblemTrainer`.
@Suite("Training histories")
struct TrainingLogTests {
  static func history(norms: [Double], losses: [Double], nonFiniteAt step: Int? = nil) -> TrainingHistory {
    TrainingHistory(
      steps: zip(norms, losses).enumerated().map {
        StepRecord(step: $0, loss: $1.1, globalGradientNorm: $1.0, layers: [])
      },
      nonFinite: step.map { NonFiniteEvent(step: $0, layer: nil, layerName: nil, tensor: .loss) })
  }

  @Test func aNonFiniteNormIsTheWorstAndIsLeftOutOfTheMean() {
    let run = Self.history(norms: [1, 3, .nan], losses: [2, 1, 0.5])
    #expect(run.initialGradientNorm == 1 && run.finalLoss == 0.5)
    #expect(run.maxGradientNorm == .infinity)
    #expect(run.meanGradientNorm == 2)
    #expect(run.meanLoss(overLast: 2) == 0.75)
    #expect(run.nonFiniteStep == nil && run.clippedFraction == 0)
  }

  @Test func aRunThatWentNonFiniteHasNoMeanLossAndAnEmptyRunHasNoNorms() {
    let stopped = Self.history(norms: [1, 2], losses: [2, .infinity], nonFiniteAt: 1)
    #expect(stopped.nonFiniteStep == 1 && stopped.meanLoss(overLast: 10).isNaN)
    let empty = Self.history(norms: [], losses: [])
    #expect(empty.maxGradientNorm.isNaN && empty.initialGradientNorm.isNaN && empty.meanGradientNorm.isNaN)
    #expect(empty.finalLoss.isNaN && empty.clippedFraction == 0 && empty.explosionStep() == nil)
  }

  /// Norm clipping at a threshold below every ‖g‖ clips every step, above every ‖g‖ none, and
  /// both trainers' histories say so through the same `clippedFraction`.
  @Test func theClippedFractionCountsTheStepsClippingChangedForEitherTrainer() throws {
    let digits = try Digits.load().subset(0..<128)
    func mlp(_ clipping: GradientClipping) -> TrainingHistory {
      var rng = SeededGenerator(seed: 3)
      let model = MLP.make(
        inputs: 64, width: 16, depth: 2, outputs: 10, activation: .relu, initializer: .heNormal, using: &rng)
      return Trainer.train(
        model, on: digits, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.01), steps: 10, batchSize: 16,
        batchSeed: 4, clipping: clipping)
    }
    func rnn(_ clipping: GradientClipping) -> AddingProblemTrainer.History {
      var rng = SeededGenerator(seed: 5)
      let test = AddingProblem.make(count: 20, length: 4, using: &rng)
      let model = RecurrentRegressor(
        inputs: 2, hidden: 8, outputs: 1,
        recurrentWeight: Initializer.orthogonal(gain: 1).makeWeights(fanOut: 8, fanIn: 8, using: &rng), using: &rng)
      let settings = AddingProblemTrainer.Settings(
        length: 4, batchSize: 10, learningRate: 0.01, steps: 10, clipping: clipping, evaluateEvery: 5, dataSeed: 6)
      return AddingProblemTrainer.train(model, settings: settings, test: test)
    }
    let (tight, loose) = (GradientClipping.norm(1e-6), GradientClipping.norm(1e6))
    #expect(mlp(tight).clippedFraction == 1 && mlp(loose).clippedFraction == 0)
    #expect(rnn(tight).clippedFraction == 1 && rnn(loose).clippedFraction == 0)
    #expect(mlp(.none).clippedFraction == 0 && rnn(.none).clippedFraction == 0)
  }
}
