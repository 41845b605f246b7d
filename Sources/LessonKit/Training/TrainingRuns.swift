import Charts
import NeuralNet
import Notebook

/// What every lesson shows of a set of SGD runs on the digits: one table row per run (where it
/// went non-finite, its gradient norm at initialization and at worst, its final loss and test
/// accuracy), a marker where a run first produced a NaN or Inf, and a curve per run by step.
public struct TrainingRuns {
  /// The runs in table and legend order: name, every step's record, test accuracy (NaN after a
  /// non-finite run).
  public var runs: [(name: String, history: TrainingHistory, testAccuracy: Double)]

  /// The runs to show.
  public init(_ runs: [(name: String, history: TrainingHistory, testAccuracy: Double)]) { self.runs = runs }

  /// The table "NAME | first non-finite | ‖g‖ at step 0 | max ‖g‖ | EXTRA… | final loss (last N) |
  /// test accuracy": the final loss is the mean of the last `finalLossOver` mini-batch losses;
  /// "–" stands for a value that is not finite. `extra` columns (a header and run i's cell) go
  /// after max ‖g‖.
  public func table(
    nameHeader: String = "run", finalLossOver: Int, extra: [(header: String, cell: (Int) -> String)] = []
  ) -> Table {
    Table(
      headers: [nameHeader, "first non-finite", "‖g‖ at step 0", "max ‖g‖"] + extra.map(\.header) + [
        "final loss (last \(finalLossOver))", "test accuracy",
      ],
      rows: runs.indices.map { i in
        let (name, history, accuracy) = runs[i]
        let finalLoss = history.meanLoss(overLast: finalLossOver)
        return [
          name, history.nonFinite.map { "\($0)" } ?? "none", Format.number(history.initialGradientNorm),
          Format.number(history.maxGradientNorm),
        ] + extra.map { $0.cell(i) } + [
          finalLoss.isFinite ? Format.number(finalLoss) : "–", accuracy.isFinite ? Format.percent(accuracy) : "–",
        ]
      })
  }

  /// A marker "NAME: non-finite at step S" at the first non-finite step of each run that had one.
  public var nonFiniteMarkers: [Marker] {
    runs.compactMap { run in
      run.history.nonFinite.map { Marker(x: Double($0.step), label: "\(run.name): non-finite at step \($0.step)") }
    }
  }

  /// One series per run of `value` against the SGD step, in the runs' colors; `style` picks run
  /// i's line style (a line by default).
  public func series(style: (Int) -> Series.Style = { _ in .line }, _ value: (StepRecord) -> Double) -> [Series] {
    runs.enumerated().map { i, run in
      Series(
        title: run.name, x: run.history.steps.map { Double($0.step) }, y: run.history.steps.map(value),
        style: style(i), colorGroup: i)
    }
  }
}
