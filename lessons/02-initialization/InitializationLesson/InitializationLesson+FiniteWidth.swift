import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
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
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let finiteWidth: StepID = "finite-width"
}
