import Theory
import LessonKit
import NeuralNet
import Notebook

/// Lesson 2, "initialization": why Xavier, He and orthogonal inits work, where the edge of chaos
/// lies, and what finite width and the all-zero init do, each measured next to its prediction
/// (docs/theory.md §1–4, §10). The steps live in `InitializationLesson+*.swift`, one file per theme.
package enum InitializationLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "initialization"
  /// The lesson's title.
  package static let title = "Lesson 2 · Initialization: Xavier, He, orthogonal and the edge of chaos"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .variance, .depthSweep, .glorotBengio, .heTraining, .edgeOfChaos, .spectrum, .finiteWidth, .symmetry, .claims,
    .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: InitializationConfiguration) -> String {
    """
    "Use a good weight initialization", the documents advise, without saying what makes one good. \
    This lesson gives the reason and the numbers. Backpropagation multiplies the gradient by one \
    Jacobian per layer; a good init makes each of those Jacobians preserve the gradient's size on \
    average: σ_w²·E[φ'(h)²] = 1 (theory §1). We measure that factor for five inits and three \
    nonlinearities, reproduce Glorot & Bengio (2010) and He et al. (2015), map the edge of chaos \
    of Poole et al. (2016) and Schoenholz et al. (2017), compare orthogonal and Gaussian spectra \
    (Saxe et al. 2014), and show what finite width and the all-zero init do. Every prediction \
    is printed next to its measurement.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: InitializationConfiguration, in notebook: Notebook) throws -> [Claim] {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    let batch = train.subset(0..<Swift.min(config.measurementBatch, train.count))
    let profiles = stepVarianceArgument(config, batch: batch, in: notebook)
    let sweeps = stepDepthSweep(config, batch: train.subset(0..<Swift.min(128, train.count)), in: notebook)
    stepGlorotBengio(config, batch: batch.standardized(), in: notebook)
    let heRuns = stepHeTraining(config, train: train, test: test, in: notebook)
    stepEdgeOfChaos(config, batch: batch, in: notebook)
    stepSpectrum(config, in: notebook)
    let finiteWidth = stepFiniteWidth(config, example: train.subset(0..<1), in: notebook)
    let symmetry = stepSymmetry(config, train: train, test: test, in: notebook)

    return InitializationClaims.claims(
      config, profiles: profiles, sweeps: sweeps, heRuns: heRuns, finiteWidth: finiteWidth, symmetry: symmetry,
      in: notebook)
  }

}
