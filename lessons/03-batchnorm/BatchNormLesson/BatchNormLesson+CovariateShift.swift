import Charts
import ExperimentKit
import LessonKit
import NeuralNet
import Notebook
import Theory

extension BatchNormLesson {
  /// Internal covariate shift measured (Santurkar et al. 2018): the plain net, the BN net and the
  /// BN net with noise that shifts every layer's distribution each step; their ICS, their
  /// smoothness along the gradient and how well each trains.
  static func stepCovariateShift(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> SeedRuns<CovariateShift.Run> {
    let setup = config.shift
    return notebook.step(.covariateShift, "Internal covariate shift, measured") {
      notebook.prose(
        """
        Ioffe and Szegedy introduced batch norm to reduce "internal covariate shift": each layer's \
        inputs change while the layers before it learn, so each layer chases a moving target. The \
        documents repeat it: the purpose is "to reduce the effect of internal covariates on training \
        and improve the training result". Santurkar et al. (2018) measured it. For layer i they take \
        its weight gradient G_i on a batch, let the layers before it take their SGD step, and compute \
        the gradient again, G'_i, on the same batch: ICS_i = ‖G_i − G'_i‖ / ‖G_i‖ is how much layer i's \
        task changed because the layers that feed it moved (the cosine of G_i and G'_i says the same \
        as an angle). We measure it every \(setup.measureEvery) steps in three \(setup.depth)-layer \
        ReLU nets of width \(setup.width) (He init) trained with SGD at η = \
        \(Format.number(setup.learningRate)): plain, with batch norm before every ReLU, and with batch \
        norm followed by noise that moves every unit's distribution on purpose at every step (y = s·x \
        + m with s ~ U(\(Format.number(1 - setup.noiseScaleSpread)), \(Format.number(1 + setup.noiseScaleSpread))) \
        and m ~ U(−\(Format.number(setup.noiseShiftSpread)), \(Format.number(setup.noiseShiftSpread))) \
        per unit, redrawn each step: an internal covariate shift made larger than any net makes by \
        itself). If batch norm helps by removing that shift, the noisy net should lose the help. \
        Santurkar et al.'s other measure is the loss's smoothness along the gradient: from the \
        current weights, steps of k·η along −g for k = \
        \(setup.stepMultiples.map { Format.number($0) }.joined(separator: ", ")): the range of the \
        loss over those points, and the effective β-smoothness, the largest ‖∇L(W) − ∇L(W − k·η·g)‖ \
        / (k·η·‖g‖). All on one probe batch of \(setup.batchSize) training digits (theory §8).
        """)
      notebook.comparison(
        differs: "the net: plain, with batch norm, or with batch norm and per-step noise after it",
        same: [
          "weights (the same draw)", "batch order", "η = \(Format.number(setup.learningRate))",
          "\(setup.steps) steps of \(setup.batchSize)", "the probe batch of the measurements",
        ])
      let seeds = SeedSpread.seeds(from: config.seed, count: config.fixSeeds)
      let runs = notebook.experiment(
        "training \(CovariateShift.Net.allCases.count) nets × \(setup.steps) steps × \(seeds.count) seeds",
        total: seeds.count * CovariateShift.Net.allCases.count
      ) { progress in
        CovariateShift.overSeeds(
          setup, batchNorm: config.settings, train: train, test: test, seeds: seeds, progress: progress.update)
      }
      covariateShiftResults(setup, runs: runs, in: notebook)
      return runs
    }
  }

  /// A net's name in tables and legends.
  static func shiftNetName(_ net: CovariateShift.Net) -> String {
    switch net {
    case .plain: "plain"
    case .batchNorm: "batch norm"
    case .noisyBatchNorm: "batch norm + noise"
    }
  }

  /// The table, the charts, the verdict and the records of the covariate-shift step.
  static func covariateShiftResults(
    _ setup: CovariateShift.Setup, runs: SeedRuns<CovariateShift.Run>, in notebook: Notebook
  ) {
    let n = runs.seeds.count
    func spread(_ net: CovariateShift.Net, _ value: (CovariateShift.Run) -> Double) -> SeedSpread {
      SeedSpread(seeds: runs.seeds, values: runs.runs(net).map(value))
    }
    notebook.table(
      Table(
        headers: [
          "net", "final loss", "test accuracy", "ICS ‖G − G'‖/‖G‖ (median)", "cos(G, G')", "loss range along −g",
          "β-smoothness",
        ],
        rows: CovariateShift.Net.allCases.map { net in
          [
            shiftNetName(net), Format.spread(spread(net) { $0.finalLoss }),
            Format.spread(spread(net) { $0.testAccuracy }, Format.percent),
            Format.spread(spread(net) { $0.medianRelativeChange }), Format.spread(spread(net) { $0.medianCosine }),
            Format.spread(spread(net) { $0.medianLossVariation }),
            Format.spread(spread(net) { $0.medianBetaSmoothness }),
          ]
        }),
      caption:
        """
        Over \(n) seeds (\(runs.seeds.map(String.init).joined(separator: ", "))): mean (min–max) of \
        each run's median over its measurements (ICS and the cosine also over hidden layers \
        2–\(setup.depth) and the readout).
        """
    )
    let main = runs.main
    func series(_ value: (CovariateShift.Measurement) -> Double) -> [Series] {
      main.enumerated().map { index, run in
        Series(
          title: shiftNetName(run.net), x: run.measurements.map { Double($0.step) }, y: run.measurements.map(value),
          style: .linePoints, colorGroup: index)
      }
    }
    notebook.chart(
      Chart(
        name: "covariate-shift", title: "Internal covariate shift during training (median over layers)",
        xLabel: "SGD step", yLabel: "‖G_i − G'_i‖ / ‖G_i‖", logY: true,
        series: series { CovariateShift.Run.median($0.relativeChange) }),
      caption:
        """
        The lesson's seed (\(runs.seeds[0])); each point is the median over hidden layers \
        2–\(setup.depth) and the readout of how much a layer's gradient changes when the layers before \
        it take their step.
        """
    )
    notebook.chart(
      Chart(
        name: "loss-smoothness", title: "Effective β-smoothness along the gradient",
        xLabel: "SGD step", yLabel: "max ‖∇L(W) − ∇L(W − kηg)‖ / (kη‖g‖)", logY: true,
        series: series(\.betaSmoothness)),
      caption:
        """
        The lesson's seed; how fast the gradient turns along −g, over steps of k·η for k = \
        \(setup.stepMultiples.map { Format.number($0) }.joined(separator: ", ")). Lower is smoother.
        """
    )
    let compared = CovariateShift.Comparison(runs)
    func accuracy(_ net: CovariateShift.Net) -> String {
      Format.spread(spread(net) { $0.testAccuracy }, Format.percent)
    }
    func ics(_ net: CovariateShift.Net) -> String { Format.spread(spread(net) { $0.medianRelativeChange }) }
    notebook.prose(
      """
      **What the measurements say.** Batch norm ended at a lower loss than the plain net on \(compared.bnLowerLoss) \
      of \(n) seeds (\(Format.spread(spread(.batchNorm) { $0.finalLoss })) against \
      \(Format.spread(spread(.plain) { $0.finalLoss }))) and reached \(accuracy(.batchNorm)) test accuracy \
      against \(accuracy(.plain)). Its internal covariate shift was lower than the plain net's on \
      \(compared.bnLowerShift) of \(n) seeds, and at most \(Format.number(CovariateShift.clearReduction, digits: 2)) \
      of it (a third lower) on \(compared.bnClearlyLowerShift): BN's median ICS over the plain net's, seed by seed, \
      \(Format.spread(compared.shiftRatio)). With noise after every batch norm the shift was larger than batch norm's on \
      \(compared.noisyAboveBatchNorm) of \(n) seeds (\(ics(.noisyBatchNorm)) against \(ics(.batchNorm))) and larger than \
      the plain net's (\(ics(.plain))) on \(compared.noisyAbovePlain), yet the noisy net reached \
      \(accuracy(.noisyBatchNorm)) test accuracy, more than the plain net on \(compared.noisyMoreAccurate) of \(n) \
      seeds (its training loss, \(Format.spread(spread(.noisyBatchNorm) { $0.finalLoss })), is measured \
      with the noise on). Along the gradient, batch norm's loss varied less than the plain net's on \
      \(compared.bnFlatter) of \(n) seeds (a range of \(Format.spread(spread(.batchNorm) { $0.medianLossVariation })) \
      against \(Format.spread(spread(.plain) { $0.medianLossVariation }))) and its gradient turned more \
      slowly (a lower β-smoothness) on \(compared.bnSmoother) (\(Format.spread(spread(.batchNorm) { $0.medianBetaSmoothness })) \
      against \(Format.spread(spread(.plain) { $0.medianBetaSmoothness }))).
      """)
    for net in CovariateShift.Net.allCases {
      notebook.recordRun(
        "covariate_shift_\(net.rawValue)",
        [
          ("median_ics", spread(net) { $0.medianRelativeChange }.mean),
          ("median_cosine", spread(net) { $0.medianCosine }.mean),
          ("median_loss_variation", spread(net) { $0.medianLossVariation }.mean),
          ("median_beta_smoothness", spread(net) { $0.medianBetaSmoothness }.mean),
        ],
        extra: [
          ("seeds", .seeds(runs.seeds)), ("final_loss", .spread(spread(net) { $0.finalLoss })),
          ("test_accuracy", .spread(spread(net) { $0.testAccuracy })),
          ("ics", .spread(spread(net) { $0.medianRelativeChange })),
          ("beta_smoothness", .spread(spread(net) { $0.medianBetaSmoothness })),
        ])
    }
  }
}

extension StepID {
  /// Lesson 3's internal-covariate-shift step.
  static let covariateShift: StepID = "covariate-shift"
}
