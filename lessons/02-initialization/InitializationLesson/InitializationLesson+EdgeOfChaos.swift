import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
  /// σ_b² and the critical σ_w² of tanh listed in docs/theory.md §4.
  static let publishedCriticalPoints: [(biasVariance: Double, weightVariance: Double)] = [
    (0, 1), (0.0025, 1.2601), (0.01, 1.4242), (0.05, 1.7610), (0.1, 1.9861),
  ]

  // MARK: .edgeOfChaos

  /// Step `.edgeOfChaos`: the edge of chaos for tanh with biases, computed and measured.
  static func stepEdgeOfChaos(_ config: InitializationConfiguration, batch: Dataset, in notebook: Notebook) {
    notebook.step(.edgeOfChaos, "The edge of chaos: tanh with biases") {
      let bias2 = config.biasVariance
      notebook.prose(
        """
        With biases b ~ N(0, σ_b²) there is no single "right" σ_w² for tanh. The mean-field theory \
        (theory §4) iterates the length map q ← σ_w²·E[tanh(√q·z)²] + σ_b² to its fixed point \
        q*, and the gradient factor per layer is χ₁ = σ_w²·E[tanh'(√q*·z)²]. χ₁ < 1 is the ordered \
        phase (gradients vanish, over a depth scale ξ = −1/ln χ₁), χ₁ > 1 the chaotic phase \
        (they explode); the edge of chaos χ₁ = 1 is a curve σ_w²(σ_b²). Gaussian expectations are \
        computed with 100-node Gauss–Hermite quadrature. First the theory's critical points against \
        those theory §4 lists, then the phase diagram, then real \(config.depth)-layer tanh nets at \
        σ_b² = \(Format.number(bias2)) on both sides of the line.
        """)
      let critical = publishedCriticalPoints.map {
        ($0, MeanField.criticalWeightVariance(.tanh, biasVariance: $0.biasVariance))
      }
      notebook.table(
        Table(
          headers: ["σ_b²", "critical σ_w² computed", "theory §4"],
          rows: critical.map {
            [Format.number($0.0.biasVariance), Format.number($0.1, digits: 6), Format.number($0.0.weightVariance)]
          }))
      notebook.check(
        critical.map {
          TheoryCheck(
            name: "tanh critical σ_w² at σ_b² = \(Format.number($0.0.biasVariance))", measured: $0.1,
            predicted: $0.0.weightVariance, tolerance: .absolute(1e-3), source: "theory §4")
        })

      let columns = config.quick ? 24 : 36
      let rows = config.quick ? 14 : 26
      let diagram = notebook.experiment("phase diagram, \(columns)×\(rows) points", total: 1) { progress in
        defer { progress.update(1) }
        return EdgeOfChaos.phaseDiagram(depth: config.depth, columns: columns, rows: rows)
      }
      let gains2 = config.edgeOfChaosGains2
      let points = notebook.experiment("\(gains2.count) tanh nets × \(config.networksPerCase)", total: gains2.count) {
        progress in
        EdgeOfChaos.measure(config, gains2: gains2, depth: config.depth, batch: batch, progress: progress.update)
      }
      notebook.chart(
        Chart(
          name: "edge-of-chaos-phase",
          title: "tanh phase diagram: log10 of the gradient growth over \(config.depth) layers, χ₁^(L/2)",
          xLabel: "σ_w²", yLabel: "σ_b²",
          series: [
            Series(
              title: "edge of chaos χ₁ = 1", x: diagram.criticalGains2, y: diagram.biases2, style: .dashed,
              colorGroup: 7),
            Series(
              title: "measured nets", x: points.map(\.gain2), y: points.map(\.bias2), style: .points, colorGroup: 1),
          ],
          heatmap: Heatmap(
            xValues: diagram.gains2, yValues: diagram.biases2, values: diagram.values,
            colorLabel: "log10 χ₁^(L/2)", colorRange: -6...6)),
        caption:
          "Blue: ordered (gradients vanish); red: chaotic (they explode); the dashed line is χ₁ = 1. Dots: the nets measured below."
      )
      let layers = (1...config.depth).map(Double.init)
      notebook.chart(
        Chart(
          name: "edge-of-chaos-gradients", title: "Gradient norm by layer, tanh, σ_b² = \(Format.number(bias2))",
          xLabel: "hidden layer l", yLabel: "‖∂L/∂h_l‖", logY: true,
          series: points.enumerated().flatMap { i, p in
            [
              Series(
                title: "σ_w² = \(Format.number(p.gain2, digits: 3)), χ₁ = \(Format.number(p.chi1, digits: 3))",
                x: layers,
                y: p.gradientNorm, style: .line, colorGroup: i),
              Series(title: "", x: layers, y: p.predictedNorm, style: .dashed, colorGroup: i),
            ]
          }),
        caption: "Dashed: the mean-field profile from the digits' own q₁, including the first layers' approach to q*.")
      notebook.table(
        Table(
          headers: [
            "σ_w²", "σ_b²", "q*", "χ₁", "depth scale ξ", "factor/layer measured (l ≥ \(points.first?.fitFrom ?? 1))",
            "√χ₁",
          ],
          rows: points.map { p in
            let theory = MeanField(.tanh, weightVariance: p.gain2, biasVariance: p.bias2)
            return [
              Format.number(p.gain2), Format.number(p.bias2), Format.number(theory.fixedPoint ?? .nan),
              Format.number(p.chi1),
              abs(theory.gradientDepthScale) > 1e6 ? "∞" : Format.number(theory.gradientDepthScale),
              Format.number(p.measuredFactor),
              Format.number(p.predictedFactor),
            ]
          }),
        caption: "A negative depth scale means growth: |ξ| layers per factor e.")
      notebook.check(
        points.map { p in
          TheoryCheck(
            name:
              "tanh per-layer gradient factor, σ_w² = \(Format.number(p.gain2, digits: 3)), σ_b² = \(Format.number(p.bias2))",
            measured: p.measuredFactor, predicted: p.predictedFactor, tolerance: .relative(p.tolerance),
            source: "theory §4")
        })
      for p in points {
        notebook.recordRun(
          "edge_of_chaos_gain2_\(Format.number(p.gain2, digits: 3))",
          [("chi1", p.chi1), ("fitted_factor", p.measuredFactor), ("predicted_factor", p.predictedFactor)])
      }
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let edgeOfChaos: StepID = "edge-of-chaos"
}
