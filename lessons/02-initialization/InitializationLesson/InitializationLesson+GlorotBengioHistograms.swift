import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule

extension InitializationLesson {
  /// Glorot & Bengio's Figures 6 and 7 as magnitude histograms: the back-propagated gradients and
  /// the tanh activations of each of the five layers, standard init (solid) against normalized
  /// (dashed), with each layer's saturated share and the medians' shift per layer.
  static func stepGlorotHistograms(_ results: [GlorotBengio.Result], in notebook: Notebook) {
    guard results.count == 2, let standard = results.first(where: { !$0.normalized }),
      let normalized = results.first(where: \.normalized),
      standard.gradientHistograms.count == GlorotBengio.layers,
      normalized.gradientHistograms.count == GlorotBengio.layers
    else { return }
    let layers = Array(1...GlorotBengio.layers)
    let standardFactor = MagnitudeHistogramCharts.medianFactorPerLayer(standard.gradientHistograms) ?? .nan
    let normalizedFactor = MagnitudeHistogramCharts.medianFactorPerLayer(normalized.gradientHistograms) ?? .nan
    let saturation = results.map { r in r.activationHistograms.map(\.saturated).max() ?? .nan }
    notebook.prose(
      """
      **Their Figures 6 and 7, as histograms.** Glorot & Bengio plotted each layer's histogram of \
      back-propagated gradients: under the standard init the lower layers' gradients are smaller, \
      under the normalized one the layers stay closer together. Going down from layer \
      \(GlorotBengio.layers) to layer 1, our median |∂L/∂h| is multiplied by \(Format.number(standardFactor)) \
      per layer under the standard init (√(1/3) = 0.577 in tanh's linear regime) and by \
      \(Format.number(normalizedFactor)) under the normalized one\(normalizedFactor > standardFactor ? """
        , which loses \
        \(Format.number(Double.pow(normalizedFactor, Double(GlorotBengio.layers - 1)) / Double.pow(standardFactor, Double(GlorotBengio.layers - 1))))× \
        less over the \(GlorotBengio.layers - 1) layers
        """ : ""). At most \(Format.percent(saturation[0])) \
      (standard) and \(Format.percent(saturation[1])) (normalized) of a layer's units are saturated \
      (|tanh| ≥ 0.99)\(saturation.allSatisfy { $0 < 0.05 } ? """
        : the activations stay in tanh's linear range, so with tanh the standard init's trouble is a \
        gradient that shrinks, not saturation.
        """ : ".")
      """)
    func runs(_ histograms: (GlorotBengio.Result) -> [MagnitudeHistogram], notes: (GlorotBengio.Result, Int) -> String)
      -> [MagnitudeHistogramCharts.Run]
    {
      [(standard, "standard", Series.Style.steps), (normalized, "normalized", .dashed)].map { r, name, style in
        MagnitudeHistogramCharts.Run(
          name: name, style: style, layers: layers.map { l in (l, histograms(r)[l - 1], notes(r, l)) })
      }
    }
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "glorot-gradient-histograms", title: "|∂L/∂h_l| per layer, standard vs normalized init",
        of: .gradient,
        runs: runs(\.gradientHistograms, notes: { _, _ in "" })),
      caption:
        """
        Solid: standard U[±1/√n]; dashed: normalized (Xavier); one color per layer. \
        \(standardFactor < 1 ? """
          Under the standard init the lower layers sit to the left, smaller gradients: the median is \
          multiplied by \(Format.number(standardFactor)) per layer going down.
          """ : """
          Under the standard init the lower layers do not sit to the left in this run: the median is \
          multiplied by \(Format.number(standardFactor)) per layer going down.
          """)
        """
    )
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "glorot-activation-histograms", title: "|tanh(h_l)| per layer, standard vs normalized init",
        xLabel: "log10 |tanh(h)|", yLabel: "share of the layer's units",
        runs: runs(
          { $0.activationHistograms.map(\.histogram) },
          notes: { r, l in " (\(Format.percent(r.activationHistograms[l - 1].saturated)) saturated)" })),
      caption:
        "Saturation would pile up at log10 |tanh| ≈ 0 (|tanh| ≥ 0.99); the legend gives each layer's saturated share.")
    notebook.recordRun(
      "glorot_histograms",
      [
        ("standard_median_factor_per_layer", standardFactor), ("normalized_median_factor_per_layer", normalizedFactor),
        ("standard_max_saturated_share", saturation[0]), ("normalized_max_saturated_share", saturation[1]),
      ])
  }
}
