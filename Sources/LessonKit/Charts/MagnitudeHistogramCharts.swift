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

  /// The layers (from 1) whose histograms an overlay draws out of `count`: the first, a quarter,
  /// half and three quarters of the way, and the last.
  public static func shownLayers(count: Int) -> [Int] {
    Array(Set([1, count / 4, count / 2, 3 * count / 4, count].filter { $0 >= 1 })).sorted()
  }

  /// The histograms of the first `depth` hidden layers of an MLP's step record (nil if the record
  /// has none): the gradient arriving at each dense layer (∂L/∂h at its pre-activation) and each
  /// activation layer's output.
  public static func hiddenLayers(_ record: StepRecord, depth: Int) -> (
    gradients: [MagnitudeHistogram], activations: [MagnitudeHistogram]
  )? {
    let gradients = record.denseLayers.prefix(depth).compactMap(\.outputGradientHistogram)
    let activations = record.layers.filter { if case .activation = $0.kind { true } else { false } }.prefix(depth)
      .compactMap(\.outputHistogram)
    return gradients.count == depth && activations.count == depth ? (gradients, activations) : nil
  }

  /// The first step's hidden-layer histograms of two runs (before, after) and the layers an
  /// overlay draws; nil unless both runs recorded histograms at their first step.
  public static func firstStepPair(_ histories: [TrainingHistory], depth: Int) -> (
    gradients: [[MagnitudeHistogram]], activations: [[MagnitudeHistogram]], shown: [Int]
  )? {
    let hidden = histories.compactMap { history in history.steps.first.flatMap { hiddenLayers($0, depth: depth) } }
    guard histories.count == 2, hidden.count == 2 else { return nil }
    return (hidden.map(\.gradients), hidden.map(\.activations), shownLayers(count: depth))
  }

  /// Two runs compared (before solid, after dashed): `histograms[i][l − 1]` is layer l of run i,
  /// drawn for `layers`, each labelled with `note` of its histogram.
  public static func beforeAndAfter(
    _ names: [String], _ histograms: [[MagnitudeHistogram]], layers: [Int],
    note: (MagnitudeHistogram) -> String = { _ in "" }
  ) -> [Run] {
    zip(zip(names, histograms), [Series.Style.steps, .dashed]).map { run, style in
      Run(name: run.0, style: style, layers: layers.map { l in (l, run.1[l - 1], note(run.1[l - 1])) })
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

  /// What an overlay's histograms measure, which fixes its axes.
  public enum Quantity {
    /// Back-propagated gradients |∂L/∂h| at the pre-activations.
    case gradient
    /// Activations |h| (a ReLU layer's exact zeros are left out of the shares).
    case activation

    var xLabel: String { self == .gradient ? "log10 |∂L/∂h|" : "log10 |h|" }
    var yLabel: String { self == .gradient ? "share of the layer's units" : "share of the layer's non-zero units" }
  }

  /// `overlay` of the histograms of `quantity`, with its axes.
  public static func overlay(name: String, title: String, of quantity: Quantity, runs: [Run]) -> Chart {
    overlay(name: name, title: title, xLabel: quantity.xLabel, yLabel: quantity.yLabel, runs: runs)
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

  /// One layer's histograms over training, fast.ai's "colorful dimension" chart: columns are the
  /// steps that recorded one (`histograms[i]` at `steps[i]`), rows the half-octaves of the bins any
  /// of them used, colors log10 of the share of the layer's non-zero values (blank where empty),
  /// on the fixed 1e-4…1 scale of `layerHeatmap`.
  public static func overSteps(
    name: String, title: String, yLabel: String, steps: [Int], histograms: [MagnitudeHistogram]
  ) -> Chart {
    precondition(steps.count == histograms.count, "one histogram per step")
    let range = span(histograms)
    let shares = histograms.map(\.shares)
    return Chart(
      name: name, title: title, xLabel: "SGD step", yLabel: yLabel,
      heatmap: Heatmap(
        xValues: steps.map(Double.init), yValues: Array(edges[range]),
        values: range.map { bin in shares.map { $0[bin] > 0 ? Double.log10($0[bin]) : .nan } },
        colorLabel: "log10 share of units", colorRange: -4...0))
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
