import Charts
import Foundation

/// Two output folders of the same lesson side by side (`gradientlab compare A B`): every line
/// chart both drew, redrawn with both runs (A as drawn, B's series in A's color for the same
/// series, thick with open circles), each run labelled by the parameters in which it differs;
/// heatmaps side by side on one color range; and a README.md
/// with both runs' parameters, checks, claims and numbers, what changed marked. Written whole into
/// the output folder (`OutputFolder`), as a lesson writes its own.
public struct RunComparison {
  /// Why two folders cannot be compared, in one line.
  public struct Refused: Error, CustomStringConvertible, Equatable {
    public let description: String
  }

  /// The run compared against (e.g. the reference).
  public let a: RunFolder
  /// The run compared (e.g. yours).
  public let b: RunFolder

  /// Two runs of one lesson in the same mode (a quick and a full run differ in many sizes at
  /// once, so the pair is refused with the commands that make a like-for-like one).
  public init(_ a: RunFolder, _ b: RunFolder) throws(Refused) {
    guard a.lesson == b.lesson else {
      throw Refused(
        description:
          "runs of different lessons cannot be compared: \(a.url.path) is \(a.lesson), \(b.url.path) is \(b.lesson)")
    }
    guard a.mode == b.mode else {
      throw Refused(
        description:
          """
          \(a.url.path) is a \(a.mode) run and \(b.url.path) a \(b.mode) run, which differ in many sizes \
          at once: compare like with like (for a quick reference, run `swift run -c release \(a.lesson) \
          --quick --plots-dir quick-reference` and compare quick-reference/\(a.lesson) with your quick \
          run; or run yours without --quick)
          """
      )
    }
    self.a = a
    self.b = b
  }

  /// The parameters whose values differ: name, A's value, B's value.
  public var differences: [(name: String, a: String, b: String)] {
    let bValues = Dictionary(b.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    var result: [(String, String, String)] = []
    for (name, value) in a.parameters where bValues[name] != value {
      result.append((name, value, bValues[name] ?? "–"))
    }
    // The seed and the mode last: a label names first what the student changed.
    if a.seed != b.seed { result.append(("seed", "\(a.seed)", "\(b.seed)")) }
    if a.mode != b.mode { result.append(("mode", a.mode, b.mode)) }
    return result
  }

  /// "A (weight_std 1.732)": run A's (or B's) label, with up to three of the parameters that differ.
  public func label(isA: Bool) -> String {
    let letter = isA ? "A" : "B"
    let shown = differences.prefix(3).map { "\($0.name) \(isA ? $0.a : $0.b)" }
    return shown.isEmpty ? letter : "\(letter) (\(shown.joined(separator: ", ")))"
  }

  /// `label(isA:)` for a gnuplot title: gnuplot's enhanced text would set the "_" of
  /// "weight_std" as a subscript.
  func chartLabel(isA: Bool) -> String { label(isA: isA).replacingOccurrences(of: "_", with: "\\_") }

  /// The line chart `name` with both runs' series, or nil if either cannot be read back (a
  /// heatmap, or a chart only one run drew). A series of B is matched to A's by its title and
  /// drawn in A's color for it, thick with open circles (a theory line: thick and dotted, where A's
  /// is dashed); a series only B drew gets a color of its own and "B only" in its title. B's
  /// matched series have no legend entries of their own: two grey entries say once which style
  /// is A and which is B, and the legend sits below the plot, which keeps its width.
  public func overlay(_ name: String) -> Chart? {
    guard let first = try? ChartFiles.read(name, in: a.url), let second = try? ChartFiles.read(name, in: b.url)
    else { return nil }
    var chart = first
    chart.legendBelow = true
    let (labelA, labelB) = (chartLabel(isA: true), chartLabel(isA: false))
    // A's colors, fixed: a series drawn without a group takes its position's color.
    chart.series = first.series.enumerated().map { offset, series in
      var s = series
      s.colorGroup = series.colorGroup ?? offset
      return s
    }
    var used = Set(chart.series.compactMap(\.colorGroup))
    var colorByTitle: [String: Int] = [:]
    for series in chart.series where !series.title.isEmpty && colorByTitle[series.title] == nil {
      colorByTitle[series.title] = series.colorGroup
    }
    for series in second.series {
      var s = series
      let theory = series.style == .dashed
      s.style = theory ? .secondRunTheory : .secondRun
      if let color = colorByTitle[series.title], !series.title.isEmpty {
        s.colorGroup = color
        s.title = ""
      } else {
        let free = (0...).first { !used.contains($0) }!
        used.insert(free)
        s.colorGroup = free
        s.title = "B only: \(series.title)"
      }
      if series.style == .faint { s.style = .faint }
      chart.series.append(s)
    }
    chart.series.append(
      Series(
        title: labelA, x: [], y: [], style: .linePoints, colorGroup: Series.neutral))
    chart.series.append(
      Series(
        title: labelB, x: [], y: [], style: .secondRun, colorGroup: Series.neutral
      ))
    return chart
  }

  /// The heatmap `name` of both runs side by side in one figure, on one color range (the union
  /// of both), or nil if either cannot be read.
  public func heatmapPair(_ name: String) -> GnuplotScript? {
    guard let first = try? ChartFiles.readHeatmap(name, in: a.url), let map = first.heatmap,
      let second = try? ChartFiles.readHeatmap(name, in: b.url), let other = second.heatmap
    else { return nil }
    return GnuplotScript.heatmapPair(
      name: name, title: first.title, xLabel: first.xLabel, yLabel: first.yLabel, first: map,
      firstTitle: chartLabel(isA: true), second: other, secondTitle: chartLabel(isA: false))
  }

  /// Writes the comparison into `output` (replaced whole) and returns how many charts it overlaid.
  public func write(to output: String) throws -> Int {
    let destination = URL(fileURLWithPath: output).standardizedFileURL
    let folder: OutputFolder
    do {
      folder = try OutputFolder(
        plotsDir: destination.deletingLastPathComponent().path, lesson: destination.lastPathComponent)
    } catch {
      throw Refused(description: "--output '\(output)' cannot hold the comparison: \(error.description)")
    }
    let renderer = ChartRenderer(directory: folder.staging)
    var markdown = [
      "# Comparison: lesson `\(a.lesson)`\n",
      "- **A**: `\(a.url.path)` (\(a.mode) mode, seed \(a.seed))\n- **B**: `\(b.url.path)` (\(b.mode) mode, seed \(b.seed))\n",
    ]
    let differences = self.differences
    if differences.isEmpty {
      markdown.append("The two runs have the same parameters.\n")
    } else {
      let rows = Table(headers: ["parameter", "A", "B"], rows: differences.map { ["`\($0.name)`", $0.a, $0.b] })
      let same = a.parameters.count - differences.filter { $0.name != "mode" && $0.name != "seed" }.count
      markdown.append(
        "## What differs\n\n\(rows.markdown)\n\n"
          + (same == 1 ? "The other parameter is the same.\n" : "The other \(same) parameters are the same.\n"))
    }
    markdown.append(
      """
      ## Charts\n\nA as the lesson drew it; B in the same color for the same series, thick with open \
      circles (its theory lines thick and dotted); heatmaps side by side on one color scale.\n
      """
    )
    var overlaid = 0
    let common = a.charts.filter { b.charts.contains($0) }
    for name in common {
      if let chart = overlay(name) {
        let rendered = try renderer.render(chart, preview: false)
        if let failure = rendered.failure { throw Refused(description: failure) }
        overlaid += 1
        markdown.append("![\(chart.title)](\(name).png)\n\nRe-render with `gnuplot \(name).gp`.\n")
      } else if let pair = heatmapPair(name) {
        if let failure = try renderer.render(pair) { throw Refused(description: failure) }
        overlaid += 1
        markdown.append(
          """
          ![\(name): A and B on one color scale](\(name).png)\n\nBoth panels share one color range, the \
          union of the two runs' values. Re-render with `gnuplot \(name).gp`.\n
          """
        )
      } else {
        markdown.append("**\(name)**: one of the two runs' files cannot be read, so it is not drawn.\n")
      }
    }
    let only =
      (a.charts.filter { !b.charts.contains($0) }.map { "\($0) (A only)" })
      + b.charts.filter { !a.charts.contains($0) }.map { "\($0) (B only)" }
    if !only.isEmpty { markdown.append("Drawn by one run only: \(only.joined(separator: ", ")).\n") }
    markdown.append(
      Self.table(
        "Checks", ["check", "A measured", "B measured", "A", "B"],
        a.checks.map { ($0.name, ($0.measured, $0.passed)) }, b.checks.map { ($0.name, ($0.measured, $0.passed)) }
      ) { name, x, y in
        [
          name, x.map { Format.number($0.0 ?? .nan) } ?? "–", y.map { Format.number($0.0 ?? .nan) } ?? "–",
          x.map { $0.1 ? "passed" : "**failed**" } ?? "–", y.map { $0.1 ? "passed" : "**failed**" } ?? "–",
        ]
      })
    markdown.append(
      Self.table(
        "Claims", ["claim", "A verdict", "B verdict"], a.claims.map { ($0.id, $0.verdict) },
        b.claims.map { ($0.id, $0.verdict) }
      ) { id, x, y in
        let changed = x != y
        return ["`\(id)`", x ?? "–", changed ? "**\(y ?? "–")**" : (y ?? "–")]
      })
    markdown.append(
      Self.table(
        "Numbers that differ (metrics.json `runs`)", ["number", "A", "B"], a.numbers.map { ($0.name, $0.value) },
        b.numbers.map { ($0.name, $0.value) }
      ) { name, x, y in
        let (p, q) = (x.flatMap { $0 }, y.flatMap { $0 })
        return p == q ? nil : [name, p.map { Format.number($0) } ?? "–", q.map { Format.number($0) } ?? "–"]
      })
    try OutputFile.write(
      TheoryLinks.linked(markdown.joined(separator: "\n")), to: folder.staging.appendingPathComponent("README.md"))
    try folder.publish()
    return overlaid
  }

  /// A section "## TITLE" with a table of two keyed lists side by side: one row per key, A's order
  /// first, then B's extra keys; `row` makes a key's row from its A and B values, or skips it.
  private static func table<T>(
    _ title: String, _ headers: [String], _ x: [(String, T)], _ y: [(String, T)], row: (String, T?, T?) -> [String]?
  ) -> String {
    let yValues = Dictionary(y, uniquingKeysWith: { first, _ in first })
    let xKeys = Set(x.map(\.0))
    let rows =
      x.compactMap { row($0.0, $0.1, yValues[$0.0]) }
      + y.filter { !xKeys.contains($0.0) }.compactMap { row($0.0, nil, $0.1) }
    guard !rows.isEmpty else { return "## \(title)\n\nNone.\n" }
    return "## \(title)\n\n" + Table(headers: headers, rows: rows).markdown + "\n"
  }

}
