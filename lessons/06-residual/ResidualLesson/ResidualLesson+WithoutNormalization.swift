import Charts
import ExperimentKit
import LessonKit
import NeuralNet
import Notebook
import Theory

extension ResidualLesson {
  // MARK: .withoutNormalization

  /// Step `.withoutNormalization`: 100 layers without normalization: α = 1, α = 1/√L, Fixup and SkipInit.
  static func stepWithoutNormalization(
    _ config: ResidualConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> ArchitecturesOverSeeds {
    notebook.step(
      .withoutNormalization, "Training \(config.deepDepth) layers without normalization: Fixup and SkipInit"
    ) {
      notebook.prose(
        """
        Without batch norm, a residual net must control its growth at init by itself. Four nets of \
        \(config.deepDepth / 2) two-layer blocks: α = 1 with the standard init (the squared norm \
        doubles per block), α = 1/√L, Fixup (Zhang et al. 2019: the last layer of every branch and \
        the classifier set to zero, the other branch layers scaled by L^(−1/(2m−2)) = 1/√L), and \
        SkipInit/ReZero (De & Smith 2020; Bachlechner et al. 2020: a learned scalar α per block, \
        starting at 0).
        """)
      notebook.comparison(
        differs: "the branch scale α and the init of the residual blocks",
        same: [
          "\(config.deepDepth / 2) two-layer blocks", "seed", "mini-batches",
          "η = \(Format.number(config.learningRate))",
          "\(config.steps) steps",
        ])
      let runs = trainAndShow(
        [.residualUnscaled, .residual, .fixup, .skipInit], depth: config.deepDepth,
        chart: "training-without-normalization",
        title: "\(config.deepDepth) weight layers, no normalization", config, train: train, test: test, in: notebook)
      return Self.overSeeds(runs, config, train: train, test: test, in: notebook)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ResidualLesson.outline`).
  static let withoutNormalization: StepID = "without-normalization"
}
