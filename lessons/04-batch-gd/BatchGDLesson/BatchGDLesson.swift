import LessonKit
import NeuralNet
import Notebook

/// Lesson 4, "batch-gd": what the batch size changes (the gradient's noise) and what makes gradient
/// descent blow up (the step size against the curvature), with a threshold a student can predict
/// (docs/theory.md §7). The steps live in `BatchGDLesson+*.swift`.
package enum BatchGDLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "batch-gd"
  /// The lesson's title.
  package static let title =
    "Lesson 4 · Full-batch, mini-batch and stochastic gradient descent, and the step that explodes"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .comparison, .noise, .threshold, .slowSteps, .grid, .edgeOfStability, .claims, .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: BatchGDConfiguration) -> String {
    """
    The documents present "batch gradient descent" as a cure for exploding gradients. The batch \
    size decides how noisy each step's gradient is; it does not decide whether gradient descent \
    blows up. That is decided by the step size η against the curvature λ of the loss: on a \
    quadratic, GD converges exactly when η < 2/λ_max (theory §7). This lesson measures both: \
    the noise against the batch size, the exact threshold on real data, what a step far below it \
    costs, a grid of batch sizes and step sizes, and a deep net that settles at the edge of \
    stability.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: BatchGDConfiguration, in notebook: Notebook) throws -> [Claim] {
    let (train, _) = try Digits.trainTestSplit(seed: config.seed)
    let comparison = stepComparison(config, train: train, in: notebook)
    let noise = stepNoise(config, train: train, in: notebook)
    let problem = try digitsProblem(train)
    let threshold = stepThreshold(config, problem: problem, in: notebook)
    let slow = stepSlowSteps(config, problem: problem, in: notebook)
    let grid = stepGrid(config, problem: problem, in: notebook)
    let stability = stepEdgeOfStability(config, train: train, in: notebook)
    return BatchGDClaims.claims(
      config, comparison: comparison, noise: noise, threshold: threshold, slow: slow, grid: grid,
      stability: stability, in: notebook)
  }

  /// The linear least-squares problem on the training digits: one-hot targets, ½-mean loss.
  package static func digitsProblem(_ train: Dataset) throws -> QuadraticThreshold.Problem {
    guard case .values(let targets) = train.oneHotTargets,
      let problem = QuadraticThreshold.Problem(inputs: train.inputs, targets: targets)
    else { throw ConfigurationError("the digits least-squares problem could not be decomposed") }
    return problem
  }
}
