import NeuralNet
import Notebook

/// Lesson 6, "residual": why residual connections let deep nets train (He et al. 2016), how the
/// branch scale α sets the growth at init (docs/theory.md §9), and how Fixup and SkipInit train deep nets
/// without normalization. The steps live in `ResidualLesson+*.swift`.
public enum ResidualLesson {
  /// The lesson's name: its executable and its output folder.
  public static let name = "residual"
  /// The lesson's title.
  public static let title = "Lesson 6 · Residual connections: the identity path, α, Fixup and SkipInit"

  /// The steps, in order (the runner numbers them).
  public static let outline: Outline = [
    .variance, .gradientsByDepth, .training, .withoutNormalization, .claims, .exercises,
  ]

  /// Runs every step into `notebook` and returns the exit status from `finish()`.
  public static func run(_ config: ResidualConfiguration, in notebook: Notebook) throws -> Int32 {
    notebook.introduction(
      """
      A residual block adds its input back: x_{l+1} = x_l + α·F(x_l). Back-propagation then has an \
      identity path around every block, so the gradient reaching the first layers is not a product \
      of L random Jacobians alone. The price is that every block also adds variance: with α = 1 the \
      squared norm doubles per block at init. This lesson measures that growth against \
      (1 + α²)^L (theory §9), compares gradients by depth for plain, residual and batch-normalized \
      nets, trains them on the digits with one seed and one batch order, and trains 100-layer nets \
      without normalization using Fixup and SkipInit.
      """)
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    notebook.outline(outline)
    let variance = stepVariance(config, in: notebook)
    let gradients = stepGradientsByDepth(config, train: train, in: notebook)
    let training = stepTraining(config, train: train, test: test, in: notebook)
    let unnormalized = stepWithoutNormalization(config, train: train, test: test, in: notebook)
    notebook.step(.claims, "The documents' claims, measured") {
      notebook.prose(
        "Each claim below is quoted from one of the five documents ([docs/documents.md](../../docs/documents.md)) and judged by this lesson's own numbers."
      )
      notebook.claims(
        ResidualClaims.claims(
          config, gradients: gradients, training: training, unnormalized: unnormalized, variance: variance,
          in: notebook))
    }
    notebook.step(.exercises, "Exercises") {
      notebook.prose(
        "Answer with a number; the lesson checks it against a real run or the theory and says why.")
      notebook.exercises(ResidualExercises.all(config, train: train, test: test))
    }
    return try notebook.finish()
  }
}

extension StepID {
  /// Step ids of lesson 6, in order.
  static let variance: StepID = "variance"
  static let gradientsByDepth: StepID = "gradients-by-depth"
  static let training: StepID = "training"
  static let withoutNormalization: StepID = "without-normalization"
}
