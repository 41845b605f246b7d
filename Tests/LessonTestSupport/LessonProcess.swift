import Foundation

/// Runs a built lesson executable from a test, as a student would from the shell.
public enum LessonProcess {
  /// What a run printed and how it ended.
  public struct Result: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
  }

  /// The built executable `name`, found next to the test bundle (SwiftPM puts products and test
  /// bundles in the same build folder).
  public static func executable(_ name: String) -> URL {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundle, bundle.deletingLastPathComponent()] {
      let url = candidate.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
  }

  /// Runs lesson `name` with `arguments`, optionally with a replaced environment and standard input.
  public static func run(
    _ name: String, _ arguments: [String], environment: [String: String]? = nil, input: Pipe? = nil,
    in folder: URL? = nil
  ) throws -> Result {
    try run(program: executable(name), arguments, environment: environment, input: input, in: folder)
  }

  /// Runs the program at `program` (a lesson, or a tool such as /usr/bin/python3) with `arguments`.
  public static func run(
    program: URL, _ arguments: [String], environment: [String: String]? = nil, input: Pipe? = nil,
    in folder: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    if let environment { process.environment = environment }
    if let input { process.standardInput = input }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Standard error is drained on another thread while standard output is read here, so that a
    // child filling one pipe never waits for the other to be read.
    let errorText = LockedText()
    let drained = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      errorText.set(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
      drained.signal()
    }
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    drained.wait()
    let stderr = errorText.get()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }

  /// A fresh, empty temporary folder whose name starts with `prefix`.
  public static func temporaryDirectory(_ prefix: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// A string shared between two threads under a lock.
private final class LockedText: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  func set(_ value: String) { lock.withLock { text = value } }
  func get() -> String { lock.withLock { text } }
}

extension LessonProcess {
  /// Runs `jobs` (lesson, arguments, environment) two at a time, one per core, each with a
  /// one-thread BLAS (two lessons at once, each with OpenBLAS's two threads, would fight over the
  /// two cores), and returns their results in job order. The BLAS kernel is left as the
  /// environment (or the job's) chooses it.
  public static func runInParallel(_ jobs: [(String, [String], [String: String]?)]) -> [Result] {
    final class Results: @unchecked Sendable {
      let lock = NSLock()
      var values: [Int: Swift.Result<Result, any Error>] = [:]
    }
    let results = Results()
    let work = jobs
    DispatchQueue.concurrentPerform(iterations: work.count) { index in
      var environment = work[index].2 ?? ProcessInfo.processInfo.environment
      environment["OPENBLAS_NUM_THREADS"] = "1"
      let outcome = Swift.Result { try run(work[index].0, work[index].1, environment: environment) }
      results.lock.withLock { results.values[index] = outcome }
    }
    return (0..<work.count).map { index in
      switch results.values[index]! {
      case .success(let result): result
      case .failure(let error): Result(status: -1, stdout: "", stderr: "could not run: \(error)")
      }
    }
  }
}
