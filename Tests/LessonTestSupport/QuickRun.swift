import Foundation
import LessonKit
import Notebook

/// A lesson's quick run at seed 42, made once per test process and shared by every test that reads
/// it: the contract suite holds it to the committed reference run (`plots/<lesson>/`), and a
/// lesson's own tests assert its measurements in metrics.json.
public struct QuickRun: Sendable {
  /// The lesson's output folder (`<temporary folder>/<lesson>`), kept until the test process ends.
  public let folder: URL
  /// The notebook's exit status (`Notebook.finish()`).
  public let status: Int32
  /// How many theory checks the run recorded.
  public let checkCount: Int
  /// The names of the checks that failed.
  public let failedChecks: [String]
  /// What the run printed, as a pipe receives it (without chart previews).
  public let terminalText: String

  /// The quick run of `lesson`, made on first use; a test asking for a run in progress waits for
  /// it, so each lesson runs once however many tests read it.
  public static func of<L: Lesson>(_ lesson: L.Type) throws -> QuickRun {
    try QuickRunCache.shared.run(named: L.name) {
      let directory = LessonProcess.temporaryDirectory("\(L.name)-quick")
      let options = try LessonOptions.parse(["--quick", "--plots-dir", directory.path, "--no-preview"])
      let config = L.Configuration(quick: true, seed: options.seed)
      let printed = PrintedText()
      let notebook = try Notebook(
        lesson: L.name, title: L.title, settings: NotebookSettings(options), parameters: config.parameters,
        terminal: .capturing { printed.append($0) })
      let status = try L.run(config, in: notebook)
      return QuickRun(
        folder: directory.appendingPathComponent(L.name), status: status, checkCount: notebook.recordedChecks.count,
        failedChecks: notebook.recordedChecks.filter { !$0.passed }.map(\.name), terminalText: printed.text)
    }
  }
}

/// Text printed from any thread, collected under a lock.
private final class PrintedText: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []
  func append(_ part: String) { lock.withLock { parts.append(part) } }
  var text: String { lock.withLock { parts.joined() } }
}

/// The quick runs made so far, by lesson, under a lock per lesson (so two lessons run side by
/// side), and their folders removed when the test process exits.
private final class QuickRunCache: @unchecked Sendable {
  static let shared: QuickRunCache = {
    atexit { QuickRunCache.shared.removeFolders() }
    return QuickRunCache()
  }()

  private let lock = NSLock()
  private var lessonLocks: [String: NSLock] = [:]
  private var runs: [String: Result<QuickRun, any Error>] = [:]

  func run(named name: String, make: () throws -> QuickRun) throws -> QuickRun {
    let lessonLock = lock.withLock {
      if let existing = lessonLocks[name] { return existing }
      let created = NSLock()
      lessonLocks[name] = created
      return created
    }
    return try lessonLock.withLock {
      if let done = lock.withLock({ runs[name] }) { return try done.get() }
      let result = Result { try make() }
      lock.withLock { runs[name] = result }
      return try result.get()
    }
  }

  func removeFolders() {
    for case .success(let run) in lock.withLock({ Array(runs.values) }) {
      try? FileManager.default.removeItem(at: run.folder.deletingLastPathComponent())
    }
  }
}
