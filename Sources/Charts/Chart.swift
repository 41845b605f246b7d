/// A description of one chart: what to draw, not how. `GnuplotScript` turns it into a gnuplot
/// script and data file; `ChartRenderer` writes and renders them.
public struct Chart: Sendable, Equatable {
  /// The file stem: the chart is written as `name.png`, `name.gp` and `name.dat`.
  public var name: String
  /// The title printed above the plot.
  public var title: String
  /// The x-axis label.
  public var xLabel: String
  /// The y-axis label.
  public var yLabel: String
  /// Whether the x axis is logarithmic.
  public var logX: Bool
  /// Whether the y axis is logarithmic.
  public var logY: Bool
  /// The lines and point sets, drawn in order.
  public var series: [Series]
  /// Vertical markers (e.g. the first non-finite step).
  public var markers: [Marker]
  /// A heatmap, when set; `series` are then drawn over it (e.g. a critical line).
  public var heatmap: Heatmap?
  /// The legend below the plot instead of at its right, so that many entries leave the plot its
  /// width (a comparison's overlays).
  public var legendBelow = false

  /// Where each curve (`Series.NonFinite.gap`) stopped being finite: a marker at the first
  /// non-finite point of each, labelled "<series>: non-finite at x = <x>". A chart without
  /// markers of its own is drawn with these, so a curve that blew up never just ends; a chart
  /// with markers says where and why itself (e.g. "explodes at step 57").
  public var nonFiniteMarkers: [Marker] {
    series.compactMap { series in
      guard series.nonFinite == .gap,
        let first = zip(series.x, series.y).first(where: { $0.0.isFinite && !$0.1.isFinite })?.0
      else { return nil }
      let x = first == first.rounded() && abs(first) < 1e15 ? String(Int64(first)) : "\(first)"
      return Marker(
        x: first, label: series.title.isEmpty ? "non-finite at x = \(x)" : "\(series.title): non-finite at x = \(x)")
    }
  }

  /// A line chart; add series and markers, or set `heatmap`.
  public init(
    name: String, title: String, xLabel: String, yLabel: String, logX: Bool = false,
    logY: Bool = false, series: [Series] = [], markers: [Marker] = [], heatmap: Heatmap? = nil
  ) {
    self.name = name
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logX = logX
    self.logY = logY
    self.series = series
    self.markers = markers
    self.heatmap = heatmap
  }
}
