import CBLASKernel
import Foundation
import LessonCatalogue
import LessonTestSupport
import Testing

/// The command-line contract every lesson keeps, held once for all of them by running the built
/// executables as a student would (`--help`, an unusable `--plots-dir`, outputs replaced whole) and
/// its quick run against the committed reference run.
/// (The same checks and verdicts under two BLAS kernels: `ClaimTests`.)
@Suite("Lesson contract", .serialized)
struct LessonContractTests {
  /// Every lesson's executable name, in the catalogue's order (`gradientlab list`).
  static let lessons = LessonCatalogue.lessons.map { $0.name }

  /// The catalogue holds every lesson of lessons/, in folder order: a lesson added to Package.swift
  /// but not to `LessonCatalogue` would be missing from `gradientlab` and from every test here.
  @Test func theCatalogueListsEveryLessonFolderInOrder() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("lessons")
    let files = FileManager.default
    let executables = try files.contentsOfDirectory(atPath: root.path).sorted().compactMap { folder in
      try files.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).first {
        files.fileExists(atPath: root.appendingPathComponent("\(folder)/\($0)/main.swift").path)
      }
    }
    #expect(!executables.isEmpty)
    #expect(Self.lessons == executables, "LessonCatalogue.lessons: \(Self.lessons); lessons/: \(executables)")
  }

  /// Each lesson's quick run (seed 42, in this process: `QuickRun`) against the committed reference
  /// run in plots/<lesson> (full mode, the same notebook at a larger size): exit status 0, every
  /// theory check passed and as many checks recorded, the same files written (each chart as PNG,
  /// .gp and .dat, the README, metrics.json, the Jupyter notebook, any other output), a Jupyter
  /// notebook that keeps its charts through Jupyter's actions and renders right
  /// (`LessonExpectations.jupyterNotebookIsValid`); and what it printed holds no Markdown syntax.
  @Test(arguments: lessons)
  func aQuickRunPassesEveryCheckAndWritesWhatTheReferenceRunWrote(lesson name: String) throws {
    let lesson = try #require(LessonCatalogue.lesson(named: name))
    let run = try QuickRun.of(lesson)
    #expect(run.status == 0)
    #expect(run.failedChecks.isEmpty, "\(name): failed checks \(run.failedChecks)")
    let reference = ReferenceTests.root.appendingPathComponent("plots/\(name)")
    let referenceChecks = try #require(try LessonExpectations.metrics(in: reference)["checks"] as? [Any])
    #expect(run.checkCount == referenceChecks.count, "\(name): checks recorded")
    let files = FileManager.default
    let written = try files.contentsOfDirectory(atPath: run.folder.path).sorted()
    let expected = try files.contentsOfDirectory(atPath: reference.path).sorted()
    #expect(written == expected, "\(name): written \(written), reference \(expected)")
    let charts = expected.filter { $0.hasSuffix(".png") }.map { String($0.dropLast(".png".count)) }
    #expect(!charts.isEmpty)
    try LessonExpectations.jupyterNotebookIsValid(
      in: run.folder, lesson: name, charts: charts, exercises: lesson.exerciseVariations.count)
    // The exercises the quick notebook prints are quick mode's, and so are the commands that check them.
    let readme = try String(contentsOf: run.folder.appendingPathComponent("README.md"), encoding: .utf8)
    for (index, exercise) in try lesson.defaultExercises(variant: .original, quick: true).enumerated() {
      let number = index + 1
      #expect(readme.contains("\(number). \(exercise.question)"), "\(name): exercise \(number) is not quick mode's")
      #expect(
        readme.contains("`swift run -c release \(name) --quick --exercise \(number) --answer <"),
        "\(name): exercise \(number)'s command does not check quick mode's exercise")
    }
    // The terminal shows plain text: no Markdown's bold or links in what a pipe receives.
    #expect(!run.terminalText.isEmpty)
    for syntax in ["**", "]("] {
      let line = run.terminalText.split(separator: "\n").first { $0.contains(syntax) }
      #expect(line == nil, "\(name) prints Markdown '\(syntax)': \(line ?? "")")
    }
  }

  /// A run with the default output folder writes into runs/, never into the committed reference
  /// plots/, and its footer says how to compare it with the reference.
  @Test func aRunLeavesTheReferenceAloneByDefault() throws {
    let folder = LessonProcess.temporaryDirectory("default-plots-dir")
    defer { try? FileManager.default.removeItem(at: folder) }
    let reference = folder.appendingPathComponent("plots/batch-gd")
    try FileManager.default.createDirectory(at: reference, withIntermediateDirectories: true)
    try Data("the reference".utf8).write(to: reference.appendingPathComponent("README.md"))
    let result = try LessonProcess.run("batch-gd", ["--quick", "--no-preview"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: reference.path) == ["README.md"])
    #expect(try String(contentsOf: reference.appendingPathComponent("README.md"), encoding: .utf8) == "the reference")
    let readme = try String(
      contentsOf: folder.appendingPathComponent("runs/batch-gd/README.md"), encoding: .utf8)
    #expect(
      readme.contains(
        "--plots-dir quick-reference`, then `swift run -c release gradientlab compare quick-reference/batch-gd runs/batch-gd`"
      ))
  }

  @Test(arguments: lessons, ["--help", "-h"])
  func helpPrintsTheUsageWithDefaultsAndExitsZero(lesson: String, flag: String) throws {
    let result = try LessonProcess.run(lesson, [flag])
    #expect(result.status == 0, "\(lesson) \(flag): status \(result.status), stderr \(result.stderr.prefix(300))")
    #expect(result.stdout.contains("USAGE: \(lesson)"))
    // Every option with its meaning and default (shared ones, and the lesson's own defaults).
    for option in ["--seed", "--quick", "--plots-dir", "--exercise", "--answer", "--clip-norm"] {
      #expect(result.stdout.contains(option), "\(lesson) \(flag): \(option) missing")
    }
    #expect(result.stdout.contains("(default: 42)"))
    #expect(result.stdout.contains("Defaults (full mode; --quick in brackets where it differs):"))
  }

  @Test(arguments: lessons)
  func anUnusablePlotsDirIsRefusedInOneLineBeforeAnyWork(lesson: String) throws {
    let file = LessonProcess.temporaryDirectory("contract-file").appendingPathComponent("a-file")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let unusable: [(String, String)] = [
      ("/proc/gradientlab-nope", "cannot create /proc/gradientlab-nope: No such file or directory"),
      (file.path, "\(file.path) is a file, not a folder"),
      (file.path + "/below", "\(file.path) is a file, not a folder"),
    ]
    for (folder, reason) in unusable {
      let result = try LessonProcess.run(lesson, ["--plots-dir", folder])
      #expect(result.status == 64, "\(lesson) --plots-dir \(folder): status \(result.status)")
      #expect(result.stdout.isEmpty, "\(lesson) did work before refusing the folder")
      let lines = result.stderr.split(separator: "\n")
      #expect(lines.count == 1 && lines[0].hasPrefix("\(lesson): error: --plots-dir '\(folder)'"), "\(result.stderr)")
      #expect(result.stderr.contains(reason), "\(result.stderr)")
    }
  }

  /// `--step` pauses before each step only at a terminal: with stdin an open pipe that never
  /// sends Enter, the run goes through every step of the reference notebook to the end. (Step mode
  /// is LessonKit's, the same for every lesson: `batch-gd`, the quickest, stands for all.) The
  /// limit only stops a run that waits forever; no timing is asserted.
  @Test(.timeLimit(.minutes(15)))
  func stepModeNeverPausesWithoutATerminal() throws {
    let plots = LessonProcess.temporaryDirectory("contract-step")
    defer { try? FileManager.default.removeItem(at: plots) }
    let reference = try String(
      contentsOf: ReferenceTests.root.appendingPathComponent("plots/batch-gd/README.md"), encoding: .utf8)
    let lastStep = try #require(reference.matches(of: /(?m)^## (Step \d+)/).last.map { String($0.output.1) })
    let neverPressed = Pipe()  // open but silent: a pause would wait forever
    let result = try LessonProcess.run(
      "batch-gd", ["--quick", "--step", "--no-preview", "--plots-dir", plots.path], input: neverPressed)
    #expect(result.status == 0)
    #expect(!result.stdout.contains("[Enter/n/q]"))
    #expect(result.stdout.contains("\(lastStep) ·"), "the run did not reach \(lastStep)")
  }

  /// At a terminal (a pseudo-terminal, through Python's pty), `--step` says once how it works,
  /// and `q` + Enter at its first prompt stops the run: exit 0, the previous outputs untouched, no
  /// staging folder left.
  @Test(.timeLimit(.minutes(15)))
  func stepModeStopsCleanlyOnQ() throws {
    let plots = LessonProcess.temporaryDirectory("contract-step-q")
    defer { try? FileManager.default.removeItem(at: plots) }
    let previous = plots.appendingPathComponent("batch-gd")
    try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: true)
    try Data("the previous run".utf8).write(to: previous.appendingPathComponent("README.md"))
    let script = """
      import os, pty, sys
      pid, fd = pty.fork()
      if pid == 0:
          os.execv(sys.argv[1], sys.argv[1:])
      out = b""
      while b"[Enter/n/q]" not in out:
          chunk = os.read(fd, 4096)
          if not chunk: break
          out += chunk
      os.write(fd, b"q\\n")
      while True:
          try:
              chunk = os.read(fd, 4096)
          except OSError:
              break
          if not chunk: break
          out += chunk
      _, status = os.waitpid(pid, 0)
      sys.stdout.write(out.decode("utf-8", "replace"))
      sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 100)
      """
    let result = try LessonProcess.run(
      program: URL(fileURLWithPath: "/usr/bin/env"),
      [
        "python3", "-c", script, LessonProcess.executable("batch-gd").path, "--quick", "--step", "--no-preview",
        "--plots-dir", plots.path,
      ])
    #expect(result.status == 0, "\(result.stdout.suffix(500)) \(result.stderr)")
    #expect(result.stdout.contains("Enter: next step · n + Enter: no more chart previews · q + Enter: stop here"))
    #expect(result.stdout.contains("Stopped before step 2"), "\(result.stdout.suffix(500))")
    #expect(try FileManager.default.contentsOfDirectory(atPath: plots.path) == ["batch-gd"], "no staging folder left")
    #expect(try FileManager.default.contentsOfDirectory(atPath: previous.path) == ["README.md"])
  }

  /// Without gnuplot on the PATH a run still writes every chart's script and data, the notebook and
  /// metrics.json, says so once per chart, passes its checks, and exits 1 at the end. (Charts are
  /// drawn by Charts for every lesson alike: `batch-gd`, the quickest, stands for all; the counts
  /// are its reference run's, which writes the same files as a quick run.)
  @Test func missingGnuplotStillWritesScriptsDataAndNotebookThenFailsAtTheEnd() throws {
    let plots = LessonProcess.temporaryDirectory("contract-no-gnuplot")
    defer { try? FileManager.default.removeItem(at: plots) }
    let reference = ReferenceTests.root.appendingPathComponent("plots/batch-gd")
    let charts = try FileManager.default.contentsOfDirectory(atPath: reference.path).filter { $0.hasSuffix(".png") }
    let checks = try #require(try LessonExpectations.metrics(in: reference)["checks"] as? [Any]).count
    #expect(!charts.isEmpty && checks > 0)
    var environment = ProcessInfo.processInfo.environment
    environment["PATH"] = "/nonexistent"
    let result = try LessonProcess.run(
      "batch-gd", ["--quick", "--no-preview", "--plots-dir", plots.path], environment: environment)
    #expect(result.status == 1)
    let complaints = result.stderr.split(separator: "\n").filter { $0.contains("gnuplot is not installed") }
    #expect(complaints.count == charts.count, "one line per chart: \(result.stderr)")
    #expect(result.stdout.contains("\(checks)/\(checks) checks passed"))
    let files = try FileManager.default.contentsOfDirectory(atPath: plots.appendingPathComponent("batch-gd").path)
    #expect(files.filter { $0.hasSuffix(".gp") }.count == charts.count)
    #expect(files.filter { $0.hasSuffix(".dat") }.count == charts.count)
    #expect(!files.contains { $0.hasSuffix(".png") })
    #expect(files.contains("README.md") && files.contains("metrics.json") && files.contains("batch-gd.ipynb"))
  }

  /// `batch-gd` in full over a folder holding a quick run, killed with SIGKILL once its first
  /// chart's script is written (its PNG is drawn in the background): the folder is byte for
  /// byte the quick run's, and the next run removes what the killed one left.
  @Test func aRunKilledMidwayLeavesThePreviousOutputsUntouched() throws {
    let plots = LessonProcess.temporaryDirectory("contract-kill")
    defer { try? FileManager.default.removeItem(at: plots) }
    let quick = try LessonProcess.run("batch-gd", ["--quick", "--no-preview", "--plots-dir", plots.path])
    #expect(quick.status == 0)
    let folder = plots.appendingPathComponent("batch-gd")
    let before = try Self.contents(of: folder)
    #expect(before.keys.contains("metrics.json") && before.keys.contains("README.md") && before.count > 10)

    let process = Process()
    process.executableURL = LessonProcess.executable("batch-gd")
    process.arguments = ["--no-preview", "--plots-dir", plots.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let staging = plots.appendingPathComponent(".batch-gd.partial-\(process.processIdentifier)")
    // Wait (up to a minute) until the full run has written a chart of its own, then kill it.
    var wroteAChart = false
    for _ in 0..<600 where process.isRunning {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
      if names.contains(where: { $0.hasSuffix(".gp") }) {
        wroteAChart = true
        break
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(wroteAChart, "the full run wrote no chart before it was killed")
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(try Self.contents(of: folder) == before, "a killed run changed the published outputs")
    #expect(FileManager.default.fileExists(atPath: staging.path))

    let next = try LessonProcess.run("batch-gd", ["--exercise", "1", "--answer", "1", "--plots-dir", plots.path])
    #expect(next.status == 0 || next.status == 1)
    #expect(FileManager.default.fileExists(atPath: staging.path), "checking an answer writes nothing")
    let again = try LessonProcess.run("batch-gd", ["--quick", "--no-preview", "--plots-dir", plots.path])
    #expect(again.status == 0)
    #expect(!FileManager.default.fileExists(atPath: staging.path), "the killed run's staging folder was not removed")
    let left = try FileManager.default.contentsOfDirectory(atPath: plots.path)
    #expect(left == ["batch-gd"], "left in --plots-dir: \(left)")
    #expect(try Self.contents(of: folder).keys.sorted() == before.keys.sorted())
  }

  /// Every file of a folder (recursively), by relative path, with its bytes.
  static func contents(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
      guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
      files[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
    }
    return files
  }
}
