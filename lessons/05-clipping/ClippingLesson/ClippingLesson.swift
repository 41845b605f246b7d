import NeuralNet
import Notebook

/// Lesson 5, "clipping": the recurrent nets where exploding gradients were first studied, the
/// condition for vanishing and exploding (Pascanu, Mikolov & Bengio 2013, docs/theory.md §6), and what
/// clipping by norm and by value do and do not do. The steps live in `ClippingLesson+*.swift`.
public enum ClippingLesson {
  /// The lesson's name: its executable and its output folder.
  public static let name = "clipping"
  /// The lesson's title.
  public static let title = "Lesson 5 · Gradient clipping, and the recurrent nets where explosions are born"

  /// The steps, in order (the runner numbers them).
  public static let outline: Outline = [
    .singleUnit, .condition, .unclipped, .sweep, .direction, .deepNetwork, .claims, .exercises,
  ]

  /// Runs every step into `notebook` and returns the exit status from `finish()`.
  public static func run(_ config: ClippingConfiguration, in notebook: Notebook) throws -> Int32 {
    notebook.introduction(
      """
      The documents recommend gradient clipping against exploding gradients. Its home is the \
      recurrent network: Pascanu, Mikolov & Bengio (2013) showed why back-propagation through time \
      explodes, when it must vanish, and proposed clipping the gradient's norm (theory §6). This \
      lesson builds a vanilla RNN with BPTT, makes it blow up on Hochreiter & Schmidhuber's adding \
      problem, and measures what clipping by norm and by value change, and what they leave alone.
      """)
    notebook.outline(outline)
    _ = stepSingleUnit(config, in: notebook)
    _ = stepCondition(config, in: notebook)
    let test = config.testSet()
    let unclipped = stepUnclipped(config, test: test, in: notebook)
    let sweep = stepSweep(config, test: test, in: notebook)
    let direction = stepDirection(config, sweep: sweep, test: test, in: notebook)
    let deep = try stepDeepNetwork(config, in: notebook)
    notebook.step(.claims, "The documents' claims, measured") {
      notebook.prose(
        "Each claim below is quoted from one of the five documents ([docs/documents.md](../../docs/documents.md)) and judged by this lesson's own numbers."
      )
      notebook.claims(
        ClippingClaims.claims(
          config, unclipped: unclipped, sweep: sweep, direction: direction, deep: deep, in: notebook))
    }
    notebook.step(.exercises, "Exercises") {
      notebook.prose(
        "Answer with a number; the lesson checks it against a real run or the theory and says why.")
      notebook.exercises(ClippingExercises.all(config))
    }
    return try notebook.finish()
  }
}

extension StepID {
  /// Step ids of lesson 5, in order.
  static let singleUnit: StepID = "single-unit"
  static let condition: StepID = "condition"
  static let unclipped: StepID = "unclipped"
  static let sweep: StepID = "sweep"
  static let direction: StepID = "direction"
  static let deepNetwork: StepID = "deep-network"
}
