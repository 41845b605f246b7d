import ExperimentKit
import NeuralNet
import Theory

/// One trained net of `.training` and `.withoutNormalization`.
package struct TrainedArchitecture: Sendable {
  /// The architecture.
  package var architecture: Architecture
  /// Weight layers.
  package var depth: Int
  /// The SGD step size it was trained with.
  package var learningRate: Double
  /// What training measured.
  package var history: TrainingHistory
  /// Test accuracy in eval mode (NaN if the run stopped on a non-finite value).
  package var testAccuracy: Double

  /// The mean loss of the last 20 steps (NaN if the run stopped on a non-finite value).
  package var finalLoss: Double { history.meanLoss(overLast: 20) }
}

/// The nets of `.training` or 4 trained once per seed (weights and batch order), in table order.
package typealias ArchitecturesOverSeeds = SeedRuns<TrainedArchitecture>

extension SeedRuns where Run == TrainedArchitecture {
  /// `architecture`'s `value` over the seeds (nil if it was not trained).
  package func spread(_ architecture: Architecture, _ value: (TrainedArchitecture) -> Double) -> SeedSpread? {
    main.firstIndex { $0.architecture == architecture }.map { spread($0, value) }
  }

  /// `architecture`'s test accuracy over the seeds, a run that went non-finite counted as 0.
  package func accuracy(_ architecture: Architecture) -> SeedSpread? {
    spread(architecture) { $0.testAccuracy.isFinite ? $0.testAccuracy : 0 }
  }

  /// On how many seeds `architecture` went non-finite.
  package func nonFiniteCount(_ architecture: Architecture) -> Int {
    main.firstIndex { $0.architecture == architecture }.map { count($0) { $0.history.nonFinite != nil } } ?? 0
  }
}

extension Architecture {
  /// Trains this architecture at `depth` with the lesson's seed and batch order, at the lesson's step
  /// size unless `learningRate` is given.
  package func train(
    depth: Int, _ config: ResidualConfiguration, train: Dataset, test: Dataset,
    learningRate: Double? = nil
  ) -> TrainedArchitecture {
    let model = make(depth: depth, width: config.width, seed: config.seed)
    let rate = learningRate ?? config.learningRate
    let trained = config.recipe(batches: "batches", learningRate: rate).train(
      model, on: train, test: test)
    return TrainedArchitecture(
      architecture: self, depth: depth, learningRate: rate, history: trained.history,
      testAccuracy: trained.testAccuracy)
  }
}
