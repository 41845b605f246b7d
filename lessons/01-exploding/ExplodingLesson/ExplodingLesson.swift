import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

/// Lesson 1, "exploding": what the documents call gradient explosion, reproduced and explained
/// with numbers. Read top to bottom like a notebook: each step says what is about to happen, runs
/// it, and shows the result next to the theory (docs/theory.md §1).
package enum ExplodingLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "exploding"
  /// The lesson's title.
  package static let title = "Lesson 1 · Exploding gradients: what they are, measured"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .products, .naive, .profiles, .training, .midTraining, .remedies, .claims, .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: ExplodingConfiguration) -> String {
    let depth = config.depth
    return """
      The documents this project grew from say that gradients "explode" in deep networks because \
      there is "too much computation" or "too many parameters". This lesson measures what really \
      happens. Backpropagation multiplies one Jacobian per layer, so the size of a gradient is a \
      product of \(depth) factors; if each factor is a little above 1 the product explodes, a \
      little below 1 it vanishes. The theory (theory §1) predicts the factor exactly, and every \
      step below prints its prediction next to the measurement.
      """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: ExplodingConfiguration, in notebook: Notebook) throws -> [Claim] {
    let (train, test) = try ExplodingExperiments.digitsSplit(seed: config.seed)
    stepProducts(config, in: notebook)
    let overflow = stepNaive(config, train: train, in: notebook)
    let profiles = stepProfiles(config, train: train, in: notebook)
    let runs = stepTraining(config, train: train, test: test, in: notebook)
    let midTraining = stepMidTraining(config, train: train, test: test, in: notebook)
    let remedies = stepRemedies(config, train: train, test: test, without: midTraining, in: notebook)
    return ExplodingClaims.claims(
      config, overflow: overflow.result, prediction: overflow.prediction, profiles: profiles, training: runs,
      midTraining: midTraining, remedies: remedies, in: notebook)
  }
}
