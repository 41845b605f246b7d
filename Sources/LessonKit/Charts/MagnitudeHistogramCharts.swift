import Charts
import NeuralNet
import RealModule
import Theory

/// Charts of `MagnitudeHistogram`s, the per-layer histograms practitioners read (Karpathy,
/// makemore part 3; fast.ai's ActivationStats): several layers of several runs overlaid, or every
/// layer of one run as a layer × magnitude heatmap.
public enum MagnitudeHistogramCharts {
  /// One run's histograms to overlay: its name, how its lines are drawn, and per layer the
  /// histogram with a note for the legend (e.g. " (52% zero)").
  public struct Run {
    public var name: String
    public var style: Series.Style
    public var layers: [(layer: Int, histogram: MagnitudeHistogram, note: String)]

    public init(name: String, style: Series.Style, layers: [(layer: Int, histogram: MagnitudeHistogram, note: String)])
    {
      self.name = name
      self.style = style
      self.layers = layers
    }
  }

  /// The bins from one before the first to one after the last non-empty bin of any of
  /// `histograms`, so that the x axis spans what was measured.
  public static func span(_ histograms: [MagnitudeHistogram]) -> Range<Int> {
    let used = histograms.flatMap { h in h.counts.indices.filter { h.counts[$0] > 0 } }
    guard let low = used.min(), let high = used.max() else { return 0..<0 }
    return Swift.max(low - 1, 0)..<Swift.min(high + 2, MagnitudeHistogram.binCount)
  }

  /// The bins' x coordinates: log10 of each lower edge.
  static let edges = (0...MagnitudeHistogram.binCount).map { MagnitudeHistogram.log10LowerEdge($0) }

  /// The runs' histograms overlaid, the share of each layer's non-zero values per half-octave
  /// against log10 of the magnitude; one color per layer position, one line style per run.
  public static func overlay(name: String, title: String, xLabel: String, yLabel: String, runs: [Run]) -> Chart {
    let range = span(runs.flatMap { $0.layers.map(\.histogram) })
    let series = runs.flatMap { run in
      run.layers.enumerated().map { i, entry in
        Series(
          title: "\(run.name), layer \(entry.layer)\(entry.note)", x: Array(edges[range]),
          y: Array(entry.histogram.shares[range]), style: run.style, colorGroup: i)
      }
    }
    return Chart(name: name, title: title, xLabel: xLabel, yLabel: yLabel, series: series)
  }

  /// Every layer of one run (`histograms[l − 1]` is layer l) as a heatmap: rows are layers, columns
  /// the half-octaves of `range`, colors log10 of the share of the layer's non-zero values (blank
  /// where a bin is empty), on a fixed scale from 1e-4 to 1 so that two runs compare.
  public static func layerHeatmap(
    name: String, title: String, xLabel: String, histograms: [MagnitudeHistogram], range: Range<Int>
  ) -> Chart {
    Chart(
      name: name, title: title, xLabel: xLabel, yLabel: "hidden layer",
      heatmap: Heatmap(
        xValues: Array(edges[range]), yValues: (1...histograms.count).map(Double.init),
        values: histograms.map { h in
          let shares = h.shares
          return range.map { shares[$0] > 0 ? Double.log10(shares[$0]) : .nan }
        }, colorLabel: "log10 share of units", colorRange: -4...0))
  }

  /// The per-layer factor by which a layer's median magnitude moves going down from the top, by
  /// least squares on the medians (`histograms[l − 1]` is layer l of `histograms.count`); nil with
  /// fewer than two usable layers.
  public static func medianFactorPerLayer(_ histograms: [MagnitudeHistogram]) -> Double? {
    let depth = histograms.count
    return LogLinearFit(
      x: (1...depth).map { Double(depth - $0) }, y: histograms.map { Double.pow(10, $0.medianLog10) })?.factor
  }
}
