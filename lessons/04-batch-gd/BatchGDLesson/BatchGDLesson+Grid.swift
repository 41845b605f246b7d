import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchGDLesson {
  // MARK: .grid

  /// Step `.grid`: the (batch size, learning rate) grid.
  static func stepGrid(
    _ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem, in notebook: Notebook
  ) -> [StabilityGrid.Cell] {
    notebook.step(.grid, "Explosion is about η·λ, not the batch size") {
      let n = problem.inputs.rows
      notebook.prose(
        """
        The same least-squares problem, trained for \(config.gridSteps) steps with batch sizes \
        \(config.gridBatchSizes.map(String.init).joined(separator: ", ")) and \(n) (full batch) at \
        η = \(config.gridRates.map { Format.number($0) }.joined(separator: ", ")) × 2/λ_max. A run \
        diverged if its final loss on all the data is above the starting loss or not finite.
        """)
      let total = (config.gridBatchSizes.filter { $0 < n }.count + 1) * config.gridRates.count
      let cells = notebook.experiment("\(total) runs", total: total) { progress in
        StabilityGrid.run(config, problem: problem, progress: progress.update)
      }
      let sizes = Array(Set(cells.map(\.batchSize))).sorted()
      notebook.table(
        Table(
          headers: ["η / (2/λ_max)"] + sizes.map { $0 == n ? "full batch" : "B = \($0)" },
          rows: config.gridRates.map { rate in
            [Format.number(rate)]
              + sizes.map { b in
                cells.first { $0.batchSize == b && $0.rateMultiple == rate }.map {
                  $0.diverged ? "diverged" : "converged"
                }
                  ?? "–"
              }
          }))
      let converged = cells.filter { !$0.diverged }
      let diverged = cells.filter(\.diverged)
      notebook.chart(
        Chart(
          name: "stability-grid", title: "Converged or diverged, by batch size and step size",
          xLabel: "batch size", yLabel: "η / (2/λ_{max})", logX: true,
          series: [
            Series(
              title: "converged", x: converged.map { Double($0.batchSize) }, y: converged.map(\.rateMultiple),
              style: .points, colorGroup: 2),
            Series(
              title: "diverged", x: diverged.map { Double($0.batchSize) }, y: diverged.map(\.rateMultiple),
              style: .points, colorGroup: 1),
            Series(
              title: "η = 2/λ_{max}", x: [Double(sizes.first!), Double(n)], y: [1, 1], style: .dashed, colorGroup: 7),
          ]),
        caption: Self.stabilityCaption(cells, examples: n)
      )
      let largestConverged = StabilityGrid.largestConverging(cells, batchSize: n) ?? 0
      let smallestDiverged = StabilityGrid.smallestDiverging(cells, batchSize: n) ?? .infinity
      let boundary = (largestConverged + smallestDiverged) / 2
      let spacing = (smallestDiverged - largestConverged) / 2
      notebook.check([
        TheoryCheck(
          name: "full batch: boundary between converged and diverged, in units of 2/λ_max", measured: boundary,
          predicted: 1, tolerance: .absolute(spacing.isFinite ? spacing : 0.1), source: "theory §7")
      ])
      for c in cells {
        notebook.recordRun(
          "grid_b\(c.batchSize)_eta\(Format.number(c.rateMultiple))",
          [("final_loss", c.finalLoss), ("diverged", c.diverged ? 1 : 0)])
      }
      return cells
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchGDLesson.outline`).
  static let grid: StepID = "grid"
}
