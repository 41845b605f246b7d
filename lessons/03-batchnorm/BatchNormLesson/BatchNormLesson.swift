import NeuralNet
import Notebook

/// Lesson 3, "batchnorm": what batch normalization fixes, and the explosion it causes (Ioffe &
/// Szegedy 2015; Yang et al. 2019; docs/theory.md §5, §8). The steps live in `BatchNormLesson+*.swift`.
package enum BatchNormLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "batchnorm"
  /// The lesson's title.
  package static let title = "Lesson 3 · Batch normalization: what it fixes, and the explosion it causes"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .oneLayer, .fix, .learningRates, .covariateShift, .yang, .depthLimit, .evaluationMode, .claims, .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: BatchNormConfiguration) -> String {
    """
    The documents say batch normalization "prevents gradient explosion". Ioffe and Szegedy \
    (2015) built it to keep every layer's inputs at mean 0 and variance 1, and showed it allows \
    much higher learning rates. Yang et al. (2019) proved the other half of the story: a deep \
    batch-normalized net without skip connections has gradients that EXPLODE at initialization, \
    by a factor λ(B) per layer that depends only on the batch size. This lesson builds the \
    layer (forward and backward, training and evaluation mode), shows both halves with \
    measurements, and measures the classic bug of evaluating in training mode.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: BatchNormConfiguration, in notebook: Notebook) throws -> [Claim] {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    let oneLayer = stepWhatItComputes(config, batch: train.subset(0..<Swift.min(64, train.count)), in: notebook)
    let fix = stepTheFix(config, train: train, test: test, in: notebook)
    let sweep = stepLearningRates(config, train: train, test: test, in: notebook)
    let shift = stepCovariateShift(config, train: train, test: test, in: notebook)
    let yang = stepYang(config, data: train, in: notebook)
    let limit = stepDepthLimit(config, train: train, test: test, in: notebook)
    let evaluation = stepEvaluationMode(config, train: train, test: test, in: notebook)
    return BatchNormClaims.claims(
      config, oneLayer: oneLayer, fix: fix, sweep: sweep, shift: shift, yang: yang, limit: limit,
      evaluation: evaluation,
      in: notebook)
  }
}
