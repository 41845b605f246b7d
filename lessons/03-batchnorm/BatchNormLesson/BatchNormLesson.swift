import NeuralNet
import Notebook

/// Lesson 3, "batchnorm": what batch normalization fixes, and the explosion it causes (Ioffe &
/// Szegedy 2015; Yang et al. 2019; docs/theory.md §5, §8). The steps live in `BatchNormLesson+*.swift`.
public enum BatchNormLesson {
  /// The lesson's name: its executable and its output folder.
  public static let name = "batchnorm"
  /// The lesson's title.
  public static let title = "Lesson 3 · Batch normalization: what it fixes, and the explosion it causes"

  /// The steps, in order (the runner numbers them).
  public static let outline: Outline = [
    .oneLayer, .fix, .learningRates, .yang, .depthLimit, .evaluationMode, .claims, .exercises,
  ]

  /// Runs every step into `notebook` and returns the exit status from `finish()`.
  public static func run(_ config: BatchNormConfiguration, in notebook: Notebook) throws -> Int32 {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    notebook.introduction(
      """
      The documents say batch normalization "prevents gradient explosion". Ioffe and Szegedy \
      (2015) built it to keep every layer's inputs at mean 0 and variance 1, and showed it allows \
      much higher learning rates. Yang et al. (2019) proved the other half of the story: a deep \
      batch-normalized net without skip connections has gradients that EXPLODE at initialization, \
      by a factor λ(B) per layer that depends only on the batch size. This lesson builds the \
      layer (forward and backward, training and evaluation mode), shows both halves with \
      measurements, and measures the classic bug of evaluating in training mode.
      """)
    notebook.outline(outline)
    let oneLayer = stepWhatItComputes(config, batch: train.subset(0..<Swift.min(64, train.count)), in: notebook)
    let fix = stepTheFix(config, train: train, test: test, in: notebook)
    let sweep = stepLearningRates(config, train: train, test: test, in: notebook)
    let yang = stepYang(config, data: train, in: notebook)
    let limit = stepDepthLimit(config, train: train, test: test, in: notebook)
    let evaluation = stepEvaluationMode(config, train: train, test: test, in: notebook)
    notebook.step(.claims, "The documents' claims, measured") {
      notebook.prose(
        "Each claim below is quoted from one of the five documents ([docs/documents.md](../../docs/documents.md)) (the last from the BN paper itself) and judged by this lesson's own numbers."
      )
      notebook.claims(
        BatchNormClaims.claims(
          config, oneLayer: oneLayer, fix: fix, sweep: sweep, yang: yang, limit: limit, evaluation: evaluation,
          in: notebook))
    }
    notebook.step(.exercises, "Exercises") {
      notebook.prose(
        "Answer with a number; the lesson checks it against a real run or the theory and says why.")
      notebook.exercises(BatchNormExercises.all(config, train: train, test: test))
    }
    return try notebook.finish()
  }
}

extension StepID {
  /// Step ids of lesson 3, in order.
  static let oneLayer: StepID = "one-layer"
  static let fix: StepID = "fix"
  static let learningRates: StepID = "learning-rates"
  static let yang: StepID = "yang"
  static let depthLimit: StepID = "depth-limit"
  static let evaluationMode: StepID = "evaluation-mode"
}
