import CBLASKernel
import Foundation
import LessonTestSupport
import Testing

/// The command-line contract every lesson keeps, held once for all of them by running the built
/// executables as a student would: `--help`, an unusable `--plots-dir`, outputs replaced whole,
/// and the same checks under two BLAS kernels.
@Suite("Lesson contract", .serialized)
struct LessonContractTests {
  static let lessons = [
    "exploding", "initialization", "batchnorm", "batch-gd", "clipping", "residual", "documents",
  ]

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

  /// `batch-gd` in full over a folder holding a quick run, killed with SIGKILL once its first
  /// chart is written: the folder is byte for byte the quick run's, and the next run removes
  /// what the killed one left.
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
      if names.contains(where: { $0.hasSuffix(".png") }) {
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

  /// Issue: a machine whose environment sets `OPENBLAS_CORETYPE=Haswell`. The same quick run under
  /// that kernel and under the default one (the variable unset: the best kernel the CPU supports)
  /// passes the same checks, and metrics.json names the kernel each ran on.
  @Test(arguments: ["exploding", "batchnorm"])
  func checksAreTheSameUnderTwoBLASKernels(lesson: String) throws {
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = nil
    environment["OPENBLAS_L2_SIZE"] = nil
    var kernels: [(String, [String: String])] = [("default", environment)]
    if !String(cString: cblaskernel_best_coretype()).isEmpty {  // an x86-64 CPU with AVX2
      var haswell = environment
      haswell["OPENBLAS_CORETYPE"] = "Haswell"
      kernels.append(("Haswell", haswell))
    }
    var outcomes: [String: [String: Bool]] = [:]
    for (name, environment) in kernels {
      let plots = LessonProcess.temporaryDirectory("contract-kernel")
      defer { try? FileManager.default.removeItem(at: plots) }
      let result = try LessonProcess.run(
        lesson, ["--quick", "--no-preview", "--plots-dir", plots.path], environment: environment)
      #expect(result.status == 0, "\(lesson) under the \(name) kernel: \(result.stderr)")
      let metrics = try LessonExpectations.metrics(in: plots.appendingPathComponent(lesson))
      let versions = try #require(metrics["versions"] as? [String: Any])
      let kernel = try #require(versions["blas_kernel"] as? String)
      if name == "Haswell" {
        #expect(kernel == "Haswell" && versions["blas_kernel_selection"] as? String == "user")
      } else {
        #expect(versions["blas_kernel_selection"] as? String != "user", "kernel \(kernel)")
      }
      let checks = try #require(metrics["checks"] as? [[String: Any]])
      outcomes[name] = Dictionary(
        checks.map { ($0["name"] as? String ?? "?", $0["passed"] as? Bool ?? false) },
        uniquingKeysWith: { a, b in a && b })
    }
    #expect(outcomes["Haswell"].map { $0 == outcomes["default"] } ?? true, "checks differ between kernels")
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
