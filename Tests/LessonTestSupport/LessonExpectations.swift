import Foundation
import LessonKit
import Notebook
import Testing

/// The checks every lesson's tests make, written once.
public enum LessonExpectations {
  /// Runs lesson `name` with `arguments` (plus `--quick` and a fresh `--plots-dir`) and expects the
  /// command-line contract for a bad value: exit status 64, exactly one line on standard error
  /// starting with "<name>: error: ", nothing on standard output, and nothing written.
  public static func rejects(
    _ name: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let directory = LessonProcess.temporaryDirectory("\(name)-rejects")
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try LessonProcess.run(name, arguments + ["--quick", "--plots-dir", directory.path])
    #expect(result.status == 64, "exit status \(result.status) for \(arguments)", sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(lines.first?.hasPrefix("\(name): error: ") == true, sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, sourceLocation: sourceLocation)
  }

  /// `<lesson>.ipynb` in `folder` survives what Jupyter does to a notebook and renders right:
  /// - nbformat's reference validator (under Debian's /usr/bin/python3, where `./setup` installs
  ///   python3-nbformat) accepts it: nbformat 4.5, a kernelspec and language_info;
  /// - it holds no code cell (so "Run All" changes nothing) and each of `charts` is an image
  ///   attachment of a Markdown cell, still there after nbconvert's ClearOutputPreprocessor
  ///   (Jupyter's "Clear outputs");
  /// - `jupyter-nbconvert --to html` renders every chart as an `<img>` of PNG data, numbers the
  ///   exercises 1…N as a reader sees them (each `<ol>` counted from its `start`, as a browser
  ///   does) and leaves no Markdown syntax (a backtick or `**`) outside code.
  /// Everything is written into a folder of its own: `folder` is left as it is.
  public static func jupyterNotebookIsValid(
    in folder: URL, lesson: String, charts: [String], exercises: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let notebook = folder.appendingPathComponent("\(lesson).ipynb")
    let rendered = LessonProcess.temporaryDirectory("\(lesson)-nbconvert")
    defer { try? FileManager.default.removeItem(at: rendered) }
    let cleared = rendered.appendingPathComponent("cleared.ipynb")
    let clearing = try LessonProcess.run(
      program: URL(fileURLWithPath: "/usr/bin/jupyter-nbconvert"),
      [
        "--to", "notebook", "--ClearOutputPreprocessor.enabled=True", notebook.path, "--output", cleared.path,
      ])
    #expect(clearing.status == 0, "nbconvert: \(clearing.stderr.suffix(300))", sourceLocation: sourceLocation)
    let html = rendered.appendingPathComponent("rendered.html")
    let conversion = try LessonProcess.run(
      program: URL(fileURLWithPath: "/usr/bin/jupyter-nbconvert"),
      ["--to", "html", notebook.path, "--output", html.path])
    #expect(conversion.status == 0, "nbconvert: \(conversion.stderr.suffix(300))", sourceLocation: sourceLocation)
    let script = #"""
      import json, re, sys, nbformat
      from html.parser import HTMLParser
      def attached(path):
          nb = nbformat.read(path, as_version=4)
          nbformat.validate(nb)
          names = [n for c in nb.cells if c.cell_type == "markdown" for n, d in c.get("attachments", {}).items() if "image/png" in d]
          return nb, names
      nb, names = attached(sys.argv[1])
      _, kept = attached(sys.argv[2])
      class Reader(HTMLParser):
          """The text a browser shows, with list numbers; code and style left out."""
          def __init__(self):
              super().__init__(); self.text, self.lists, self.skip = [], [], 0
          def handle_starttag(self, tag, attrs):
              if tag in ("code", "pre", "style", "script"): self.skip += 1
              elif tag == "ol": self.lists.append(int(dict(attrs).get("start", 1)) - 1)
              elif tag == "ul": self.lists.append(None)
              elif tag == "li" and self.lists and self.lists[-1] is not None:
                  self.lists[-1] += 1; self.text.append("\n%d. " % self.lists[-1])
              elif tag in ("p", "li", "h1", "h2", "h3", "br", "tr"): self.text.append("\n")
          def handle_endtag(self, tag):
              if tag in ("code", "pre", "style", "script"): self.skip -= 1
              elif tag in ("ol", "ul") and self.lists: self.lists.pop()
          def handle_data(self, data):
              if not self.skip: self.text.append(data)
      page = open(sys.argv[3], encoding="utf-8").read()
      reader = Reader(); reader.feed(page)
      text = "".join(reader.text)
      exercises = text[text.rfind("Exercises"):]
      print(json.dumps({
          "minor": nb.nbformat_minor, "kernel": nb.metadata.get("kernelspec", {}).get("name"),
          "language": nb.metadata.get("language_info", {}).get("name"),
          "code_cells": sum(c.cell_type == "code" for c in nb.cells),
          "attachments": names, "after_clearing": kept,
          "images": len(re.findall(r'<img src="data:image/png;base64,', page)),
          "numbers": [int(n) for n in re.findall(r"(?m)^\s*(\d+)\. ", exercises)],
          "markdown_left": [m for m in re.findall(r".{0,30}(?:`|\*\*).{0,30}", text)][:3],
      }))
      """#
    let report = try LessonProcess.run(
      program: URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, notebook.path, cleared.path, html.path])
    #expect(report.status == 0, "nbformat: \(report.stderr.suffix(500))", sourceLocation: sourceLocation)
    guard report.status == 0,
      let found = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
    else { return }
    #expect(found["minor"] as? Int == 5, sourceLocation: sourceLocation)
    #expect(found["kernel"] as? String == "python3" && found["language"] as? String == "python")
    #expect(found["code_cells"] as? Int == 0, "code cells in \(lesson).ipynb", sourceLocation: sourceLocation)
    let pngs = charts.map { "\($0).png" }.sorted()
    #expect((found["attachments"] as? [String])?.sorted() == pngs, sourceLocation: sourceLocation)
    #expect(
      (found["after_clearing"] as? [String])?.sorted() == pngs, "charts lost by clearing outputs",
      sourceLocation: sourceLocation)
    #expect(found["images"] as? Int == charts.count, "images in nbconvert's HTML", sourceLocation: sourceLocation)
    #expect(
      found["numbers"] as? [Int] == Array(1..<(exercises + 1)),
      "exercise numbers in nbconvert's HTML", sourceLocation: sourceLocation)
    #expect(
      (found["markdown_left"] as? [String])?.isEmpty == true,
      "Markdown in nbconvert's HTML: \(found["markdown_left"] ?? "")",
      sourceLocation: sourceLocation)
  }

  /// The repository's root folder (where `plots/` holds the committed reference runs).
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Runs `lesson` in quick mode with `arguments`, a command line that changes what the run
  /// measures, and expects claim `claim` to get `verdict` where the committed reference run gave
  /// another, with `evidence` in its evidence and "Verdict: <verdict>" on the terminal: a verdict
  /// follows the measurement. The run may fail a check (exit status 1) only if `checksMayFail`.
  /// Returns the run's "parameters" and metrics.json, for a lesson's own expectations.
  @discardableResult
  public static func overrideChangesAVerdict(
    _ lesson: String, _ arguments: [String], claim: String, verdict: String, evidence: String,
    checksMayFail: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> (parameters: [String: Any], metrics: [String: Any]) {
    let (result, object) = try runQuick(lesson, arguments)
    #expect(
      result.status == 0 || (checksMayFail && result.status == 1), "\(lesson) \(arguments): \(result.stderr)",
      sourceLocation: sourceLocation)
    let reference = try metrics(in: root.appendingPathComponent("plots/\(lesson)"))
    func record(_ metrics: [String: Any]) -> [String: Any]? {
      (metrics["claims"] as? [[String: Any]])?.first { $0["id"] as? String == claim }
    }
    let found = try #require(
      record(object), "\(lesson) \(arguments) records no claim \(claim)", sourceLocation: sourceLocation)
    #expect(
      record(reference)?["verdict"] as? String != verdict, "\(claim): the reference already says \(verdict)",
      sourceLocation: sourceLocation)
    #expect(
      found["verdict"] as? String == verdict, "\(lesson) \(arguments): \(claim) is \(found["verdict"] ?? "?")",
      sourceLocation: sourceLocation)
    let text = found["evidence"] as? String ?? ""
    #expect(text.contains(evidence), "\(lesson) \(arguments): evidence “\(text)”", sourceLocation: sourceLocation)
    #expect(
      result.stdout.contains("Verdict: \(verdict)"), "\(lesson) \(arguments): the terminal shows another verdict",
      sourceLocation: sourceLocation)
    return (object["parameters"] as? [String: Any] ?? [:], object)
  }

  /// Exercise `number` of `lesson` (its original variant in quick mode, seed 42) judges `right`
  /// correct and `wrong`, a mistake a student makes, wrong with a reason.
  public static func exerciseJudges<L: Lesson>(
    _ lesson: L.Type, number: Int, right: Double, wrong: Double, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let exercise = try lesson.exercises(L.Configuration(quick: true, seed: 42), variant: .original)[number - 1]
    let yes = exercise.check(right)
    let no = exercise.check(wrong)
    #expect(yes.correct, "\(L.name) \(number): \(yes.reason)", sourceLocation: sourceLocation)
    #expect(!no.correct && no.reason.count > 40, "\(L.name) \(number): \(no.reason)", sourceLocation: sourceLocation)
  }

  /// `<lesson> --exercise N --answer X`, as a student types it after reading the lesson in full
  /// mode, prints "Exercise N: correct." and exits 0 for `right`, and exits 1 with "incorrect" and
  /// the hint of the mistake (holding `hint`) for `wrong`.
  public static func exerciseCommandJudges(
    _ lesson: String, number: Int, right: String, wrong: String, hint: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let yes = try LessonProcess.run(lesson, ["--exercise", "\(number)", "--answer", right])
    #expect(
      yes.status == 0 && yes.stdout.hasPrefix("Exercise \(number): correct."), "\(lesson): \(yes.stdout)",
      sourceLocation: sourceLocation)
    let no = try LessonProcess.run(lesson, ["--exercise", "\(number)", "--answer", wrong])
    #expect(
      no.status == 1 && no.stdout.hasPrefix("Exercise \(number): incorrect."), "\(lesson): \(no.stdout)",
      sourceLocation: sourceLocation)
    #expect(no.stdout.contains(hint), "\(lesson) \(number) \(wrong): \(no.stdout)", sourceLocation: sourceLocation)
  }

  /// Runs `lesson` in quick mode with `overrides` into a temporary folder, expects exit status 0,
  /// and returns its metrics.json with its "parameters" (the folder is deleted).
  public static func quickRun(
    _ lesson: String, overrides: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> (parameters: [String: Any], metrics: [String: Any]) {
    let (result, object) = try runQuick(lesson, overrides)
    #expect(result.status == 0, "\(lesson) \(overrides): \(result.stderr)", sourceLocation: sourceLocation)
    return (object["parameters"] as? [String: Any] ?? [:], object)
  }

  /// Runs `lesson --quick --no-preview` with `arguments` into a temporary folder (deleted after)
  /// and returns how it ended and its metrics.json.
  static func runQuick(_ lesson: String, _ arguments: [String]) throws -> (LessonProcess.Result, [String: Any]) {
    let directory = LessonProcess.temporaryDirectory("\(lesson)-quick-run")
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try LessonProcess.run(lesson, ["--quick", "--no-preview", "--plots-dir", directory.path] + arguments)
    return (result, try metrics(in: directory.appendingPathComponent(lesson)))
  }

  /// The parsed metrics.json of an output folder.
  public static func metrics(in folder: URL) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
    return object as? [String: Any] ?? [:]
  }
}
