import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
  // MARK: .spectrum

  /// The table's caption, computed from the products: how far below the edge the largest s²
  /// sits at each L, against how close the 95th percentile comes to its Fuss–Catalan value.
  static func spectrumCaption(_ gaussian: [JacobianSpectrum.Product], width: Int) -> String {
    func percent(_ x: Double) -> String { Format.percent(x) }
    let shortfalls = gaussian.map { g in
      (g.layers, 1 - g.meanLargest / RandomMatrixTheory.fussCatalanEdge(layers: g.layers))
    }
    let quantileErrors = gaussian.map { g in
      abs(g.quantile(0.95) / RandomMatrixTheory.fussCatalanQuantile(layers: g.layers, p: 0.95) - 1)
    }
    let below = shortfalls.map { "\(percent($0.1)) at L = \($0.0)" }.joined(separator: ", ")
    let largestShortfall = shortfalls.map(\.1).max() ?? .nan
    let worstQuantile = quantileErrors.max() ?? .nan
    return "At N = \(width) the largest s² sits below the edge by \(below). "
      + (worstQuantile < largestShortfall
        ? """
        The 95th percentile is within \(percent(worstQuantile)) of its Fuss–Catalan value at every L, \
        closer than the largest value, which is why the checks hold it.
        """
        : "The 95th percentile is within \(percent(worstQuantile)) of its Fuss–Catalan value at every L.")
  }

  /// Step `.spectrum`: the input-output Jacobian spectrum of deep linear nets, orthogonal vs Gaussian.
  static func stepSpectrum(_ config: InitializationConfiguration, in notebook: Notebook) {
    notebook.step(.spectrum, "Orthogonal vs Gaussian: the spectrum of a deep linear net's Jacobian") {
      let n = config.spectrumWidth
      notebook.prose(
        """
        A Gaussian init preserves the gradient norm on average, but only on average over directions. \
        The input-output Jacobian of a deep linear net is the product W_L⋯W₁. With orthogonal \
        matrices every singular value is exactly 1: every direction is preserved (Saxe et al. 2014). \
        With Gaussian N(0, 1/N) matrices the mean squared singular value is still 1, but the \
        spread grows with depth: the squared singular values follow the Fuss–Catalan law, variance \
        L, right edge (L+1)^(L+1)/L^L (theory §10). We multiply L = 1, 2, 5, 10 matrices of size \
        \(n) (\(config.spectrumTrials) products each) and take their singular values with LAPACK.
        """)
      let total = 2 * JacobianSpectrum.depths.count * config.spectrumTrials
      let products = notebook.experiment("\(total) products", total: 2 * JacobianSpectrum.depths.count) { progress in
        JacobianSpectrum.run(width: n, trials: config.spectrumTrials, seed: config.seed, progress: progress.update)
      }
      let gaussian = products.filter { !$0.orthogonal }
      let orthogonal = products.filter(\.orthogonal)
      notebook.table(
        Table(
          headers: [
            "L", "Gaussian: largest s²", "edge (L+1)^(L+1)/L^L", "95th percentile", "Fuss–Catalan", "variance", "L",
            "orthogonal: max |s² − 1|",
          ],
          rows: zip(gaussian, orthogonal).map { g, o in
            [
              "\(g.layers)", Format.number(g.meanLargest),
              Format.number(RandomMatrixTheory.fussCatalanEdge(layers: g.layers)),
              Format.number(g.quantile(0.95)),
              Format.number(RandomMatrixTheory.fussCatalanQuantile(layers: g.layers, p: 0.95)),
              Format.number(g.variance),
              "\(g.layers)", Format.number(o.maxDeviationFromOne),
            ]
          }),
        caption: Self.spectrumCaption(gaussian, width: n)
      )
      let shown = gaussian.first { $0.layers == 5 } ?? gaussian.last!
      let edge = RandomMatrixTheory.fussCatalanEdge(layers: shown.layers)
      let bins = 60
      let histogram = JacobianSpectrum.histogram(shown.squaredSingularValues, upper: edge * 1.05, bins: bins)
      let orthogonalShown = orthogonal.first { $0.layers == shown.layers } ?? orthogonal.last!
      // Orthogonal products put all their mass in the bin that holds s² = 1: drawn as a spike.
      let orthogonalSpike =
        JacobianSpectrum.histogram(
          orthogonalShown.squaredSingularValues, upper: edge * 1.05, bins: bins
        ).density.max() ?? .nan
      let density = RandomMatrixTheory.fussCatalanDensity(layers: shown.layers).filter { $0.x > 0.05 }
      notebook.chart(
        Chart(
          name: "jacobian-spectrum",
          title: "Squared singular values of W_\(shown.layers)⋯W_1 (N = \(n))", xLabel: "squared singular value s²",
          yLabel: "density", logY: true,
          series: [
            Series(title: "Gaussian", x: histogram.edges, y: histogram.density, style: .steps, colorGroup: 1),
            Series(
              title: "Fuss–Catalan, L = \(shown.layers)", x: density.map(\.x), y: density.map(\.density),
              style: .dashed,
              colorGroup: 1),
            Series(
              title: "orthogonal (every s² = 1)", x: [1, 1],
              y: [(histogram.density.filter { $0 > 0 }.min() ?? 1e-3) / 10, orthogonalSpike], style: .line,
              colorGroup: 0),
          ],
          markers: [Marker(x: edge, label: "edge \(Format.number(edge))")]),
        caption:
          "Orthogonal: one spike at s² = 1. Gaussian: most directions are squashed towards 0 while a few are stretched up to the edge."
      )
      notebook.check(
        gaussian.flatMap { g -> [TheoryCheck] in
          [
            TheoryCheck(
              name: "Gaussian L = \(g.layers): 95th percentile of s²", measured: g.quantile(0.95),
              predicted: RandomMatrixTheory.fussCatalanQuantile(layers: g.layers, p: 0.95), tolerance: .relative(0.1),
              source: "theory §10"),
            TheoryCheck(
              name: "Gaussian L = \(g.layers): variance of s²", measured: g.variance,
              predicted: RandomMatrixTheory.fussCatalanVariance(layers: g.layers), tolerance: .relative(0.25),
              source: "theory §10"),
          ]
        }
          + [
            TheoryCheck(
              name: "Gaussian L = 1: largest s² (Marchenko–Pastur edge)", measured: gaussian[0].meanLargest,
              predicted: RandomMatrixTheory.fussCatalanEdge(layers: 1), tolerance: .relative(0.05),
              source: "theory §10"),
            TheoryCheck(
              name: "orthogonal L = 10: max |s² − 1|", measured: orthogonal.map(\.maxDeviationFromOne).max() ?? .nan,
              predicted: 0, tolerance: .absolute(1e-4), source: "theory §10"),
          ])
      for p in products {
        notebook.recordRun(
          "spectrum_\(p.orthogonal ? "orthogonal" : "gaussian")_l\(p.layers)",
          [
            ("largest_s2", p.meanLargest), ("p95_s2", p.quantile(0.95)), ("variance_s2", p.variance),
            ("mean_s2", p.mean),
          ])
      }
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let spectrum: StepID = "spectrum"
}
