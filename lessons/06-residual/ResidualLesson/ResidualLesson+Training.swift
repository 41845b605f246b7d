import Charts
import ExperimentKit
import LessonKit
import NeuralNet
import Notebook
import Theory

extension ResidualLesson {
  /// `main` (the lesson's own seed's nets) repeated for the other seeds of
  /// `config.trainingSeeds`, each net at its own step size, one run per core (`ParallelSweep`);
  /// then a table of test accuracy over the seeds and a record per net.
  static func overSeeds(
    _ main: [TrainedArchitecture], _ config: ResidualConfiguration, train: Dataset, test: Dataset,
    in notebook: Notebook
  ) -> ArchitecturesOverSeeds {
    let more = config.trainingSeeds - 1
    let overSeeds = notebook.experiment("the same \(main.count) nets for \(more) more seeds", total: more * main.count)
    {
      progress in
      ArchitecturesOverSeeds.extending(main, config, seeds: config.trainingSeeds, progress: progress.update) {
        seeded, r in
        main[r].architecture.train(
          depth: main[r].depth, seeded, train: train, test: test, learningRate: main[r].learningRate)
      }
    }
    let seeds = overSeeds.seeds
    notebook.table(
      Table(
        headers: ["net", "η", "went non-finite", "final loss (last 20)", "test accuracy"],
        rows: main.map { r in
          [
            r.architecture.rawValue, Format.number(r.learningRate),
            "\(overSeeds.nonFiniteCount(r.architecture)) of \(seeds.count)",
            overSeeds.spread(r.architecture, \.finalLoss).map { Format.spread($0) } ?? "–",
            overSeeds.spread(r.architecture, \.testAccuracy).map { Format.spread($0, Format.percent) } ?? "–",
          ]
        }),
      caption:
        """
        The same nets over \(seeds.count) seeds (weights and batch order: \
        \(seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” where a run went \
        non-finite.
        """
    )
    for r in main {
      notebook.recordRun(
        "train_\(r.architecture.recordName)_depth\(r.depth)_over_seeds",
        [("nonfinite_seeds", Double(overSeeds.nonFiniteCount(r.architecture))), ("learning_rate", r.learningRate)],
        extra: [
          ("seeds", .seeds(seeds)),
          ("final_loss", overSeeds.spread(r.architecture, \.finalLoss).map(JSONValue.spread) ?? .null),
          ("test_accuracy", overSeeds.spread(r.architecture, \.testAccuracy).map(JSONValue.spread) ?? .null),
        ])
    }
    return overSeeds
  }

  /// Trains every architecture of `list`, one per core (`ParallelSweep`), and shows the table and
  /// the loss chart.
  static func trainAndShow(
    _ list: [Architecture], depth: Int, chart: String, title: String, _ config: ResidualConfiguration, train: Dataset,
    test: Dataset, in notebook: Notebook
  ) -> [TrainedArchitecture] {
    let runs = notebook.experiment("\(list.count) nets", total: list.count) { progress in
      ParallelSweep.map(list.count, progress: progress.update) {
        list[$0].train(depth: depth, config, train: train, test: test)
      }
    }
    let shown = TrainingRuns(runs.map { ($0.architecture.rawValue, $0.history, $0.testAccuracy) })
    notebook.table(
      shown.table(nameHeader: "net (\(depth) weight layers)", finalLossOver: 20),
      caption:
        """
        Same seed, same mini-batches, SGD with η = \(Format.number(config.learningRate)), \
        \(config.steps) steps of \(config.batchSize). ln 10 = 2.303 is chance.
        """
    )
    notebook.chart(
      Chart(
        name: chart, title: title, xLabel: "SGD step", yLabel: "mini-batch loss", logY: true,
        series: shown.series(style: { runs[$0].history.steps.count < 10 ? .points : .line }, \.loss),
        markers: shown.nonFiniteMarkers),
      caption: "A marker is the first NaN or Inf.")
    for r in runs {
      notebook.recordRun(
        "train_\(r.architecture.recordName)_depth\(r.depth)",
        [
          ("final_loss", r.finalLoss), ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
          ("max_grad_norm", r.history.maxGradientNorm), ("test_accuracy", r.testAccuracy),
        ])
    }
    return runs
  }

  // MARK: .training

  /// Step `.training`: plain vs residual, with and without batch norm, on the digits; the plain net also at
  /// the step sizes of `config.plainLearningRates`, and compared at its best.
  static func stepTraining(
    _ config: ResidualConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> ArchitecturesOverSeeds {
    notebook.step(.training, "Training plain and residual nets of \(config.depth) layers") {
      let rates = config.plainLearningRates.filter { $0 != config.learningRate }
      notebook.prose(
        """
        The four nets of \(notebook.reference(.gradientsByDepth)) at \(config.depth) weight layers, trained \
        on the 8×8 digits. One more thing could favour the residual net: a step size chosen for it. \
        So the plain net is also trained at η = \(rates.map { Format.number($0) }.joined(separator: ", ")), \
        and the comparison uses its best run (the lowest final training loss).
        """)
      notebook.comparison(
        differs: "the skip connections and batch norm; and the plain net's step size, chosen from the grid",
        same: [
          "seed", "mini-batches", "He-normal hidden layers", "Xavier-normal readout",
          "\(config.steps) SGD steps of \(config.batchSize)",
        ])
      var runs = trainAndShow(
        compared, depth: config.depth, chart: "training-by-architecture",
        title: "\(config.depth) weight layers on digits: plain vs residual", config, train: train, test: test,
        in: notebook)
      let grid = notebook.experiment("plain net at \(rates.count) more step sizes", total: rates.count) { progress in
        ParallelSweep.map(rates.count, progress: progress.update) {
          Architecture.plain.train(depth: config.depth, config, train: train, test: test, learningRate: rates[$0])
        }
      }
      let plainRuns = runs.filter { $0.architecture == .plain } + grid
      notebook.table(
        Table(
          headers: ["plain net, η", "first non-finite", "final loss (last 20)", "test accuracy"],
          rows: plainRuns.map { r in
            [
              Format.number(r.learningRate), r.history.nonFinite.map { "\($0)" } ?? "none",
              r.finalLoss.isFinite ? Format.number(r.finalLoss) : "–",
              r.testAccuracy.isFinite ? Format.percent(r.testAccuracy) : "–",
            ]
          }),
        caption: "The plain \(config.depth)-layer net at each step size: same seed, same mini-batches.")
      for r in grid {
        notebook.recordRun(
          "train_plain_depth\(r.depth)_lr\(Format.number(r.learningRate))",
          [
            ("learning_rate", r.learningRate), ("final_loss", r.finalLoss),
            ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }), ("test_accuracy", r.testAccuracy),
          ])
      }
      let bestPlain = plainRuns.filter { $0.finalLoss.isFinite }.min { $0.finalLoss < $1.finalLoss } ?? plainRuns.first
      if let bestPlain, let index = runs.firstIndex(where: { $0.architecture == .plain }) { runs[index] = bestPlain }
      let overSeeds = Self.overSeeds(runs, config, train: train, test: test, in: notebook)
      let accuracy: (Architecture) -> String = { a in
        overSeeds.accuracy(a).map { Format.spread($0, Format.percent) } ?? "–"
      }
      let allRates = plainRuns.map(\.learningRate)
      let edge =
        bestPlain.map { best in
          best.learningRate == allRates.min() || best.learningRate == allRates.max()
            ? " (an end of the grid: another step size might do better still)" : ""
        } ?? ""
      let plainAccuracy = overSeeds.accuracy(.plain)
      let residualAccuracy = overSeeds.accuracy(.residual)
      let verdict =
        if let p = plainAccuracy, let r = residualAccuracy, r.min > p.max {
          """
          The residual net's worst seed beats the plain net's best: a net whose first layers receive a \
          useful gradient trains; depth alone does not make a net better.
          """
        } else if let p = plainAccuracy, let r = residualAccuracy, r.mean > p.mean {
          "The residual net does better on average, but the seeds overlap."
        } else {
          "Here the residual net does not do better than the plain one."
        }
      notebook.prose(
        """
        The plain net's best step size is η = \(bestPlain.map { Format.number($0.learningRate) } ?? "–")\(edge), \
        where it reaches \(accuracy(.plain)) test accuracy over \(overSeeds.seeds.count) seeds; the \
        residual net reaches \(accuracy(.residual)) at η = \(Format.number(config.learningRate)). \(verdict)
        """)
      return overSeeds
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ResidualLesson.outline`).
  static let training: StepID = "training"
}
