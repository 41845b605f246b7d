import ExperimentKit
import NeuralNet
import RealModule
import Theory

/// Step `.heTraining`: He et al. (2015) in miniature: a deep plain ReLU net trained on digits from Xavier (or
/// `--init`) and from He init, same weight seed and same mini-batch order (docs/theory.md §3).
package enum HeTraining {
  /// One training run.
  package struct Run: Sendable {
    /// The init.
    package var choice: InitializerChoice
    /// Every step's record.
    package var history: TrainingHistory
    /// Test accuracy after training (NaN if the run stopped on a non-finite value).
    package var testAccuracy: Double
    /// ‖∂L/∂h_l‖ at step 0, l = 1…depth.
    package var initialGradientNorm: [Double]
    /// The predicted per-layer factor of the backward norm, √(σ_w²/2).
    package var predictedFactor: Double
    /// E[h_L²]/E[h_1²] at step 0: how much the forward signal's mean square shrank or grew.
    package var initialSignalRatio: Double
    /// The tolerance of `measuredFactor`: 3 standard errors of the fit (ReLU at this width).
    package var tolerance: Double
    /// The measured per-layer factor of the step-0 backward norm.
    package var measuredFactor: Double { MeanFieldPrediction.backwardFactor(initialGradientNorm) }
  }

  /// Trains the challenger and He, in that order, one per core (`ParallelSweep`); `progress` gets
  /// the runs done.
  package static func run(
    _ config: InitializationConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Run] {
    let choices = [config.challenger, .he]
    return ParallelSweep.map(choices.count, progress: progress) { index in
      let choice = choices[index]
      let initializer = choice.initializer(weightStd: config.weightStd)
      var rng = SeededGenerator(seed: config.seed, stream: "he-training weights")
      let model = MLP.make(
        inputs: train.features, width: config.width, depth: config.trainingDepth, outputs: Digits.classes,
        activation: .relu, initializer: initializer, using: &rng)
      let trained = config.recipe(batches: "he-training batches").train(model, on: train, test: test)
      let history = trained.history
      let first = history.steps.first?.denseLayers.dropLast() ?? []
      let meanSquares = first.map(\.output.meanSquare)
      let gain2 = MeanFieldPrediction.hiddenGain2(initializer, width: config.width)
      return Run(
        choice: choice, history: history,
        testAccuracy: trained.testAccuracy,
        initialGradientNorm: first.map(\.outputGradientNorm),
        predictedFactor: PlainNetworkTheory.normGrowthPerLayer(.relu, gain2: gain2),
        initialSignalRatio: (meanSquares.last ?? .nan) / (meanSquares.first ?? .nan),
        tolerance: LogLinearFit.randomWalkSlopeTolerance(
          perStepVariance: MeanField(.relu, weightVariance: gain2).logNormVariancePerLayer(1, width: config.width),
          points: config.trainingDepth))
    }
  }
}
