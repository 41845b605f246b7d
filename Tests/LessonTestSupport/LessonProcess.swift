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
    _ name: String, _ arguments: [String], environment: [String: String]? = nil, input: Pipe? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable(name)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let input { process.standardInput = input }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
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
