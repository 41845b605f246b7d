import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
  // MARK: .depthSweep

  /// Step `.depthSweep`: ‖g₁‖/‖g_L‖ against depth L for each init × nonlinearity.
  static func stepDepthSweep(
    _ config: InitializationConfiguration, batch: Dataset, in notebook: Notebook
  ) -> [InitProfiles.DepthSweep] {
    notebook.step(.depthSweep, "Depth sweep: the first-to-last gradient ratio against depth") {
      let depths = config.sweepDepths.map(String.init).joined(separator: ", ")
      notebook.prose(
        """
        A per-layer factor f compounds: after L layers the ratio ‖g₁‖/‖g_L‖ is about f^(L−1), a \
        straight line on a log scale whose slope is log f. We build nets of depth \(depths) for \
        each init and nonlinearity (naive is left out: it overflows before depth 20) and fit the \
        slope of log ratio against depth.
        """)
      let total = config.activations.count * InitProfiles.sweepInits(config).count * config.sweepDepths.count
      let sweeps = notebook.experiment("\(total) networks", total: total) { progress in
        InitProfiles.depthSweep(config, batch: batch, progress: progress.update)
      }
      for activation in config.activations {
        let cases = sweeps.filter { $0.activation == activation }
        notebook.chart(
          Chart(
            name: "depth-sweep-\(activation.name.lowercased())",
            title: "‖g_1‖/‖g_L‖ against depth, \(activation.name) (width \(config.width))",
            xLabel: "depth L (hidden layers)", yLabel: "‖∂L/∂h_1‖ / ‖∂L/∂h_L‖", logY: true,
            series: cases.enumerated().flatMap { i, sweep in
              let x = sweep.depths.map(Double.init)
              return [
                Series(title: sweep.choice.name, x: x, y: sweep.measuredRatio, style: .linePoints, colorGroup: i),
                Series(title: "", x: x, y: sweep.predictedRatio, style: .dashed, colorGroup: i),
              ]
            }),
          caption: "Points: one measured network per depth; dashed: the theory. A horizontal line is a good init.")
      }
      notebook.table(
        Table(
          headers: [
            "φ", "init", "factor/layer (fit over depths)", "predicted", "ratio at L = \(config.sweepDepths.last!)",
            "predicted",
          ],
          rows: sweeps.map { s in
            [
              s.activation.name, s.choice.name, Format.number(s.measuredFactor), Format.number(s.predictedFactor),
              Format.number(s.measuredRatio.last!), Format.number(s.predictedRatio.last!),
            ]
          }))
      notebook.check(
        sweeps.map { s in
          TheoryCheck(
            name: "slope of log ratio vs depth (as a factor), \(s.activation.name), \(s.choice.name)",
            measured: s.measuredFactor, predicted: s.predictedFactor, tolerance: .relative(s.tolerance),
            source: s.activation == .tanh || s.activation == .sigmoid ? "theory §4" : "theory §1")
        })
      for s in sweeps {
        notebook.recordRun(
          "sweep_\(s.activation.name.lowercased())_\(s.choice.rawValue)",
          [
            ("fitted_factor", s.measuredFactor), ("predicted_factor", s.predictedFactor),
            ("deepest_ratio", s.measuredRatio.last!), ("deepest_predicted_ratio", s.predictedRatio.last!),
          ])
      }
      return sweeps
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let depthSweep: StepID = "depth-sweep"
}
