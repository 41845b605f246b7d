import NeuralNet

/// One training run of the lesson, summarised: every step's record and the test accuracy.
package struct TrainedRun: Sendable {
  /// The run's name in tables and legends.
  package var name: String
  /// Every step's record.
  package var history: TrainingHistory
  /// Accuracy on the test digits in evaluation mode (NaN if the run went non-finite).
  package var testAccuracy: Double

  /// The mean loss of the last 10 steps (NaN if the run went non-finite): less noisy than the last.
  package var finalLoss: Double { history.meanLoss(overLast: 10) }

  /// Whether the run trained: finite, and its final loss below half the loss of a uniform guess
  /// (ln 10 / 2 ≈ 1.15).
  package var trained: Bool { finalLoss.isFinite && finalLoss < TrainedRun.trainedLoss }

  /// Whether the run diverged rather than learning slowly: it went non-finite, or its final loss is
  /// no lower than its first step's. A step too large for the loss's curvature does this; a step
  /// too small only leaves the run short of `trained`.
  package var diverged: Bool {
    guard finalLoss.isFinite, let first = history.steps.first?.loss, first.isFinite else { return true }
    return finalLoss >= first
  }

  /// The loss below which a run counts as trained: half of ln 10.
  package static let trainedLoss = 0.5 * 2.302_585_092_994_046

  /// Trains `model` with SGD and evaluates it on `test` in evaluation mode; with `histogramEvery:
  /// k`, steps 0, k, 2k, … record every layer's magnitude histograms.
  package static func train(
    _ name: String, _ model: Sequential, _ recipe: TrainingRecipe, train: Dataset, test: Dataset,
    histogramEvery: Int? = nil, progress: ((Int) -> Void)? = nil
  ) -> TrainedRun {
    let trained = recipe.train(model, on: train, test: test, histogramEvery: histogramEvery, progress: progress)
    return TrainedRun(name: name, history: trained.history, testAccuracy: trained.testAccuracy)
  }
}
