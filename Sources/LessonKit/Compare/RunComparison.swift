import Charts
import Foundation
import Notebook

/// Two output folders of the same lesson side by side (`gradientlab compare A B`): every line
/// chart both drew, redrawn with both runs (A solid as drawn, B dashed in the same colors), each
/// run labelled by the parameters in which it differs; heatmaps side by side; and a README.md
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
          "\(a.url.path) is a \(a.mode) run and \(b.url.path) a \(b.mode) run, which differ in many sizes at once: compare like with like (for a quick reference, run `swift run -c release \(a.lesson) --quick --plots-dir quick-reference` and compare quick-reference/\(a.lesson) with your quick run; or run yours without --quick)"
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

  /// The line chart `name` with both runs' series, or nil if either cannot be read back (a
  /// heatmap, or a chart only one run drew).
  public func overlay(_ name: String) -> Chart? {
    guard let first = try? ChartFiles.read(name, in: a.url), let second = try? ChartFiles.read(name, in: b.url)
    else { return nil }
    var chart = first
    // gnuplot's enhanced text would set the "_" of "weight_std" as a subscript.
    let (labelA, labelB) = (
      label(isA: true).replacingOccurrences(of: "_", with: "\\_"),
      label(isA: false).replacingOccurrences(of: "_", with: "\\_")
    )
    chart.series =
      first.series.map { series in
        var s = series
        s.title = series.title.isEmpty ? labelA : "\(labelA): \(series.title)"
        return s
      }
      + second.series.map { series in
        var s = series
        s.title = series.title.isEmpty ? labelB : "\(labelB): \(series.title)"
        s.style = series.style == .points ? .points : .dashed
        return s
      }
    return chart
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
    markdown.append("## Charts\n\nA as the lesson drew it; B dashed, in the same colors.\n")
    var overlaid = 0
    let common = a.charts.filter { b.charts.contains($0) }
    for name in common {
      if let chart = overlay(name) {
        let rendered = try renderer.render(chart, preview: false)
        if let failure = rendered.failure { throw Refused(description: failure) }
        overlaid += 1
        markdown.append("![\(chart.title)](\(name).png)\n\nRe-render with `gnuplot \(name).gp`.\n")
      } else {
        for (run, letter) in [(a, "A"), (b, "B")] {
          let png = run.url.appendingPathComponent("\(name).png")
          if FileManager.default.fileExists(atPath: png.path) {
            try? FileManager.default.copyItem(
              at: png, to: folder.staging.appendingPathComponent("\(name)-\(letter).png"))
          }
        }
        markdown.append(
          "**\(name)** (a heatmap: side by side)\n\n| A | B |\n| --- | --- |\n| ![A](\(name)-A.png) | ![B](\(name)-B.png) |\n"
        )
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
