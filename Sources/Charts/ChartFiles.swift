import Foundation

/// Reads back a line chart that `ChartRenderer` wrote (`NAME.gp` and `NAME.dat`): the inverse of
/// `GnuplotScript` for charts without a heatmap, so that two runs' charts can be drawn together
/// (`gradientlab compare`), with the runs drawn at the top edge as non-finite. Markers (arrows
/// and labels) are not read back.
public enum ChartFiles {
  /// Why a chart could not be read back.
  public enum ReadError: Error, CustomStringConvertible, Equatable {
    /// `NAME.gp` or `NAME.dat` is missing or unreadable.
    case unreadable(String)
    /// The chart is a heatmap (drawn as an image; two of them are shown side by side instead).
    case heatmap(String)
    /// The files are not in the format GradientLab writes.
    case malformed(String)

    public var description: String {
      switch self {
      case .unreadable(let name): "\(name): cannot read its .gp and .dat"
      case .heatmap(let name): "\(name) is a heatmap"
      case .malformed(let name): "\(name): not a chart GradientLab wrote"
      }
    }
  }

  /// The chart `name` in `folder`.
  public static func read(_ name: String, in folder: URL) throws(ReadError) -> Chart {
    guard let script = try? String(contentsOf: folder.appendingPathComponent("\(name).gp"), encoding: .utf8),
      let data = try? String(contentsOf: folder.appendingPathComponent("\(name).dat"), encoding: .utf8)
    else { throw .unreadable(name) }
    if script.contains("with image") { throw .heatmap(name) }
    func setting(_ key: String) -> String? { ChartFiles.setting(key, in: script) }
    guard let title = setting("title"), let xLabel = setting("xlabel"), let yLabel = setting("ylabel") else {
      throw .malformed(name)
    }
    var chart = Chart(
      name: name, title: title, xLabel: xLabel, yLabel: yLabel, logX: script.contains("set logscale x"),
      logY: script.contains("set logscale y"))
    let blocks = points(data)
    let clause =
      /index (\d+) using 1:2 with ([a-z0-9. ]+?) linecolor rgb '#([0-9A-Fa-f]+)' (?:title '((?:[^']|'')*)'|notitle)/
    for match in script.matches(of: clause) {
      guard let index = Int(match.output.1), index < blocks.count else { throw .malformed(name) }
      let hex = String(match.output.3)
      let faint = hex.count == 8
      let group = GnuplotScript.paletteIndex(of: "#" + String(hex.suffix(6)))
      chart.series.append(
        Series(
          title: match.output.4.map { unescape($0) } ?? "", x: blocks[index].map(\.x), y: blocks[index].map(\.y),
          style: faint ? .faint : style(String(match.output.2)), colorGroup: group))
    }
    // Runs drawn at the top edge (`Series.NonFinite.edgeMarker`): their x values are the
    // series' non-finite points; any other NaN of that series is a gap (a value ≤ 0 on a log axis).
    let edge =
      /index (\d+) using 1:2 axes x1y2 with points [a-z0-9. ]+? linecolor rgb '#[0-9A-Fa-f]+' title '((?:[^']|'')*)'/
    for match in script.matches(of: edge) {
      guard let index = Int(match.output.1), index < blocks.count else { throw .malformed(name) }
      let title = unescape(match.output.2)
      guard let position = chart.series.firstIndex(where: { $0.nonFiniteTitle == title && $0.nonFinite == .gap })
      else { continue }
      let xs = Set(blocks[index].map(\.x))
      var series = chart.series[position]
      series.nonFinite = .edgeMarker
      series.y = zip(series.x, series.y).map { x, y in xs.contains(x) ? .nan : (y.isNaN ? 0 : y) }
      chart.series[position] = series
    }
    return chart
  }

  /// The heatmap chart `name` in `folder`: its title, axis labels and color label from the
  /// script, its cells from block 0 of the data (x y value rows, one blank line between rows).
  public static func readHeatmap(_ name: String, in folder: URL) throws(ReadError) -> Chart {
    guard let script = try? String(contentsOf: folder.appendingPathComponent("\(name).gp"), encoding: .utf8),
      let data = try? String(contentsOf: folder.appendingPathComponent("\(name).dat"), encoding: .utf8),
      script.contains("with image")
    else { throw .unreadable(name) }
    func setting(_ key: String) -> String? { ChartFiles.setting(key, in: script) }
    // Block 0, one grid row per paragraph, each line `x y value`.
    let rows = data.components(separatedBy: "\n\n\n")[0].components(separatedBy: "\n\n").map { paragraph in
      paragraph.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
        $0.split(separator: " ").map { Double($0) ?? .nan }
      }.filter { $0.count >= 3 }
    }.filter { !$0.isEmpty }
    guard let title = setting("title"), let firstRow = rows.first,
      rows.allSatisfy({ $0.count == firstRow.count })
    else { throw .malformed(name) }
    var range: ClosedRange<Double>?
    if let line = script.split(separator: "\n").first(where: { $0.hasPrefix("set cbrange [") }) {
      let bounds = line.dropFirst("set cbrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
      if bounds.count == 2, bounds[0] <= bounds[1] { range = bounds[0]...bounds[1] }
    }
    return Chart(
      name: name, title: title, xLabel: setting("xlabel") ?? "", yLabel: setting("ylabel") ?? "",
      heatmap: Heatmap(
        xValues: firstRow.map { $0[0] }, yValues: rows.map { $0[0][1] }, values: rows.map { $0.map { $0[2] } },
        colorLabel: setting("cblabel") ?? "", colorRange: range))
  }

  /// The value of `set KEY '…'` in a script, unescaped, or nil.
  static func setting(_ key: String, in script: String) -> String? {
    for line in script.split(separator: "\n") where line.hasPrefix("set \(key) '") {
      return unescape(line.dropFirst("set \(key) '".count).dropLast())
    }
    return nil
  }

  /// The data blocks of a `.dat` file (two blank lines apart, `#` lines are comments): x y pairs.
  static func points(_ data: String) -> [[(x: Double, y: Double)]] {
    var blocks: [[(x: Double, y: Double)]] = []
    for block in data.components(separatedBy: "\n\n\n") {
      var values: [(x: Double, y: Double)] = []
      for line in block.split(separator: "\n") where !line.hasPrefix("#") {
        let fields = line.split(separator: " ")
        guard fields.count >= 2, let x = Double(fields[0]) ?? (fields[0] == "NaN" ? .nan : nil) else { continue }
        let y = Double(fields[1]) ?? .nan
        if x.isFinite { values.append((x, y)) }
      }
      blocks.append(values)
    }
    return blocks
  }

  private static func style(_ clause: String) -> Series.Style {
    if clause.contains("pointtype 6") { return .secondRun }
    if clause.contains("dashtype 3") { return .secondRunTheory }
    if clause.hasPrefix("linespoints") { return .linePoints }
    if clause.hasPrefix("points") { return .points }
    if clause.hasPrefix("steps") { return .steps }
    if clause.contains("dashtype") { return .dashed }
    return .line
  }

  private static func unescape(_ text: some StringProtocol) -> String {
    String(text).replacingOccurrences(of: "''", with: "'")
  }
}
