import NeuralNet
import Notebook

/// Lesson 5, "clipping": the recurrent nets where exploding gradients were first studied, the
/// condition for vanishing and exploding (Pascanu, Mikolov & Bengio 2013, docs/theory.md §6), and what
/// clipping by norm and by value do and do not do. The steps live in `ClippingLesson+*.swift`.
package enum ClippingLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "clipping"
  /// The lesson's title.
  package static let title = "Lesson 5 · Gradient clipping, and the recurrent nets where explosions are born"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .singleUnit, .condition, .unclipped, .sweep, .direction, .deepNetwork, .claims, .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: ClippingConfiguration) -> String {
    """
    The documents recommend gradient clipping against exploding gradients. Its home is the \
    recurrent network: Pascanu, Mikolov & Bengio (2013) showed why back-propagation through time \
    explodes, when it must vanish, and proposed clipping the gradient's norm (theory §6). This \
    lesson builds a vanilla RNN with BPTT, makes it blow up on Hochreiter & Schmidhuber's adding \
    problem, and measures what clipping by norm and by value change, and what they leave alone.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: ClippingConfiguration, in notebook: Notebook) throws -> [Claim] {
    _ = stepSingleUnit(config, in: notebook)
    _ = stepCondition(config, in: notebook)
    let test = config.testSet()
    let unclipped = stepUnclipped(config, test: test, in: notebook)
    let sweep = stepSweep(config, test: test, in: notebook)
    let direction = stepDirection(config, sweep: sweep, test: test, in: notebook)
    let deep = try stepDeepNetwork(config, in: notebook)
    return ClippingClaims.claims(
      config, unclipped: unclipped, sweep: sweep, direction: direction, deep: deep, in: notebook)
  }
}
