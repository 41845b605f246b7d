import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule

extension ResidualLesson {
  /// The gradient arriving at each layer of the deepest plain and residual nets of `.gradientsByDepth`, as
  /// magnitude histograms at init: after weight layer 2b of the plain net, and on the residual
  /// stream after block b (also weight layer 2b) of the residual net.
  static func gradientHistograms(
    _ config: ResidualConfiguration, input: Tensor, targets: Targets, in notebook: Notebook
  ) {
    guard let depth = config.gradientDepths.last, depth >= 4 else { return }
    let blocks = depth / 2
    let measured = [Architecture.plain, .residual].map { architecture in
      architecture.make(depth: depth, width: config.width, seed: config.seed).measureGradients(
        input: input, targets: targets, loss: SoftmaxCrossEntropy(), histograms: true)
    }
    // Plain: the dense layers after the input projection; residual: the blocks.
    let plain = Array(measured[0].denseLayers.compactMap(\.outputGradientHistogram).dropLast())
    let residual = measured[1].layers.filter { $0.kind == .residual }.compactMap(\.outputGradientHistogram)
    guard plain.count >= depth, residual.count == blocks else { return }
    let plainAtBlocks = (1...blocks).map { plain[plain.count - depth + 2 * $0 - 1] }
    let shown = MagnitudeHistogramCharts.shownLayers(count: blocks)
    let runs = [
      MagnitudeHistogramCharts.Run(
        name: Architecture.plain.rawValue, style: .steps, layers: shown.map { (2 * $0, plainAtBlocks[$0 - 1], "") }),
      MagnitudeHistogramCharts.Run(
        name: Architecture.residual.rawValue, style: .dashed, layers: shown.map { (2 * $0, residual[$0 - 1], "") }),
    ]
    let spread = { (h: [MagnitudeHistogram]) -> Double in
      let medians = h.map(\.medianLog10)
      return (medians.max() ?? .nan) - (medians.min() ?? .nan)
    }
    let plainSpread = spread(plainAtBlocks)
    let residualSpread = spread(residual)
    notebook.prose(
      """
      **The same at L = \(depth), value by value.** The histograms of |∂L/∂h| after every second \
      weight layer of one plain and one residual net at init: from layer to layer the plain net's \
      medians range over \(Format.number(plainSpread)) decades (lesson 2's random walk of log‖g‖, \
      5L/4n in variance), the residual stream's over \(Format.number(residualSpread)) (the medians \
      are known to a half-octave bin, 0.15 decades)\(residualSpread < plainSpread ? """
        : through the identity path each block passes on the gradient from above with less change than \
        a plain layer does
        """ : "").
      """)
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "gradient-histograms-plain-vs-residual",
        title: "|∂L/∂h| after weight layer l at init, L = \(depth): plain vs residual",
        of: .gradient, runs: runs),
      caption:
        "Solid: \(Architecture.plain.rawValue); dashed: \(Architecture.residual.rawValue) (on the residual stream after each block); one color per layer."
    )
    notebook.recordRun(
      "gradient_histograms_depth\(depth)",
      [("plain_median_log10_range", plainSpread), ("residual_median_log10_range", residualSpread)])
  }
}
