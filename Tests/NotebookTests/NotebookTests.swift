import ArgumentParser
import Charts
import Claims
import Foundation
import LessonKit
import Testing

import Notebook
import Theory

@Suite("Notebook")
struct NotebookTests {
  @Test func jsonWritesNonFiniteAsNullWithANote() throws {
    let value = JSONValue.record([("loss", .nan), ("norm", .infinity), ("ok", 1.5), ("missing", nil)])
    let text = value.serialized()
    #expect(text.contains("\"loss\": null") && text.contains("\"loss_note\": \"nan\""))
    #expect(text.contains("\"norm_note\": \"inf\"") && text.contains("\"ok\": 1.5"))
    #expect(!text.contains("NaN") && !text.contains("nan,"))
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(parsed?["ok"] as? Double == 1.5)
    #expect(JSONValue.string("a\"b\n").serialized() == "\"a\\\"b\\n\"")
  }

  @Test func theoryCheckTolerances() {
    #expect(TheoryCheck(name: "a", measured: 1.04, predicted: 1, tolerance: .relative(0.05), source: "").passed)
    #expect(!TheoryCheck(name: "a", measured: 1.06, predicted: 1, tolerance: .relative(0.05), source: "").passed)
    #expect(TheoryCheck(name: "b", measured: 20, predicted: 19, tolerance: .absolute(1), source: "").passed)
    #expect(!TheoryCheck(name: "c", measured: .nan, predicted: 1, tolerance: .absolute(100), source: "").passed)
    #expect(!TheoryCheck(name: "d", measured: .infinity, predicted: 1, tolerance: .relative(1e9), source: "").passed)
  }

  @Test func tableRendersAlignedTextAndMarkdown() {
    let table = Table(headers: ["a", "bb"], rows: [["1", "x|y"], ["333", "4"]])
    #expect(table.text.split(separator: "\n").first == "a    bb")
    #expect(table.markdown.contains("| 1 | x\\|y |"))
  }

  @Test func formatNumbers() {
    #expect(Format.number(.nan) == "nan" && Format.number(-.infinity) == "-inf")
    #expect(Format.number(2.98e-8) == "2.980e-08")
    #expect(Format.number(1.22474) == "1.225")
    #expect(Format.number(117) == "117")
  }

  @Test(arguments: [
    (["--exercise", "0", "--answer", "1"], "positive"), (["--answer", "2"], "--exercise"),
    (["--exercise", "2"], "--answer"), (["--plots-dir", ""], "empty"),
  ])
  func lessonOptionsRejectBadValues(_ arguments: [String], _ fragment: String) {
    #expect {
      _ = try LessonOptions.parse(arguments)
    } throws: { error in
      LessonOptions.message(for: error).contains(fragment)
    }
  }

  @Test(arguments: [["--depth", "0"], ["--width", "5000"], ["--lr", "-1"], ["--lr", "nan"], ["--weight-std", "0"]])
  func networkOptionsRejectOutOfRangeValues(_ arguments: [String]) {
    #expect(throws: (any Error).self) { _ = try NetworkOptions.parse(arguments) }
  }

  @Test func networkOptionsParseNegativeLookingValuesAsValues() throws {
    #expect(throws: (any Error).self) { _ = try NetworkOptions.parse(["--lr", "-0.5"]) }
    let ok = try NetworkOptions.parse(["--lr", "0.5", "--init", "xavier-uniform", "--activation", "identity"])
    #expect(ok.lr == 0.5 && ok.initialization == .xavierUniform && ok.activation == .identity)
  }

  @Test func wrapKeepsShortLinesAndBreaksLongOnes() {
    let text = String(repeating: "word ", count: 40)
    #expect(Terminal.wrap(text, width: 30).split(separator: "\n").allSatisfy { $0.count <= 30 })
    #expect(Terminal.wrap("short", width: 30) == "short")
  }
}

@Suite("Executed notebooks")
struct ExecutedNotebookTests {
  /// A two-step notebook with a chart, written whole: the .ipynb holds the README's cells in order
  /// (nbformat 4.5, unique cell ids of the allowed characters), all Markdown, the chart as the PNG
  /// attachment of the cell that shows it, the parameters and a kernel in its metadata.
  @Test func theJupyterNotebookHoldsTheSameCellsAndTheChartAsAnAttachment() throws {
    let plots = FileManager.default.temporaryDirectory.appendingPathComponent("ipynb-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: plots) }
    let notebook = try Notebook(
      lesson: "trial", title: "A trial", settings: NotebookSettings(seed: 7, quick: true, plotsDir: plots.path),
      parameters: [("depth", .integer(3))], terminal: .silent)
    notebook.introduction("Why.")
    notebook.outline(["first", "second"])
    notebook.step("first", "First") { notebook.prose("Some *prose* (theory §1).") }
    notebook.step("second", "Second") {
      notebook.chart(
        Chart(
          name: "line", title: "A line", xLabel: "x", yLabel: "y",
          series: [Series(title: "y = x", x: [0, 1], y: [0, 1])]),
        caption: "It rises.")
    }
    #expect(try notebook.finish() == 0)
    let folder = plots.appendingPathComponent("trial")
    let data = try Data(contentsOf: folder.appendingPathComponent("trial.ipynb"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["nbformat"] as? Int == 4 && json["nbformat_minor"] as? Int == 5)
    let allMetadata = try #require(json["metadata"] as? [String: Any])
    #expect((allMetadata["kernelspec"] as? [String: Any])?["name"] as? String == "python3")
    let metadata = try #require(allMetadata["gradientlab"] as? [String: Any])
    #expect(metadata["lesson"] as? String == "trial" && metadata["seed"] as? Int == 7)
    #expect((metadata["parameters"] as? [String: Any])?["depth"] as? Int == 3)
    let cells = try #require(json["cells"] as? [[String: Any]])
    let ids = cells.compactMap { $0["id"] as? String }
    #expect(ids.count == cells.count && Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0.wholeMatch(of: /[A-Za-z0-9_-]{1,64}/) != nil })
    #expect(cells.allSatisfy { $0["cell_type"] as? String == "markdown" })
    func text(_ cell: [String: Any]) -> String { ((cell["source"] as? [String]) ?? []).joined() }
    let markdown = cells.map(text)
    #expect(markdown.first == "# A trial")
    #expect(markdown.contains { $0.contains("## Step 2. Second") })
    #expect(markdown.contains { $0.contains("[theory §1](../../docs/theory.md#theory-1)") })
    let chart = try #require(cells.first { $0["attachments"] != nil })
    #expect(text(chart).hasPrefix("![A line](attachment:line.png)\n\n*It rises.* Re-render with `gnuplot line.gp`"))
    let attachment = (chart["attachments"] as? [String: Any])?["line.png"] as? [String: Any]
    let png = try #require(attachment?["image/png"] as? String)
    let bytes = try #require(Data(base64Encoded: png))
    #expect(bytes == (try Data(contentsOf: folder.appendingPathComponent("line.png"))))
    #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    // The README holds the same text.
    let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("![A line](line.png)\n\n*It rises.*"))
  }
}

@Suite("Markdown for Jupyter")
struct JupyterMarkdownTests {
  /// An exercise alone in its cell keeps its number in nbconvert (which numbers every list from
  /// 1); a list that starts at 1, and any other text, is left as it is.
  @Test func anOrderedListStartingAfterOneIsEscaped() {
    #expect(JupyterMarkdown.adapted("2. Which α?\n\n   Check: `x`\n") == "2\\. Which α?\n\n   Check: `x`\n")
    #expect(JupyterMarkdown.adapted("12. Last.") == "12\\. Last.")
    #expect(JupyterMarkdown.adapted("1. First.\n2. Second.") == "1. First.\n2. Second.")
    #expect(JupyterMarkdown.adapted("In 2. steps") == "In 2. steps")
  }

  /// Inside `<sub>`, code spans and links become HTML (nbconvert copies inline HTML as it is),
  /// with `<`, `>`, `&` and quotes escaped; outside, Markdown stays Markdown.
  @Test func codeAndLinksInsideSubBecomeHTML() {
    #expect(
      JupyterMarkdown.adapted("**Verdict.** `a`\n\n<sub>Rule: x < 2 & `b<c>`; see [docs](d.md#e). Claim `k`.</sub>\n")
        == "**Verdict.** `a`\n\n<sub>Rule: x &lt; 2 &amp; <code>b&lt;c&gt;</code>; see <a href=\"d.md#e\">docs</a>. Claim <code>k</code>.</sub>\n"
    )
  }
}

@Suite("Claims and the ledger")
struct ClaimRuleTests {
  static func judge(_ ratio: Double?) -> Claim {
    .measured(
      .tooMuchComputation, step: "profiles", measurements: ["ratio": ratio, "flat": 1.0], rule: "false if ratio ≥ 10",
      verdict: { $0["ratio"] >= 10 ? .false_ : .notTested },
      evidence: { m, verdict in "ratio \(Format.number(m["ratio"])), \(verdict.rawValue)" })
  }

  @Test func theVerdictAndTheEvidenceFollowTheMeasurement() {
    let exploded = Self.judge(1e6)
    #expect(exploded.verdict == .false_ && exploded.evidence == "ratio 1.000e+06, false")
    #expect(exploded.measurements.map(\.name) == ["ratio", "flat"] && exploded.basis == .measurement)
    #expect(Self.judge(2).verdict == .notTested)
    // A non-finite measurement is a measurement: an overflowed ratio is an explosion.
    #expect(Self.judge(.infinity).verdict == .false_)
  }

  @Test func aMissingMeasurementMakesTheClaimNotTestedAndSaysWhich() {
    let claim = Self.judge(nil)
    #expect(claim.verdict == .notTested)
    #expect(claim.evidence.contains("did not measure ratio"))
    #expect(claim.measurements.map(\.name) == ["flat"])
  }

  @Test func aClaimReadFromCodeSaysSo() {
    let claim = Claim.readFromCode(.svmExample, step: "claims", verdict: .false_, reading: "no SVM")
    #expect(claim.basis == .documentCode && claim.measurements.isEmpty && claim.rule.contains("code"))
  }

  @Test func everyCatalogueEntryHasASentenceATranslationAndAPlaceOrAReason() {
    for id in ClaimID.allCases {
      let entry = ClaimCatalogue.entry(id)
      #expect(!entry.quote.isEmpty && !entry.translation.isEmpty, "\(id)")
      switch entry.status {
      case .judged: break
      case .notTested(let reason): #expect(reason.count > 40, "\(id): no reason")
      }
      #expect(
        id.rawValue.hasPrefix(
          entry.source.key.lowercased().replacingOccurrences(of: " & ", with: "-").replacingOccurrences(
            of: " ", with: "-")), "\(id)")
    }
  }

  /// The ledger joins the catalogue with the metrics.json in each folder of the plots folder:
  /// agreeing records give their verdict, disagreeing ones "mixed", a claim no file records "not
  /// run", an old file without claims a one-line problem; a folder without metrics.json is no
  /// lesson's; lessons come in the order they first record a claim.
  @Test func theLedgerReadsEachLessonsRecords() throws {
    let plots = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: plots) }
    func write(_ lesson: String, _ json: String) throws {
      let folder = plots.appendingPathComponent(lesson)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(json.utf8).write(to: folder.appendingPathComponent("metrics.json"))
    }
    func record(_ id: ClaimID, _ verdict: String, step: Int) -> String {
      #"{"id": "\#(id.rawValue)", "verdict": "\#(verdict)", "step": \#(step), "step_id": "x", "basis": "measurement"}"#
    }
    try write(
      "exploding",
      #"{"mode": "full", "seed": 42, "claims": [\#(record(.tooMuchComputation, "false", step: 3)), \#(record(.initMayNotSolve, "false", step: 4))]}"#
    )
    try write(
      "initialization", #"{"mode": "quick", "seed": 1, "claims": [\#(record(.initMayNotSolve, "holds", step: 1))]}"#)
    try write("batchnorm", #"{"mode": "full", "seed": 42}"#)
    try FileManager.default.createDirectory(
      at: plots.appendingPathComponent("notes"), withIntermediateDirectories: true)
    let own = Claim.readFromCode(.weightMultiplier, step: "claims", verdict: .false_, reading: "none")
    let ledger = ClaimLedger(
      plotsDir: plots, own: (lesson: "documents", mode: "full", seed: 42, claims: [own], steps: { _ in 4 }))
    func row(_ id: ClaimID) -> ClaimLedger.Row { ledger.rows.first { $0.id == id }! }
    #expect(ledger.rows.count == ClaimID.allCases.count)
    #expect(row(.tooMuchComputation).verdict == "false")
    #expect(row(.initMayNotSolve).verdict == "mixed")
    #expect(row(.goodInit).verdict == "not run")
    #expect(row(.internalCovariateShift).verdict == "not run")  // judged in batchnorm, whose file predates claims
    #expect(row(.weightMultiplier).verdict == "false" && row(.weightMultiplier).judgements[0].record.step == 4)
    #expect(row(.initMayNotSolve).judgements.map(\.lesson) == ["exploding", "initialization"])
    let lessons = Dictionary(uniqueKeysWithValues: ledger.lessons.map { ($0.lesson, $0) })
    #expect(lessons["initialization"]?.mode == "quick" && lessons["initialization"]?.seed == 1)
    #expect(lessons["batchnorm"]?.problem?.contains("predates") == true)
    #expect(ledger.lessons.map(\.lesson) == ["exploding", "documents", "initialization", "batchnorm"])
  }
}

@Suite("Comparing two runs")
struct RunComparisonTests {
  /// A one-chart notebook of lesson `lesson` with parameter `depth`, written into a new folder;
  /// returns the lesson's output folder.
  static func run(
    lesson: String = "trial", depth: Int, slope: Double, quick: Bool = true, extra: Bool = false,
    blowsUp: Bool = false, heat: ClosedRange<Double>? = nil, in plots: URL
  ) throws -> URL {
    let notebook = try Notebook(
      lesson: lesson, title: "A trial", settings: NotebookSettings(seed: 7, quick: quick, plotsDir: plots.path),
      parameters: [("depth", .integer(depth)), ("width", .integer(8))], terminal: .silent)
    notebook.outline(["only"])
    notebook.step("only", "Only") {
      var series = [
        Series(
          title: "measured", x: [1, 2, 3], y: [1, 2 * slope, blowsUp ? .infinity : 3 * slope], style: .linePoints,
          colorGroup: 1, nonFinite: .edgeMarker),
        Series(title: "theory", x: [1, 3], y: [1, 3], style: .dashed, colorGroup: 1),
      ]
      if extra {
        series.insert(Series(title: "extra", x: [1, 2], y: [2, 2], style: .linePoints, colorGroup: 0), at: 0)
      }
      notebook.chart(
        Chart(name: "line", title: "A 'quoted' line", xLabel: "x", yLabel: "y", logY: true, series: series),
        caption: "Rises.")
      if let heat {
        notebook.chart(
          Chart(
            name: "heat", title: "Cells", xLabel: "step", yLabel: "layer",
            heatmap: Heatmap(
              xValues: [0, 1], yValues: [1, 2], values: [[heat.lowerBound, 0.5], [.nan, heat.upperBound]],
              colorLabel: "log10 |g|")),
          caption: "Cells.")
      }
      notebook.check([
        TheoryCheck(name: "slope", measured: slope, predicted: 1, tolerance: .relative(0.1), source: "theory §1")
      ])
      notebook.recordRun("fit", [("slope", slope)])
    }
    _ = try notebook.finish()
    return plots.appendingPathComponent(lesson)
  }

  @Test func theFooterSaysWhatToCompareThisRunWith() {
    #expect(
      Notebook.compareAdvice(lesson: "exploding", plotsDir: "plots", quick: false)
        == "To draw a run of yours together with this one: `swift run -c release gradientlab compare plots/exploding <your plots-dir>/exploding`."
    )
    #expect(
      Notebook.compareAdvice(lesson: "exploding", plotsDir: "runs", quick: false)
        == "To draw this run together with the reference: `swift run -c release gradientlab compare plots/exploding runs/exploding`."
    )
    #expect(
      Notebook.compareAdvice(lesson: "exploding", plotsDir: "mine", quick: true).contains(
        "quick-reference/exploding mine/exploding"))
  }

  @Test func aChartIsReadBackAsItWasDrawn() throws {
    let plots = LessonKitTemporary.folder("read-back")
    defer { try? FileManager.default.removeItem(at: plots) }
    let folder = try Self.run(depth: 3, slope: 1, in: plots)
    let chart = try ChartFiles.read("line", in: folder)
    #expect(chart.title == "A 'quoted' line" && chart.logY && !chart.logX)
    #expect(chart.series.map(\.title) == ["measured", "theory"])
    #expect(chart.series.map(\.style) == [.linePoints, .dashed])
    #expect(chart.series.map(\.colorGroup) == [1, 1])
    #expect(chart.series[0].y == [1, 2, 3] && chart.series[1].x == [1, 3])
  }

  @Test func twoRunsAreDrawnTogetherWithWhatDiffersNamed() throws {
    let plots = LessonKitTemporary.folder("compare")
    defer { try? FileManager.default.removeItem(at: plots) }
    let a = try Self.run(depth: 3, slope: 1, in: plots.appendingPathComponent("a"))
    let b = try Self.run(depth: 5, slope: 2, in: plots.appendingPathComponent("b"))
    let comparison = try RunComparison(try RunFolder(a.path), try RunFolder(b.path))
    #expect(comparison.differences.map(\.name) == ["depth"])
    #expect(comparison.label(isA: true) == "A (depth 3)" && comparison.label(isA: false) == "B (depth 5)")
    let output = plots.appendingPathComponent("out")
    #expect(try comparison.write(to: output.path) == 1)
    let overlaid = try ChartFiles.read("line", in: output)
    #expect(
      overlaid.series.map(\.title) == [
        "measured", "theory", "", "", "A (depth 3)", "B (depth 5)",
      ])
    #expect(overlaid.series[2].style == .secondRun && overlaid.series[2].y == [1, 4, 6])
    #expect(overlaid.series[3].style == .secondRunTheory)
    #expect(overlaid.series.prefix(4).allSatisfy { $0.colorGroup == 1 }, "B's series in A's color for them")
    let script = try String(contentsOf: output.appendingPathComponent("line.gp"), encoding: .utf8)
    #expect(script.contains("set key below horizontal"))
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("line.png").path))
    let readme = try String(contentsOf: output.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("| `depth` | 3 | 5 |"))
    #expect(readme.contains("The other parameter is the same."))
    #expect(readme.contains("| slope | 1 | 2 | passed | **failed** |"))
    #expect(readme.contains("| fit.slope | 1 | 2 |"))
  }

  /// A series present in both runs has one color in both, wherever it sits in the list; one
  /// that only B drew gets a color of its own; heatmaps are drawn anew side by side on ONE color
  /// range, the union of both runs' values, with one color bar.
  @Test func seriesKeepTheirColorsAndHeatmapsShareOneColorRange() throws {
    let plots = LessonKitTemporary.folder("compare-colors")
    defer { try? FileManager.default.removeItem(at: plots) }
    let a = try Self.run(depth: 3, slope: 1, heat: -0.5...5, in: plots.appendingPathComponent("a"))
    let b = try Self.run(
      depth: 5, slope: 2, extra: true, blowsUp: true, heat: -0.6...1.9, in: plots.appendingPathComponent("b"))
    let comparison = try RunComparison(try RunFolder(a.path), try RunFolder(b.path))
    let output = plots.appendingPathComponent("out")
    #expect(try comparison.write(to: output.path) == 2)
    let overlaid = try ChartFiles.read("line", in: output)
    let colors = Dictionary(
      overlaid.series.prefix(2).map { ($0.title, $0.colorGroup) }, uniquingKeysWith: { x, _ in x })
    // B's series, in B's order: extra (B only), measured, theory.
    let bSeries = Array(overlaid.series[2..<5])
    #expect(bSeries[0].title == "B only: extra" && !colors.values.contains(bSeries[0].colorGroup))
    #expect(bSeries[1].colorGroup == colors["measured"] && bSeries[2].colorGroup == colors["theory"])
    // B's run that went non-finite at x = 3: a triangle pointing down at the top edge, in its color.
    #expect(bSeries[1].nonFinite == .edgeMarker && bSeries[1].edgeMarkerX == [3])
    let lines = try String(contentsOf: output.appendingPathComponent("line.gp"), encoding: .utf8)
    #expect(
      lines.contains(
        "axes x1y2 with points pointtype 10 pointsize 1.8 linewidth 2 linecolor rgb '#d62728' title 'B: non-finite'"))
    let script = try String(contentsOf: output.appendingPathComponent("heat.gp"), encoding: .utf8)
    let ranges = script.split(separator: "\n").filter { $0.hasPrefix("set cbrange") }
    #expect(ranges == ["set cbrange [-0.6:5.0]"], "one range for both panels: \(ranges)")
    #expect(script.contains("set multiplot layout 1,2") && script.components(separatedBy: "with image").count == 3)
    #expect(script.components(separatedBy: "unset colorbox").count == 2, "one color bar")
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("heat.png").path))
    let heat = try String(contentsOf: output.appendingPathComponent("heat.dat"), encoding: .utf8)
    #expect(heat.contains("1.0 2.0 1.9") && heat.contains("1.0 2.0 5.0"), "both runs' cells")
  }

  @Test func aMissingFolderAnotherLessonOrABadMetricsFileIsRefusedInOneLine() throws {
    let plots = LessonKitTemporary.folder("refuse")
    defer { try? FileManager.default.removeItem(at: plots) }
    let a = try Self.run(depth: 3, slope: 1, in: plots.appendingPathComponent("a"))
    let other = try Self.run(lesson: "other", depth: 3, slope: 1, in: plots.appendingPathComponent("b"))
    #expect(throws: RunComparison.Refused.self) { try RunComparison(try RunFolder(a.path), try RunFolder(other.path)) }
    // A full run against a quick one: refused, with how to make a like-for-like pair.
    let full = try Self.run(depth: 3, slope: 1, quick: false, in: plots.appendingPathComponent("full"))
    let first = try RunFolder(full.path)
    let second = try RunFolder(a.path)
    do {
      _ = try RunComparison(first, second)
      Issue.record("a full and a quick run were compared")
    } catch {
      #expect(error.description.contains("is a full run") && error.description.contains("a quick run"))
      #expect(error.description.contains("trial --quick --plots-dir quick-reference"))
      #expect(!error.description.contains("\n"))
    }
    #expect(throws: RunFolder.Unreadable.self) { try RunFolder(plots.appendingPathComponent("nowhere").path) }
    let broken = plots.appendingPathComponent("broken")
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    try Data("{not json".utf8).write(to: broken.appendingPathComponent("metrics.json"))
    do {
      _ = try RunFolder(broken.path)
      Issue.record("a broken metrics.json was read")
    } catch {
      #expect(error.description.contains("is not a lesson's metrics.json") && !error.description.contains("\n"))
    }
  }
}

/// Fresh temporary folders for these tests.
enum LessonKitTemporary {
  static func folder(_ prefix: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
