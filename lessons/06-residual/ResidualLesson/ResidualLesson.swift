import NeuralNet
import Notebook

/// Lesson 6, "residual": why residual connections let deep nets train (He et al. 2016), how the
/// branch scale α sets the growth at init (docs/theory.md §9), and how Fixup and SkipInit train deep nets
/// without normalization. The steps live in `ResidualLesson+*.swift`.
package enum ResidualLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "residual"
  /// The lesson's title.
  package static let title = "Lesson 6 · Residual connections: the identity path, α, Fixup and SkipInit"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .variance, .gradientsByDepth, .training, .withoutNormalization, .claims, .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: ResidualConfiguration) -> String {
    """
    A residual block adds its input back: x_{l+1} = x_l + α·F(x_l). Back-propagation then has an \
    identity path around every block, so the gradient reaching the first layers is not a product \
    of L random Jacobians alone. The price is that every block also adds variance: with α = 1 the \
    squared norm doubles per block at init. This lesson measures that growth against \
    (1 + α²)^L (theory §9), compares gradients by depth for plain, residual and batch-normalized \
    nets, trains them on the digits with one seed and one batch order, and trains 100-layer nets \
    without normalization using Fixup and SkipInit.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: ResidualConfiguration, in notebook: Notebook) throws -> [Claim] {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    let variance = stepVariance(config, in: notebook)
    let gradients = stepGradientsByDepth(config, train: train, in: notebook)
    let training = stepTraining(config, train: train, test: test, in: notebook)
    let unnormalized = stepWithoutNormalization(config, train: train, test: test, in: notebook)
    return ResidualClaims.claims(
      config, gradients: gradients, training: training, unnormalized: unnormalized, variance: variance,
      in: notebook)
  }
}
