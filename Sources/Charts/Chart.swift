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

/// One set of (x, y) points drawn as a line or markers. Non-finite y values are written as NaN,
/// which gnuplot leaves out (a gap in the line).
public struct Series: Sendable, Equatable {
  /// How the points are drawn.
  public enum Style: String, Sendable, Equatable {
    /// A solid line.
    case line
    /// A dashed line: theory and predictions.
    case dashed
    /// Markers only.
    case points
    /// A line with markers.
    case linePoints
    /// A thin, translucent line: one of many samples (e.g. one seed of many).
    case faint
    /// A histogram outline: a step at each x, the bins' left edges.
    case steps
  }

  /// The legend entry; an empty title leaves the series out of the legend.
  public var title: String
  /// The x coordinates.
  public var x: [Double]
  /// The y coordinates (same count as `x`).
  public var y: [Double]
  /// How the points are drawn.
  public var style: Style
  /// Series with the same color group share a color (e.g. a measurement and its theory line).
  public var colorGroup: Int?

  /// A series of points `(x[i], y[i])`.
  public init(title: String, x: [Double], y: [Double], style: Style = .line, colorGroup: Int? = nil) {
    precondition(x.count == y.count, "series '\(title)': \(x.count) x values, \(y.count) y values")
    self.title = title
    self.x = x
    self.y = y
    self.style = style
    self.colorGroup = colorGroup
  }
}

/// A labelled vertical line at an x position.
public struct Marker: Sendable, Equatable {
  /// Where the line is drawn.
  public var x: Double
  /// The text beside it.
  public var label: String

  /// A marker at `x` labelled `label`.
  public init(x: Double, label: String) {
    self.x = x
    self.label = label
  }
}

/// Values on a regular grid, drawn as colored cells: `values[row][column]` sits at
/// (`xValues[column]`, `yValues[row]`). Non-finite cells are left blank.
public struct Heatmap: Sendable, Equatable {
  /// The x coordinate of each column.
  public var xValues: [Double]
  /// The y coordinate of each row.
  public var yValues: [Double]
  /// The cell values, one array per row.
  public var values: [[Double]]
  /// The label of the color scale.
  public var colorLabel: String
  /// A fixed color range, so that heatmaps compared side by side share one scale.
  public var colorRange: ClosedRange<Double>?

  /// A heatmap; every row of `values` must have `xValues.count` entries.
  public init(
    xValues: [Double], yValues: [Double], values: [[Double]], colorLabel: String,
    colorRange: ClosedRange<Double>? = nil
  ) {
    precondition(values.count == yValues.count, "heatmap: \(values.count) rows, \(yValues.count) y values")
    precondition(values.allSatisfy { $0.count == xValues.count }, "heatmap: ragged rows")
    self.xValues = xValues
    self.yValues = yValues
    self.values = values
    self.colorLabel = colorLabel
    self.colorRange = colorRange
  }
}
