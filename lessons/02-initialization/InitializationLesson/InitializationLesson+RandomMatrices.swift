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
        ? "The 95th percentile is within \(percent(worstQuantile)) of its Fuss–Catalan value at every L, closer than the largest value, which is why the checks hold it."
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

  // MARK: .finiteWidth

  /// Step `.finiteWidth`: finite width: the log gradient norm random-walks with variance 5d/n.
  static func stepFiniteWidth(
    _ config: InitializationConfiguration, example: Dataset, in notebook: Notebook
  ) -> FiniteWidth.Result {
    notebook.step(.finiteWidth, "Finite width: preserved on average, spread in log") {
      let n = config.finiteWidth
      let depth = config.depth
      let seeds = config.finiteWidthSeeds
      notebook.prose(
        """
        He init makes E‖g_l‖² the same at every layer, yet a single network is not exactly flat. At \
        width n each ReLU layer multiplies ‖g‖² by (2/n)·χ²_k with k ~ Binomial(n, ½) active units, \
        so log‖g‖² takes a random walk: after d layers its variance is 5d/n and its mean −5d/(2n) \
        (theory §1), while the mean of ‖g‖² itself stays put. We follow one digit through \
        \(seeds) He-initialized ReLU nets of depth \(depth) and width \(n) (narrow on purpose, so \
        that the spread is visible) and compare the spread with the predicted band.
        """)
      let result = notebook.experiment("\(seeds) networks", total: seeds) { progress in
        FiniteWidth.run(
          depth: depth, width: n, seeds: seeds, example: example, seed: config.seed, progress: progress.update)
      }
      let layers = (1...depth).map(Double.init)
      let shownSeeds = Swift.min(seeds, 60)
      var series = (0..<shownSeeds).map { s in
        Series(
          title: s == 0 ? "one network each (\(shownSeeds) of \(seeds))" : "", x: layers,
          y: result.logSquaredRatios[s].map { Double.exp($0 / 2) }, style: .faint, colorGroup: 7)
      }
      let means = result.meanLog
      let predicted = (1...depth).map { result.predicted(layer: $0) }
      series.append(
        Series(
          title: "geometric mean over \(seeds)", x: layers, y: means.map { Double.exp($0 / 2) }, style: .line,
          colorGroup: 0))
      series.append(
        Series(
          title: "theory exp(−5d/4n)", x: layers, y: predicted.map { Double.exp($0.mean / 2) }, style: .dashed,
          colorGroup: 1))
      series.append(
        Series(
          title: "theory ±2σ band", x: layers,
          y: predicted.map { Double.exp(($0.mean + 2 * $0.variance.squareRoot()) / 2) }, style: .dashed, colorGroup: 2))
      series.append(
        Series(
          title: "", x: layers, y: predicted.map { Double.exp(($0.mean - 2 * $0.variance.squareRoot()) / 2) },
          style: .dashed, colorGroup: 2))
      notebook.chart(
        Chart(
          name: "finite-width-spread", title: "He init, ReLU, width \(n): ‖g_l‖/‖g_L‖ for many seeds",
          xLabel: "hidden layer l (d = L − l layers below the top)", yLabel: "‖∂L/∂h_l‖ / ‖∂L/∂h_L‖", logY: true,
          series: series),
        caption: "Every faint line is one network. About 95% of them should stay inside the green band.")
      let shownLayers = [depth - 1, depth * 3 / 4, depth / 2, depth / 4, 1].filter { $0 >= 1 && $0 < depth }
      let variances = result.varianceLog
      notebook.table(
        Table(
          headers: ["layer l", "d = L − l", "mean log‖g_l‖²/‖g_L‖²", "−5d/(2n)", "variance", "5d/n"],
          rows: shownLayers.map { l in
            [
              "\(l)", "\(depth - l)", Format.number(means[l - 1]), Format.number(predicted[l - 1].mean),
              Format.number(variances[l - 1]), Format.number(predicted[l - 1].variance),
            ]
          }))
      let bottom = predicted[0]
      let s = Double(seeds)
      // Tolerances from the sampling error of `seeds` networks (3σ), plus 5% for the theory's own
      // small-1/n approximation.
      let meanTolerance = 3 * (bottom.variance / s).squareRoot() + 0.05 * abs(bottom.mean)
      let varianceTolerance = 3 * (2 / (s - 1)).squareRoot() + 0.05
      // ‖g₁‖²/‖g_L‖² is close to log-normal, so its mean over the nets is right-skewed: a band
      // symmetric in log scale (Fenton–Wilkinson), not ±3 standard errors.
      let ratioFactor = LogNormalMean.factorTolerance(logVariance: bottom.variance, count: seeds)
      notebook.check([
        TheoryCheck(
          name: "mean of log‖g₁‖²/‖g_L‖² over \(seeds) nets", measured: means[0], predicted: bottom.mean,
          tolerance: .absolute(meanTolerance), source: "theory §1"),
        TheoryCheck(
          name: "variance of log‖g₁‖²/‖g_L‖² over \(seeds) nets", measured: variances[0], predicted: bottom.variance,
          tolerance: .relative(varianceTolerance), source: "theory §1"),
        TheoryCheck(
          name: "mean of ‖g₁‖²/‖g_L‖² itself (preserved on average)", measured: result.meanSquaredRatio, predicted: 1,
          tolerance: .factor(ratioFactor), source: "theory §1"),
      ])
      notebook.recordRun(
        "finite_width",
        [
          ("mean_log_ratio", means[0]), ("variance_log_ratio", variances[0]),
          ("mean_squared_ratio", result.meanSquaredRatio),
          ("fraction_outside_2sigma", fractionOutsideBand(result, layer: 1)),
        ])
      return result
    }
  }

  /// The fraction of networks whose log ratio at `layer` lies outside the predicted ±2σ band.
  static func fractionOutsideBand(_ result: FiniteWidth.Result, layer: Int) -> Double {
    let p = result.predicted(layer: layer)
    let sigma = p.variance.squareRoot()
    let outside = result.logSquaredRatios.filter { abs($0[layer - 1] - p.mean) > 2 * sigma }.count
    return Double(outside) / Double(result.logSquaredRatios.count)
  }
}

extension StepID {
  /// The ids of this file's steps (their order: `InitializationLesson.outline`).
  static let spectrum: StepID = "spectrum"
  static let finiteWidth: StepID = "finite-width"
}
