import Charts
import NeuralNet
import Notebook

/// What every lesson shows of a set of training runs, whichever trainer ran them: one table row
/// per run (where it went non-finite, its gradient norm at initialization and at worst, its final
/// loss and test accuracy), a marker where a run first produced a NaN or Inf, and a curve per run
/// by step.
public struct TrainingRuns<History: TrainingLog> {
  /// The runs in table and legend order: name, every step's record, test accuracy (NaN after a
  /// non-finite run, or when the runs have no test accuracy).
  public var runs: [(name: String, history: History, testAccuracy: Double)]

  /// The runs to show.
  public init(_ runs: [(name: String, history: History, testAccuracy: Double)]) { self.runs = runs }

  /// Runs without a test accuracy (their curves and markers; the table shows "–").
  public init(_ runs: [(name: String, history: History)]) {
    self.runs = runs.map { ($0.name, $0.history, .nan) }
  }

  /// A marker "NAME: non-finite at step S" at the first non-finite step of each run that had one.
  public var nonFiniteMarkers: [Marker] {
    runs.compactMap { run in
      run.history.nonFiniteStep.map { Marker(x: Double($0), label: "\(run.name): non-finite at step \($0)") }
    }
  }

  /// One series per run of `value` against the SGD step, in the runs' colors; `style` picks run
  /// i's line style (a line by default).
  public func series(style: (Int) -> Series.Style = { _ in .line }, _ value: (History.Measurement) -> Double)
    -> [Series]
  {
    runs.enumerated().map { i, run in
      Series(
        title: run.name, x: run.history.steps.map { Double($0.step) }, y: run.history.steps.map(value),
        style: style(i), colorGroup: i)
    }
  }
}

extension TrainingRuns where History == TrainingHistory {
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
}
