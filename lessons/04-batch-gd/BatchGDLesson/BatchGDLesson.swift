import NeuralNet
import Notebook

/// Lesson 4, "batch-gd": what the batch size changes (the gradient's noise) and what makes gradient
/// descent blow up (the step size against the curvature), with a threshold a student can predict
/// (docs/theory.md §7). The steps live in `BatchGDLesson+*.swift`.
public enum BatchGDLesson {
  /// The lesson's name: its executable and its output folder.
  public static let name = "batch-gd"
  /// The lesson's title.
  public static let title =
    "Lesson 4 · Full-batch, mini-batch and stochastic gradient descent, and the step that explodes"

  /// The steps, in order (the runner numbers them).
  public static let outline: Outline = [.comparison, .noise, .threshold, .grid, .edgeOfStability, .claims, .exercises]

  /// Runs every step into `notebook` and returns the exit status from `finish()`.
  public static func run(_ config: BatchGDConfiguration, in notebook: Notebook) throws -> Int32 {
    let (train, _) = try Digits.trainTestSplit(seed: config.seed)
    notebook.introduction(
      """
      The documents present "batch gradient descent" as a cure for exploding gradients. The batch \
      size decides how noisy each step's gradient is; it does not decide whether gradient descent \
      blows up. That is decided by the step size η against the curvature λ of the loss: on a \
      quadratic, GD converges exactly when η < 2/λ_max (theory §7). This lesson measures both: \
      the noise against the batch size, the exact threshold on real data, a grid of batch sizes \
      and step sizes, and a deep net that settles at the edge of stability.
      """)
    notebook.outline(outline)
    let comparison = stepComparison(config, train: train, in: notebook)
    let noise = stepNoise(config, train: train, in: notebook)
    let problem = try digitsProblem(train)
    let threshold = stepThreshold(config, problem: problem, in: notebook)
    let grid = stepGrid(config, problem: problem, in: notebook)
    let stability = stepEdgeOfStability(config, train: train, in: notebook)
    notebook.step(.claims, "The documents' claims, measured") {
      notebook.prose(
        "Each claim below is quoted from one of the five documents ([docs/documents.md](../../docs/documents.md)) and judged by this lesson's own numbers."
      )
      notebook.claims(
        BatchGDClaims.claims(
          config, comparison: comparison, noise: noise, threshold: threshold, grid: grid, stability: stability,
          in: notebook))
    }
    notebook.step(.exercises, "Exercises") {
      notebook.prose(
        "Answer with a number; the lesson checks it against a real run or the theory and says why.")
      notebook.exercises(BatchGDExercises.all(config, problem: problem))
    }
    return try notebook.finish()
  }

  /// The linear least-squares problem on the training digits: one-hot targets, ½-mean loss.
  public static func digitsProblem(_ train: Dataset) throws -> QuadraticThreshold.Problem {
    guard case .values(let targets) = train.oneHotTargets,
      let problem = QuadraticThreshold.Problem(inputs: train.inputs, targets: targets)
    else { throw ConfigurationError("the digits least-squares problem could not be decomposed") }
    return problem
  }
}

extension StepID {
  /// Step ids of lesson 4, in order.
  static let comparison: StepID = "comparison"
  static let noise: StepID = "noise"
  static let threshold: StepID = "threshold"
  static let grid: StepID = "grid"
  static let edgeOfStability: StepID = "edge-of-stability"
}
