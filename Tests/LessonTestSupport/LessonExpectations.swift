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

  /// `<lesson>.ipynb` in `folder` passes the reference validator (nbformat, under Debian's
  /// /usr/bin/python3, where `./setup` installs python3-nbformat), is nbformat 4.5 with one
  /// Markdown cell per README section and an image/png output for each of `charts`, and
  /// `jupyter-nbconvert --to html` renders it (into a folder of its own: `folder` is left as it is).
  public static func jupyterNotebookIsValid(
    in folder: URL, lesson: String, charts: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let notebook = folder.appendingPathComponent("\(lesson).ipynb")
    let script = """
      import json, sys, nbformat
      nb = nbformat.read(sys.argv[1], as_version=4)
      nbformat.validate(nb)
      images = [c.source for c in nb.cells if c.cell_type == "code" and any("image/png" in o.get("data", {}) for o in c.outputs)]
      print(json.dumps({"minor": nb.nbformat_minor, "cells": len(nb.cells), "images": images}))
      """
    let validation = try LessonProcess.run(
      program: URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, notebook.path])
    #expect(validation.status == 0, "nbformat: \(validation.stderr)", sourceLocation: sourceLocation)
    guard validation.status == 0,
      let report = try JSONSerialization.jsonObject(with: Data(validation.stdout.utf8)) as? [String: Any]
    else { return }
    #expect(report["minor"] as? Int == 5, sourceLocation: sourceLocation)
    let images = (report["images"] as? [String]) ?? []
    for chart in charts {
      #expect(
        images.contains { $0.hasPrefix("# \(chart).png") }, "\(chart) has no image output",
        sourceLocation: sourceLocation)
    }
    let rendered = LessonProcess.temporaryDirectory("\(lesson)-nbconvert")
    defer { try? FileManager.default.removeItem(at: rendered) }
    let html = rendered.appendingPathComponent("rendered.html")
    let conversion = try LessonProcess.run(
      program: URL(fileURLWithPath: "/usr/bin/jupyter-nbconvert"),
      ["--to", "html", notebook.path, "--output", html.path])
    #expect(conversion.status == 0, "nbconvert: \(conversion.stderr.suffix(300))", sourceLocation: sourceLocation)
    #expect(FileManager.default.fileExists(atPath: html.path), sourceLocation: sourceLocation)
  }

  /// Runs `lesson` in quick mode with `overrides` into a temporary folder, expects exit status 0,
  /// and returns its metrics.json with its "parameters" (the folder is deleted).
  public static func quickRun(
    _ lesson: String, overrides: [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> (parameters: [String: Any], metrics: [String: Any]) {
    let directory = LessonProcess.temporaryDirectory("\(lesson)-overrides")
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = try LessonProcess.run(
      lesson, ["--quick", "--no-preview", "--plots-dir", directory.path] + overrides)
    #expect(result.status == 0, "\(lesson) \(overrides): \(result.stderr)", sourceLocation: sourceLocation)
    let object = try metrics(in: directory.appendingPathComponent(lesson))
    return (object["parameters"] as? [String: Any] ?? [:], object)
  }

  /// The parsed metrics.json of an output folder.
  public static func metrics(in folder: URL) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
    return object as? [String: Any] ?? [:]
  }
}
