import ExperimentKit
import NeuralNet
import Theory

/// Step `.evaluationMode`: train mode vs evaluation mode. A BN net evaluated with batch statistics (training
/// mode) gives predictions that depend on which test examples share a batch.
package enum EvaluationMode {
  /// Test accuracy of one trained BN net, evaluated several ways.
  package struct Result: Sendable {
    /// The training run.
    package var run: TrainedRun
    /// Test-time batch sizes.
    package var batchSizes: [Int]
    /// Accuracy in evaluation mode (running statistics) for each batch size.
    package var evaluationAccuracy: [Double]
    /// Accuracy in training mode (batch statistics) for each batch size.
    package var trainingModeAccuracy: [Double]
    /// The fraction of test examples in the class the net predicts for a batch of one in training
    /// mode (where every input normalizes to β, so every example gets the same class).
    package var singleBatchClassShare: Double
  }

  /// Trains a BN net and evaluates it on `test` in both modes at every batch size.
  package static func run(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, depth: Int = 4,
    progress: ((Int) -> Void)? = nil
  ) -> Result {
    var rng = SeededGenerator(seed: config.seed, stream: "evaluation-mode weights")
    let model = MLP.make(
      inputs: train.features, width: config.width, depth: depth, outputs: Digits.classes,
      activation: config.activation, initializer: config.initialization.initializer(weightStd: config.weightStd),
      batchNorm: config.settings, using: &rng)
    let run = TrainedRun.train(
      "BN net, \(depth) layers", model, config.recipe(batches: "evaluation-mode batches"), train: train, test: test,
      progress: progress)
    // Evaluation mode first: evaluating in training mode updates the running statistics (as in
    // PyTorch), which is part of the bug.
    let evaluation = config.evaluationBatchSizes.map { test.accuracy(of: model, batchSize: $0, training: false) }
    let training = config.evaluationBatchSizes.map { test.accuracy(of: model, batchSize: $0, training: true) }
    model.isTraining = true
    let output = model.forward(test.subset(0..<1).inputs)
    var predicted = 0
    for j in 1..<output.columns where output[0, j] > output[0, predicted] { predicted = j }
    var share = Double.nan
    if case .labels(let labels) = test.targets {
      share = Double(labels.filter { $0 == predicted }.count) / Double(labels.count)
    }
    model.isTraining = false
    return Result(
      run: run, batchSizes: config.evaluationBatchSizes, evaluationAccuracy: evaluation,
      trainingModeAccuracy: training, singleBatchClassShare: share)
  }
}

extension EvaluationMode {
  /// The run on each seed, one `Result` per seed.
  package typealias OverSeeds = SeedRuns<Result>

  /// `run` for each of `config.fixSeeds` seeds (weights and batch order), one per core
  /// (`ParallelSweep`), the lesson's own first.
  package static func overSeeds(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> OverSeeds {
    OverSeeds.parallel(config, seeds: config.fixSeeds, progress: progress) { [run($0, train: train, test: test)] }
  }
}
