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
    /// The second run of a comparison: a thick line with open circles, in its series' color.
    case secondRun
    /// The second run's theory line: thick and dotted (the first run's is dashed).
    case secondRunTheory
  }

  /// The color group drawn in neutral grey (a legend entry that explains a style, not a series).
  public static let neutral = -1

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
