import CGnuplot
import Foundation

/// What rendering one chart produced.
public struct RenderedChart: Sendable, Equatable {
  /// The chart's file stem.
  public var name: String
  /// The files written, by file name (`NAME.gp`, `NAME.dat`, and `NAME.png` when gnuplot worked).
  public var files: [String]
  /// A text rendering for the terminal (gnuplot's dumb terminal, or a shaded grid for heatmaps).
  public var preview: String?
  /// One line saying why the PNG could not be made, or nil.
  public var failure: String?
}

/// Writes a chart's `.gp` and `.dat` files into a folder and renders them with gnuplot (through the
/// gnuplot-iostream bridge) to `NAME.png` and a text preview.
///
/// If gnuplot is missing or fails, the `.gp` and `.dat` files are still written and `failure`
/// says what went wrong in one line; the caller decides the exit status at the end.
public struct ChartRenderer: Sendable {
  /// The folder charts are written into.
  public var directory: URL
  /// Width of the text preview in characters.
  public var previewColumns: Int

  /// A renderer writing into `directory`.
  public init(directory: URL, previewColumns: Int = 100) {
    self.directory = directory
    self.previewColumns = previewColumns
  }

  /// Whether a `gnuplot` executable is on the PATH.
  public static var gnuplotAvailable: Bool { gnuplotPath != nil }

  /// gnuplot's version line ("gnuplot 5.4 patchlevel 4"), or nil if it is not installed.
  public static var gnuplotVersion: String? {
    guard gnuplotAvailable else { return nil }
    let script = "print sprintf('%g patchlevel %s', GPVAL_VERSION, GPVAL_PATCHLEVEL)"
    let run = try? runGnuplot(script: script, in: FileManager.default.temporaryDirectory)
    guard let run, run.status == 0 else { return nil }
    let text = (run.stdout + run.stderr).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : "gnuplot " + text
  }

  /// Writes `NAME.gp` and `NAME.dat`, then renders `NAME.png` and, if asked, the text preview.
  public func render(_ chart: Chart, preview wantsPreview: Bool) throws -> RenderedChart {
    var result = try write(chart, preview: wantsPreview)
    guard result.failure == nil else { return result }
    if let failure = ChartRenderer.drawPNG(GnuplotScript(chart), in: directory) {
      result.failure = failure
    } else {
      result.files.append("\(chart.name).png")
    }
    return result
  }

  /// Writes a script's `NAME.gp` and `NAME.dat` (a figure no `Chart` describes, such as
  /// `GnuplotScript.heatmapPair`) and draws `NAME.png`; returns nil, or the failure in one line.
  public func render(_ script: GnuplotScript) throws -> String? {
    try OutputFile.write(script.data, to: directory.appendingPathComponent("\(script.name).dat"))
    try OutputFile.write(script.pngScript(), to: directory.appendingPathComponent("\(script.name).gp"))
    guard ChartRenderer.gnuplotAvailable else {
      return "gnuplot is not installed, so \(script.name).png was not drawn (the .gp and .dat files are written)"
    }
    return ChartRenderer.drawPNG(script, in: directory)
  }

  /// Writes `NAME.gp` and `NAME.dat` and, if asked, the text preview, but not the PNG (a
  /// `ChartQueue` draws it); `failure` says so when gnuplot is not installed.
  public func write(_ chart: Chart, preview wantsPreview: Bool) throws -> RenderedChart {
    let script = GnuplotScript(chart)
    try OutputFile.write(script.data, to: directory.appendingPathComponent("\(chart.name).dat"))
    try OutputFile.write(script.pngScript(), to: directory.appendingPathComponent("\(chart.name).gp"))
    var result = RenderedChart(
      name: chart.name, files: ["\(chart.name).gp", "\(chart.name).dat"], preview: nil, failure: nil)

    if let heatmap = chart.heatmap, wantsPreview {
      result.preview = HeatmapPreview.render(chart.title, heatmap, columns: previewColumns)
    }
    guard ChartRenderer.gnuplotAvailable else {
      result.failure =
        "gnuplot is not installed, so \(chart.name).png was not drawn (the .gp and .dat files are written)"
      return result
    }
    if wantsPreview && chart.heatmap == nil {
      let text = try ChartRenderer.runGnuplot(
        script: script.previewScript(columns: previewColumns), in: directory)
      if text.status == 0 { result.preview = ChartRenderer.trimmed(text.stdout) }
    }
    return result
  }

  /// Draws `script`'s PNG in a gnuplot run of its own: to a temporary name, renamed to `NAME.png`
  /// when gnuplot succeeded, so a failed run leaves no broken image. Returns nil, or the failure in
  /// one line.
  static func drawPNG(_ script: GnuplotScript, in directory: URL) -> String? {
    let name = script.name
    do {
      let png = try runGnuplot(script: script.pngScript(output: partialName(name)), in: directory)
      if png.status == 0, try publishPartial(name, in: directory) { return nil }
      try? FileManager.default.removeItem(at: directory.appendingPathComponent(partialName(name)))
      return "gnuplot failed on \(name).gp: \(firstError(png.stderr, status: png.status))"
    } catch {
      return "could not run gnuplot on \(name).gp: \(error.localizedDescription)"
    }
  }

  /// The temporary file a chart's PNG is drawn to.
  static func partialName(_ name: String) -> String { ".\(name).png.partial" }

  /// Renames `.NAME.png.partial` to `NAME.png`, replacing an older one; false if there is none.
  static func publishPartial(_ name: String, in directory: URL) throws -> Bool {
    let partial = directory.appendingPathComponent(partialName(name))
    guard FileManager.default.fileExists(atPath: partial.path) else { return false }
    let target = directory.appendingPathComponent("\(name).png")
    _ = try? FileManager.default.removeItem(at: target)
    try FileManager.default.moveItem(at: partial, to: target)
    return true
  }

  // MARK: - gnuplot process

  private static var gnuplotPath: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/gnuplot" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Runs gnuplot on `script` in `directory` through the C bridge; returns its exit status and output.
  public static func runGnuplot(script: String, in directory: URL) throws -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradientlab-gnuplot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let out = scratch.appendingPathComponent("stdout")
    let err = scratch.appendingPathComponent("stderr")
    let status = cgnuplot_run(script, directory.path, out.path, err.path)
    let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
    return (status, stdout, stderr)
  }

  /// The first line of gnuplot's error output that names the problem.
  public static func firstError(_ stderr: String, status: Int32) -> String {
    let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    let line = lines.first { $0.contains("line ") && $0.contains(":") } ?? lines.last { !$0.isEmpty }
    return line.map { "\($0) (exit status \(status))" } ?? "exit status \(status)"
  }

  private static func trimmed(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { String($0).replacingOccurrences(of: "\u{0C}", with: "") }
      .drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }
      .joined(separator: "\n").trimmingCharacters(in: .newlines)
  }
}
