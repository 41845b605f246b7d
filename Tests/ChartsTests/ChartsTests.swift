import Foundation
import Testing

import Charts

@Suite("Charts")
struct ChartsTests {
  static let chart = Chart(
    name: "demo", title: "It's a demo", xLabel: "layer", yLabel: "norm", logY: true,
    series: [
      Series(title: "measured", x: [1, 2, 3], y: [1, .infinity, 0.5]),
      Series(title: "theory", x: [1, 3], y: [1, 0.25], style: .dashed, colorGroup: 0),
    ],
    markers: [Marker(x: 2, label: "first non-finite")])

  @Test func scriptHasOneDataBlockPerSeriesAndMarksNonFinite() {
    let script = GnuplotScript(Self.chart)
    let blocks = script.data.components(separatedBy: "\n\n\n")
    #expect(blocks.count == 2)
    #expect(blocks[0].contains("2.0 NaN"))
    #expect(script.body.contains("index 1 using 1:2 with lines dashtype 2"))
    #expect(script.body.contains("set logscale y"))
    #expect(script.body.contains("'It''s a demo'"))
    #expect(script.body.contains("set arrow 1 from 2.0, graph 0"))
    #expect(script.pngScript().contains("set output 'demo.png'"))
  }

  /// A sweep whose runs went non-finite (NaN, +Inf) draws each of them as a triangle at the top
  /// edge in its series' color, with "non-finite" in the legend; a value ≤ 0 on a log axis is a
  /// gap, not a non-finite run; a curve (`.gap`) gets no triangles. Read back (as `compare`
  /// does), the same runs are non-finite and the gap stays a gap.
  @Test func aSweepMarksItsNonFiniteRunsAtTheTopEdge() throws {
    let sweep = Chart(
      name: "sweep", title: "final loss", xLabel: "lr", yLabel: "loss", logX: true, logY: true,
      series: [
        Series(
          title: "plain", x: [0.1, 1, 3, 10], y: [0.5, .nan, -1, .infinity], style: .linePoints, colorGroup: 1,
          nonFinite: .edgeMarker),
        Series(title: "curve", x: [1, 2], y: [1, .nan], colorGroup: 2),
      ])
    let script = GnuplotScript(sweep)
    let blocks = script.data.components(separatedBy: "\n\n\n")
    #expect(blocks.count == 3)
    #expect(blocks[2].hasPrefix("# [2] plain: non-finite"))
    #expect(blocks[2].split(separator: "\n").dropFirst() == ["1.0 0.97", "10.0 0.97"])
    #expect(script.body.contains("set y2range [0:1]"))
    #expect(
      script.body.contains(
        "index 2 using 1:2 axes x1y2 with points pointtype 8 pointsize 1.8 linewidth 2 linecolor rgb '#d62728' title 'plain: non-finite'"
      ))
    #expect(
      !script.body.contains("axes x1y2 with points pointtype 8 pointsize 1.8 linewidth 2 linecolor rgb '#2ca02c'"))
    // The curve that stopped is marked where it stopped, the chart having no markers of its own.
    #expect(script.body.contains("set arrow 1 from 2.0, graph 0"))
    #expect(script.body.contains("set label 1 'curve: non-finite at x = 2' at 2.0"))
    #expect(!script.body.contains("set arrow 2"))
    #expect(!GnuplotScript(Self.chart).body.contains("axes x1y2"))

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let rendered = try ChartRenderer(directory: directory).render(sweep, preview: false)
    if ChartRenderer.gnuplotAvailable { #expect(rendered.failure == nil, "\(rendered.failure ?? "")") }
    let back = try ChartFiles.read("sweep", in: directory)
    #expect(back.series.count == 2)
    #expect(back.series[0].nonFinite == .edgeMarker && back.series[0].edgeMarkerX == [1, 10])
    #expect(back.series[1].nonFinite == .gap && back.series[1].edgeMarkerX.isEmpty)
    #expect(GnuplotScript(back).data == script.data)
  }

  @Test func heatmapCarriesLinesOverItAndUntitledSeriesStayOutOfTheLegend() throws {
    let chart = Chart(
      name: "phase", title: "phase", xLabel: "a", yLabel: "b",
      series: [
        Series(title: "critical line", x: [0, 1], y: [1, 2], style: .dashed),
        Series(title: "", x: [0, 1], y: [0, 1], style: .faint, colorGroup: 2),
      ],
      heatmap: Heatmap(xValues: [0, 1], yValues: [0, 1], values: [[1, 2], [3, 4]], colorLabel: "χ"))
    let script = GnuplotScript(chart)
    #expect(script.body.contains("index 0 using 1:2:3 with image notitle"))
    #expect(script.body.contains("index 1 using 1:2 with lines dashtype 2"))
    #expect(script.body.contains("index 2 using 1:2 with lines linewidth 1 linecolor rgb '#B02ca02c' notitle"))
    // gnuplot counts blocks separated by two blank lines: heatmap, then one per line.
    #expect(script.data.components(separatedBy: "\n\n\n").count == 3)
    if ChartRenderer.gnuplotAvailable {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let rendered = try ChartRenderer(directory: directory).render(chart, preview: false)
      #expect(rendered.failure == nil)
      #expect(rendered.files.contains("phase.png"))
    }
  }

  @Test func heatmapWritesAGridWithNaNCells() {
    let chart = Chart(
      name: "h", title: "h", xLabel: "step", yLabel: "layer",
      heatmap: Heatmap(
        xValues: [0, 1], yValues: [1, 2], values: [[1, .nan], [2, 3]], colorLabel: "log10", colorRange: 0...4))
    let script = GnuplotScript(chart)
    #expect(script.data.contains("1.0 1.0 NaN"))
    #expect(script.body.contains("with image"))
    #expect(script.body.contains("set cbrange [0.0:4.0]"))
    #expect(HeatmapPreview.render("h", chart.heatmap!, columns: 40).contains("X"))
  }

  @Test func rendererWritesScriptDataAndPNG() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let rendered = try ChartRenderer(directory: directory).render(Self.chart, preview: true)
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("demo.gp").path))
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("demo.dat").path))
    if ChartRenderer.gnuplotAvailable {
      #expect(rendered.failure == nil)
      let png = try Data(contentsOf: directory.appendingPathComponent("demo.png"))
      #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
      #expect(rendered.preview?.contains("It's a demo") == true)
    } else {
      #expect(rendered.failure?.contains("gnuplot is not installed") == true)
    }
  }

  /// One gnuplot process draws every queued chart; a chart gnuplot rejects (a log scale with no
  /// positive value) is reported by name and leaves no image, and the others are still drawn.
  @Test(.enabled(if: ChartRenderer.gnuplotAvailable))
  func aQueueDrawsEveryChartAndNamesTheOneGnuplotRejects() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let renderer = ChartRenderer(directory: directory)
    let queue = ChartQueue(directory: directory)
    let rejected = Chart(
      name: "rejected", title: "no positive value", xLabel: "x", yLabel: "y", logY: true,
      series: [Series(title: "negative", x: [1, 2], y: [-1, -2])])
    var second = Self.chart
    second.name = "demo-again"
    for chart in [Self.chart, rejected, second] {
      #expect(try renderer.write(chart, preview: false).failure == nil)
      queue.enqueue(chart)
    }
    let failures = queue.finish()
    #expect(failures.count == 1 && failures[0].hasPrefix("gnuplot failed on rejected.gp: "), "\(failures)")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(files.contains("demo.png") && files.contains("demo-again.png"))
    #expect(!files.contains("rejected.png") && !files.contains { $0.hasSuffix(".partial") }, "\(files)")
    let png = try Data(contentsOf: directory.appendingPathComponent("demo-again.png"))
    #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    #expect(queue.finish().isEmpty)
  }

  @Test(.enabled(if: ChartRenderer.gnuplotAvailable))
  func gnuplotErrorsAreReportedInOneLine() throws {
    let run = try ChartRenderer.runGnuplot(
      script: "plot 'no-such-file.dat' using 1:2", in: FileManager.default.temporaryDirectory)
    #expect(run.status != 0)
    let message = ChartRenderer.firstError(run.stderr, status: run.status)
    #expect(message.contains("no-such-file") && !message.contains("\n"))
  }
}

@Suite("gnuplot version")
struct GnuplotVersionTests {
  @Test(.enabled(if: ChartRenderer.gnuplotAvailable))
  func versionIsReadFromGnuplot() throws {
    let version = try #require(ChartRenderer.gnuplotVersion)
    #expect(version.hasPrefix("gnuplot ") && version.contains("patchlevel"))
  }
}
