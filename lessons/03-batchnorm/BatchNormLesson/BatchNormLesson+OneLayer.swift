import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
  // MARK: .oneLayer

  /// Step `.oneLayer`: one layer before and after batch norm.
  static func stepWhatItComputes(_ config: BatchNormConfiguration, batch: Dataset, in notebook: Notebook)
    -> OneLayer.Result
  {
    notebook.step(.oneLayer, "What batch norm computes, on one layer") {
      let features = 8
      notebook.prose(
        """
        For every feature j over a batch of B examples, BN subtracts the batch mean μ_j, divides by \
        √(σ_j² + ε) (σ_j² the biased batch variance) and applies a learned scale γ_j and shift β_j \
        (1 and 0 at init). It normalizes activations, feature by feature, across the batch; it \
        does not touch the parameters. We pass \(batch.count) digits through one dense layer of \
        \(features) units and normalize its pre-activations.
        """)
      let result = OneLayer.run(batch: batch, features: features, settings: config.settings, seed: config.seed)
      notebook.table(
        Table(
          headers: ["feature", "mean before", "variance before", "mean after", "variance after", "σ²/(σ²+ε)"],
          rows: (0..<features).map { j in
            [
              "\(j + 1)", Format.number(result.meanBefore[j]), Format.number(result.varianceBefore[j]),
              Format.number(result.meanAfter[j]), Format.number(result.varianceAfter[j], digits: 6),
              Format.number(result.predictedVarianceAfter[j], digits: 6),
            ]
          }))
      let worstMean = result.meanAfter.map(abs).max() ?? .nan
      let worstVariance = zip(result.varianceAfter, result.predictedVarianceAfter).map { abs($0 - $1) }.max() ?? .nan
      notebook.check([
        TheoryCheck(
          name: "largest |batch mean| after BN", measured: worstMean, predicted: 0, tolerance: .absolute(1e-5),
          source: "theory §8"),
        TheoryCheck(
          name: "largest |variance − σ²/(σ²+ε)| after BN", measured: worstVariance, predicted: 0,
          tolerance: .absolute(1e-4), source: "theory §8"),
      ])
      return result
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchNormLesson.outline`).
  static let oneLayer: StepID = "one-layer"
}
