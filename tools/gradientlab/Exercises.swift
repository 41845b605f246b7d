import ArgumentParser
import Foundation

/// `gradientlab exercises [NAME…] [--solutions]`: builds the code exercises and checks them, the
/// student's (exercises/Student) by default or the solutions (exercises/Solutions).
///
/// It rebuilds `check-exercises` with SwiftPM (so an edited exercise is checked as written), then
/// runs it once per exercise: a crash in one exercise (an index out of range, say) is reported
/// as that exercise's verdict and the others are still checked.
struct Exercises: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build and check the code exercises (yours in exercises/Student, or --solutions).",
    discussion: """
      Each exercise is a function to write in exercises/Student/<File>.swift; its doc comment says \
      what to compute and which lesson step it belongs to. Prints per exercise: not done, correct \
      (with the relative errors beside their thresholds) or wrong (with the reason). Exit status \
      0 only if every checked exercise is correct.
      """)

  @Argument(help: "The exercises to check (default: all), e.g. dense-backward batchnorm-backward.")
  var names: [String] = []

  @Flag(help: "Check the solutions in exercises/Solutions instead of your own.")
  var solutions = false

  func run() throws {
    let root = try Self.packageRoot()
    if solutions && !FileManager.default.fileExists(atPath: root.appendingPathComponent("exercises/Solutions").path) {
      throw ValidationError("there is no exercises/Solutions folder in \(root.path) (a teacher may have removed it)")
    }
    // The list of names comes from the checker itself, after the build, so it cannot drift.
    print("Building the exercises…")
    let build = try Self.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["swift", "build", "-c", "release", "--product", "check-exercises"], in: root)
    guard build.status == 0 else {
      let errors = build.output.split(separator: "\n").filter { $0.contains("error:") }
      print("The exercises do not compile:")
      for line in (errors.isEmpty ? build.output.split(separator: "\n").suffix(20) : errors.prefix(20)) {
        print("  \(line)")
      }
      throw ExitCode(1)
    }
    let checker = root.appendingPathComponent(".build/release/check-exercises")
    let chosen = try Self.run(checker, ["--list"] + names, in: root)
    guard chosen.status == 0 else {
      throw ValidationError(chosen.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    let list = chosen.output.split(separator: "\n").map(String.init)
    var statuses: [Int32] = []
    for name in list {
      let result = try Self.run(checker, (solutions ? ["--solutions"] : []) + [name], in: root)
      if result.status > 2 || result.crashed {
        print(
          """
          \(name): wrong. The function crashed \
          (\(result.crashed ? "signal \(result.status)" : "status \(result.status)")): \
          \(result.output.split(separator: "\n").last ?? "")
          """
        )
        statuses.append(1)
      } else {
        print(result.output.trimmingCharacters(in: .newlines))
        statuses.append(result.status)
      }
    }
    let correct = statuses.filter { $0 == 0 }.count
    print("\(correct) of \(statuses.count) correct\(solutions ? " (solutions)" : "").")
    if correct < statuses.count { throw ExitCode(statuses.contains(1) ? 1 : 2) }
  }

  /// The package's folder: the nearest folder above this executable (or the current folder)
  /// that holds Package.swift and exercises/.
  static func packageRoot() throws -> URL {
    let manager = FileManager.default
    var starts = [URL(fileURLWithPath: manager.currentDirectoryPath)]
    if let executable = Bundle.main.executableURL { starts.insert(executable.resolvingSymlinksInPath(), at: 0) }
    for start in starts {
      var folder = start
      while folder.path != "/" {
        if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
          && manager.fileExists(atPath: folder.appendingPathComponent("exercises").path)
        {
          return folder
        }
        folder.deleteLastPathComponent()
      }
    }
    throw ValidationError("cannot find the GradientLab package (Package.swift and exercises/): run from its folder")
  }

  /// Runs `program` with `arguments` in `folder`, standard output and error together.
  static func run(_ program: URL, _ arguments: [String], in folder: URL) throws -> (
    status: Int32, crashed: Bool, output: String
  ) {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, process.terminationReason == .uncaughtSignal, String(decoding: data, as: UTF8.self)
    )
  }
}
