/// One set of (x, y) points drawn as a line or markers. Non-finite y values are written as NaN,
/// which gnuplot leaves out; `nonFinite` says whether that gap is all (a curve that stopped) or
/// each such point is marked at the plot's edge (a run that blew up).
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

  /// How the series shows a point whose y is not finite (NaN or ±Inf).
  public enum NonFinite: Sendable, Equatable {
    /// A gap: the line stops there. For a curve over steps or layers, whose chart carries a
    /// `Marker` saying where and why it went non-finite.
    case gap
    /// Each point is a run of its own (a sweep over a parameter): a run that went non-finite is
    /// an open triangle at the plot's top edge, in the series' color, and the legend says
    /// "non-finite". Never a point at an arbitrary value.
    case edgeMarker
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
  /// How a non-finite y is shown.
  public var nonFinite: NonFinite

  /// The legend entry of this series' non-finite points (`NonFinite.edgeMarker`); a comparison's
  /// second run, whose series have no titles of their own, says "B".
  public var nonFiniteTitle: String {
    if !title.isEmpty { return "\(title): non-finite" }
    return style == .secondRun ? "B: non-finite" : "non-finite"
  }
  /// The x of each non-finite point that is drawn at the edge (none for `.gap`).
  public var edgeMarkerX: [Double] {
    guard nonFinite == .edgeMarker else { return [] }
    return zip(x, y).filter { $0.0.isFinite && !$0.1.isFinite }.map(\.0)
  }

  /// A series of points `(x[i], y[i])`.
  public init(
    title: String, x: [Double], y: [Double], style: Style = .line, colorGroup: Int? = nil,
    nonFinite: NonFinite = .gap
  ) {
    precondition(x.count == y.count, "series '\(title)': \(x.count) x values, \(y.count) y values")
    self.title = title
    self.x = x
    self.y = y
    self.style = style
    self.colorGroup = colorGroup
    self.nonFinite = nonFinite
  }
}
