import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension ExplodingLesson {
  /// Histograms at step 0 of both training runs: the magnitudes of every hidden layer's
  /// back-propagated gradient ∂L/∂h (at its pre-activation) and of its activations, overlaid for a
  /// few layers, and as layer × magnitude heatmaps; with the dead share and the histogram median's
  /// shift per layer against the theory.
  static func trainingHistograms(
    _ config: ExplodingConfiguration, runs: [ExplodingExperiments.TrainingResult], in notebook: Notebook
  ) {
    let depth = config.depth
    guard
      let (gradients, activations, shown) = MagnitudeHistogramCharts.firstStepPair(runs.map(\.history), depth: depth)
    else { return }
    let names = runs.map(\.name)
    // ‖g_l‖ ∝ factor^(L − l): the medians' shift per layer, fitted from the top down.
    let explodingFactor = MagnitudeHistogramCharts.medianFactorPerLayer(gradients[0])
    let fixedFactor = MagnitudeHistogramCharts.medianFactorPerLayer(gradients[1])
    let predicted = PlainNetworkTheory.normGrowthPerLayer(config.activation, gain2: config.gain2)
    let sameZeros = (0..<depth).allSatisfy { activations[0][$0].zeros == activations[1][$0].zeros }
    let deadShares = shown.map { l in (activations[0][l - 1].zeroShare, activations[1][l - 1].zeroShare) }
    notebook.prose(
      """
      **What the norms summarise, value by value.** A norm is one number per layer; the histogram of \
      a layer's |∂L/∂h| shows where its units' gradients actually are (Karpathy, makemore part 3, \
      reads these per layer). At step 0 the exploding net's histograms sit side by side, each layer \
      a fixed distance to the right of the one above it: the median |∂L/∂h| moves by a factor \
      \(Format.number(explodingFactor ?? .nan)) per layer (the theory's √(σ_w²·E[φ'²]) = \
      \(Format.number(predicted))), \(Format.number(Double(depth - 1) * Double.log10(explodingFactor ?? .nan))) \
      decades from layer \(depth) to layer 1. The fix's histograms lie on top of one another (factor \
      \(Format.number(fixedFactor ?? .nan))). The activations tell the same story forward. A \
      \(config.activation == .relu ? "ReLU " : "")layer's exact zeros are its dead units for this batch: \
      \(shown.indices.map { "layer \(shown[$0]) \(Format.percent(deadShares[$0].0)) and \(Format.percent(deadShares[$0].1))" }.joined(separator: ", ")) \
      (exploding, fix). \(sameZeros ? """
        The counts are equal in every layer, as they must be: the two nets draw the same random \
        weights, one scaled by a constant per layer, and ReLU(c·x) = c·ReLU(x) for c > 0, so the same \
        units are zero. The explosion is in the scale alone, not in which units pass a gradient.
        """ : "The explosion is in the scale; the share of units that pass a gradient is about the same.")
      """)
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "gradient-histograms", title: "|∂L/∂h| per hidden layer at step 0 (share of units per half-octave)",
        of: .gradient,
        runs: MagnitudeHistogramCharts.beforeAndAfter(names, gradients, layers: shown)),
      caption:
        """
        Solid: the \(runs[0].name) net; dashed: the \(runs[1].name) fix; one color per layer. Each \
        layer's histogram is shifted by the per-layer factor: in the fix the shift is ≈ 0.
        """
    )
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "activation-histograms", title: "|h| per hidden layer at step 0 (non-zero activations)",
        of: .activation,
        runs: MagnitudeHistogramCharts.beforeAndAfter(
          names, activations, layers: shown, note: { " (\(Format.percent($0.zeroShare)) zero)" })),
      caption:
        "Solid: \(runs[0].name); dashed: \(runs[1].name). The legend gives each layer's share of exact zeros (dead ReLU units for this batch)."
    )
    let range = MagnitudeHistogramCharts.span(gradients.flatMap { $0 })
    for (i, chartName) in ["gradient-histogram-layers-exploding", "gradient-histogram-layers-fixed"].enumerated() {
      notebook.chart(
        MagnitudeHistogramCharts.layerHeatmap(
          name: chartName, title: "\(runs[i].name): |∂L/∂h| of every hidden layer at step 0", xLabel: "log10 |∂L/∂h|",
          histograms: gradients[i], range: range),
        caption:
          "Each row is one layer's histogram; both heatmaps share one x range and color scale; blank = no units in that bin."
      )
    }
    if let explodingFactor {
      notebook.check([
        TheoryCheck(
          name: "per-layer shift of the median |∂L/∂h|, σ_w² = \(Format.number(config.gain2))",
          measured: explodingFactor, predicted: predicted, tolerance: .relative(0.05), source: "theory §1")
      ])
    }
    notebook.recordRun(
      "gradient_histograms_step_0",
      [
        ("exploding_median_factor_per_layer", explodingFactor), ("fixed_median_factor_per_layer", fixedFactor),
        ("predicted_factor_per_layer", predicted),
        ("exploding_median_log10_layer_1", gradients[0].first?.medianLog10),
        ("exploding_median_log10_last_layer", gradients[0].last?.medianLog10),
        ("fixed_median_log10_layer_1", gradients[1].first?.medianLog10),
        ("fixed_median_log10_last_layer", gradients[1].last?.medianLog10),
      ],
      extra: [
        (
          "dead_share",
          .object(
            shown.indices.map {
              ("layer_\(shown[$0])", .array([.finite(deadShares[$0].0), .finite(deadShares[$0].1)]))
            })
        )
      ])
  }
}
