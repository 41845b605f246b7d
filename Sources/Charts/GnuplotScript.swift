import Foundation

/// The gnuplot text of a chart: a data file and a script that plots it.
///
/// The script body reads `NAME.dat` by relative path, so it runs from the chart's folder; the
/// terminal and output lines are chosen separately (`pngScript`, `previewScript`), so one body
/// serves the PNG a student re-renders with `gnuplot NAME.gp` and the text preview.
public struct GnuplotScript: Sendable, Equatable {
  /// The contents of `NAME.dat`.
  public let data: String
  /// The plotting commands, without terminal or output.
  public let body: String
  /// The chart's file stem.
  public let name: String
  /// The PNG's width in pixels.
  let width: Int
  /// The PNG's height in pixels.
  let height: Int

  /// The script and data for `chart`.
  public init(_ chart: Chart) {
    name = chart.name
    (width, height) = (900, 560)
    if let heatmap = chart.heatmap {
      (data, body) = GnuplotScript.heatmap(chart, heatmap)
    } else {
      (data, body) = GnuplotScript.lines(chart)
    }
  }

  /// A script and data written as they are (a figure no `Chart` describes, such as
  /// `heatmapPair`'s).
  init(name: String, data: String, body: String, width: Int = 900, height: Int = 560) {
    self.name = name
    self.data = data
    self.body = body
    self.width = width
    self.height = height
  }

  /// Two heatmaps side by side in one figure, on ONE color range (the union of both maps'
  /// finite values, or both maps' own fixed ranges) with one color bar: `first` and `second`
  /// titled `firstTitle` and `secondTitle`, the figure `title`. Block 0 of the data holds the
  /// first map's cells, block 1 the second's.
  public static func heatmapPair(
    name: String, title: String, xLabel: String, yLabel: String, first: Heatmap, firstTitle: String,
    second: Heatmap, secondTitle: String
  ) -> GnuplotScript {
    let values = (first.values + second.values).joined().filter(\.isFinite)
    var low = values.min() ?? 0
    var high = values.max() ?? 1
    for range in [first.colorRange, second.colorRange].compactMap({ $0 }) {
      low = Swift.min(low, range.lowerBound)
      high = Swift.max(high, range.upperBound)
    }
    if low == high { high = low + 1 }
    var data =
      "# \(name).dat — block 0: \(firstTitle), block 1: \(secondTitle); columns: x y value (NaN = not finite)\n"
    data += cells(first) + "\n\n" + cells(second)
    var body = "set multiplot layout 1,2 title '\(escape(title))'\n"
    body += "set xlabel '\(escape(xLabel))'\nset ylabel '\(escape(yLabel))'\n"
    body += heatmapSettings
    body += "# One color range for both panels: the same color means the same value.\n"
    body += "set cbrange [\(number(low)):\(number(high))]\n"
    body += "unset colorbox\n"
    body += "set title '\(escape(firstTitle))'\n"
    body += "plot '\(escape(name)).dat' index 0 using 1:2:3 with image notitle\n"
    body += "set colorbox\nset cblabel '\(escape(second.colorLabel))'\n"
    body += "set title '\(escape(secondTitle))'\n"
    body += "plot '\(escape(name)).dat' index 1 using 1:2:3 with image notitle\n"
    body += "unset multiplot\n"
    return GnuplotScript(name: name, data: data, body: body, width: 1500, height: 560)
  }

  /// The complete `NAME.gp`: pngcairo output to `NAME.png` (or `output` when given).
  public func pngScript(output: String? = nil) -> String {
    """
    # \(name).gp — written by GradientLab. Edit and re-render with: gnuplot \(name).gp
    set terminal pngcairo size \(width),\(height) enhanced font 'DejaVu Sans,10'
    set output '\(GnuplotScript.escape(output ?? name + ".png"))'

    """ + body
  }

  /// The same chart for gnuplot's `dumb` text terminal, written to standard output.
  public func previewScript(columns: Int = 100, lines: Int = 28) -> String {
    "set terminal dumb size \(columns),\(lines)\nset output\n" + body
  }

  /// A number as gnuplot reads it; non-finite values become NaN (a gap).
  static func number(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "NaN"
  }

  /// Escapes a string for a single-quoted gnuplot literal.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "'", with: "''")
  }

  private static func header(_ chart: Chart) -> String {
    var lines = [
      "set title '\(escape(chart.title))'",
      "set xlabel '\(escape(chart.xLabel))'",
      "set ylabel '\(escape(chart.yLabel))'",
      "set grid",
      chart.legendBelow ? "set key below horizontal maxcols 3 samplen 2" : "set key outside right top",
    ]
    if chart.logX { lines.append("set logscale x") }
    if chart.logY { lines.append("set logscale y; set format y '10^{%L}'") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The color group whose palette color is `hex` ("#1f77b4"), if it is one.
  static func paletteIndex(of hex: String) -> Int? {
    palette.firstIndex { $0.lowercased() == hex.lowercased() }
  }

  private static let palette = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
  ]

  private static func lines(_ chart: Chart) -> (String, String) {
    var data = "# \(chart.name).dat — one block per series (gnuplot 'index'), columns: x y\n"
    data += seriesData(chart, firstIndex: 0)
    var body = header(chart)
    for (index, marker) in (chart.markers.isEmpty ? chart.nonFiniteMarkers : chart.markers).enumerated() {
      body += "set arrow \(index + 1) from \(number(marker.x)), graph 0 to \(number(marker.x)), graph 1 "
      body += "nohead dashtype 3 linewidth 2 linecolor rgb '#444444'\n"
      body +=
        "set label \(index + 1) '\(escape(marker.label))' at \(number(marker.x)), graph \(0.95 - 0.06 * Double(index)) "
      body += "left offset 0.5,0 textcolor rgb '#444444' noenhanced\n"
    }
    var plots = seriesPlots(chart, firstIndex: 0)
    let edges = edgeMarkers(chart, firstIndex: chart.series.count)
    if !edges.plots.isEmpty {
      data += edges.data
      body += "set y2range [0:1]  # the top edge, for runs that went non-finite\n"
      plots += edges.plots
    }
    body += plots.isEmpty ? "plot NaN notitle\n" : "plot " + plots.joined(separator: ", \\\n     ") + "\n"
    return (data, body)
  }

  /// The y (on the y2 axis, 0 to 1) at which a non-finite run's triangle is drawn: the top edge.
  static let edgeHeight = 0.97

  /// For each series with `NonFinite.edgeMarker` and a non-finite point, a data block of those
  /// points' x (numbered from `firstIndex`) and a clause drawing them as open triangles at the
  /// top edge (the y2 axis, 0 to 1, is not shown), in the series' color, titled "…: non-finite".
  /// A comparison's second run (`secondRun`) points its triangles down.
  private static func edgeMarkers(_ chart: Chart, firstIndex: Int) -> (data: String, plots: [String]) {
    var data = ""
    var plots: [String] = []
    for (offset, series) in chart.series.enumerated() {
      let xs = series.edgeMarkerX
      if xs.isEmpty { continue }
      let index = firstIndex + plots.count
      data += "\n\n# [\(index)] \(series.nonFiniteTitle) (x of each run; drawn at the top edge)\n"
      data += xs.map { "\(number($0)) \(edgeHeight)\n" }.joined()
      let pointType = series.style == .secondRun ? 10 : 8
      plots.append(
        "'\(escape(chart.name)).dat' index \(index) using 1:2 axes x1y2 with points pointtype \(pointType) pointsize 1.8 "
          + "linewidth 2 linecolor rgb '#\(color(of: series, at: offset))' title '\(escape(series.nonFiniteTitle))'")
    }
    return (data, plots)
  }

  /// The series' color as six hex digits: its color group's, or its position's.
  private static func color(of series: Series, at offset: Int) -> Substring {
    series.colorGroup == Series.neutral
      ? "555555" : palette[(series.colorGroup ?? offset) % palette.count].dropFirst()
  }

  /// The data blocks of the chart's series, numbered from `firstIndex`.
  private static func seriesData(_ chart: Chart, firstIndex: Int) -> String {
    var data = ""
    for (offset, series) in chart.series.enumerated() {
      if offset + firstIndex > 0 { data += "\n\n" }
      data += "# [\(offset + firstIndex)] \(series.title)\n"
      for (x, y) in zip(series.x, series.y) where x.isFinite {
        let shown = chart.logY && y <= 0 ? Double.nan : y
        data += "\(number(x)) \(number(shown))\n"
      }
      if series.x.isEmpty { data += "NaN NaN\n" }
    }
    return data
  }

  /// One `plot` clause per series, reading data block `firstIndex + position`.
  private static func seriesPlots(_ chart: Chart, firstIndex: Int) -> [String] {
    chart.series.enumerated().map { offset, series in
      let hex = color(of: series, at: offset)
      let style: String
      var color = "#" + hex
      switch series.style {
      case .line: style = "with lines linewidth 2"
      case .dashed: style = "with lines dashtype 2 linewidth 2"
      case .points: style = "with points pointtype 7 pointsize 0.6"
      case .linePoints: style = "with linespoints pointtype 7 pointsize 0.5 linewidth 2"
      case .faint:
        style = "with lines linewidth 1"
        color = "#B0" + hex  // ARGB: mostly transparent
      case .steps: style = "with steps linewidth 2"
      case .secondRun: style = "with linespoints pointtype 6 pointsize 0.9 linewidth 4"
      case .secondRunTheory: style = "with lines dashtype 3 linewidth 3"
      }
      let title = series.title.isEmpty ? "notitle" : "title '\(escape(series.title))'"
      return "'\(escape(chart.name)).dat' index \(offset + firstIndex) using 1:2 \(style) linecolor rgb '\(color)' "
        + title
    }
  }

  /// A heatmap's cells as data rows `x y value`, a blank line after each row of the grid.
  private static func cells(_ map: Heatmap) -> String {
    var data = ""
    for (row, y) in map.yValues.enumerated() {
      for (column, x) in map.xValues.enumerated() {
        data += "\(number(x)) \(number(y)) \(number(map.values[row][column]))\n"
      }
      data += "\n"
    }
    return data
  }

  /// The palette and axes every heatmap is drawn with.
  private static let heatmapSettings =
    "set palette defined (0 '#313695', 0.25 '#74add1', 0.5 '#ffffbf', 0.75 '#f46d43', 1 '#a50026')\n"
    + "set autoscale xfix; set autoscale yfix\n"

  private static func heatmap(_ chart: Chart, _ map: Heatmap) -> (String, String) {
    var data = "# \(chart.name).dat — block 0: heatmap cells, columns: x y value (NaN = not finite)"
    data += chart.series.isEmpty ? "\n" : "; blocks 1…: lines drawn over it, columns: x y\n"
    data += cells(map)
    var body = header(chart)
    body += "set cblabel '\(escape(map.colorLabel))'\n"
    body += heatmapSettings
    if let range = map.colorRange { body += "set cbrange [\(number(range.lowerBound)):\(number(range.upperBound))]\n" }
    let image = "'\(escape(chart.name)).dat' index 0 using 1:2:3 with image notitle"
    if !chart.series.isEmpty {
      data += seriesData(chart, firstIndex: 1)
      body += "set key outside right bottom\n"
    }
    body += "plot " + ([image] + seriesPlots(chart, firstIndex: 1)).joined(separator: ", \\\n     ") + "\n"
    return (data, body)
  }
}
