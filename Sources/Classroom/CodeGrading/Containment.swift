import Foundation

/// How a student's code is run: inside bubblewrap (Debian's `bubblewrap`: the file system
/// read-only, a private empty /tmp, no network, the teacher's home, the package and the other
/// submissions hidden, as user `nobody`), or, where bubblewrap does not work, with the time,
/// memory and file-size limits alone. Either way a run is killed at its time limit, and its
/// address space and the files it writes are capped (`prlimit`).
public enum Containment: Sendable, Equatable {
  case bubblewrap(String)
  /// Limits only, and why bubblewrap could not be used.
  case limitsOnly(because: String)

  /// One line for the grader's output.
  public var description: String {
    switch self {
    case .bubblewrap(let path):
      """
      student code runs in bubblewrap (\(path)): read-only file system, private /tmp, no network, \
      home and other submissions hidden, as nobody; with time and memory limits
      """
    case .limitsOnly(let reason):
      "WARNING: student code runs WITHOUT a sandbox, with time and memory limits only: \(reason)"
    }
  }

  /// Finds bubblewrap and checks that it can start a sandbox here (unprivileged user namespaces
  /// may be disabled, or a container may forbid them).
  public static func detect() -> Containment {
    guard
      let path = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      return .limitsOnly(because: "bubblewrap is not installed (./setup installs Debian's bubblewrap)")
    }
    let probe = SandboxedRun.run(
      ["/bin/true"], containment: .bubblewrap(path), hidden: [], visible: [],
      limits: .init(seconds: 10, memoryBytes: 1 << 30))
    guard probe.status == 0, !probe.timedOut else {
      let detail = probe.output.split(separator: "\n").first.map(String.init) ?? "status \(probe.status)"
      return .limitsOnly(because: "bubblewrap cannot start a sandbox on this machine (\(detail))")
    }
    return .bubblewrap(path)
  }
}

/// One contained run of a program: its exit, output and whether a limit stopped it.
public struct SandboxedRun: Sendable {
  /// The limits of one run.
  public struct Limits: Sendable {
    /// Wall-clock seconds before the run is killed.
    public var seconds: Double
    /// The address space it may map (RLIMIT_AS).
    public var memoryBytes: Int
    /// The largest file it may write (RLIMIT_FSIZE), 16 MiB by default.
    public var fileBytes: Int = 16 << 20

    public init(seconds: Double, memoryBytes: Int) {
      self.seconds = seconds
      self.memoryBytes = memoryBytes
    }
  }

  /// The exit status, or the signal's number when `signalled`.
  public var status: Int32
  public var signalled: Bool
  /// Killed at the time limit.
  public var timedOut: Bool
  /// Standard output and error together, at most the first 64 KiB.
  public var output: String

  /// Runs `command` under `containment` with `limits`. `hidden` folders are covered by empty
  /// ones inside the sandbox (the teacher's home, the package, the submissions); `visible`
  /// folders under them are then shown again read-only (the built checker). Without a sandbox,
  /// `hidden` and `visible` do nothing.
  public static func run(
    _ command: [String], containment: Containment, hidden: [String], visible: [String], limits: Limits,
    workingDirectory: String? = nil, environment: [String: String]? = nil
  ) -> SandboxedRun {
    let limited =
      [
        "/usr/bin/prlimit", "--as=\(limits.memoryBytes)", "--fsize=\(limits.fileBytes)", "--core=0", "--",
      ] + command
    var arguments: [String]
    switch containment {
    case .bubblewrap(let path):
      arguments = [path, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
      for folder in hidden { arguments += ["--tmpfs", folder] }
      for folder in visible { arguments += ["--ro-bind", folder, folder] }
      // The empty folders that hide the others are made read-only too, so that writing there fails.
      for folder in hidden { arguments += ["--remount-ro", folder] }
      arguments += [
        "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--die-with-parent",
        "--new-session", "--chdir", "/tmp", "--setenv", "HOME", "/tmp",
        // Swift's backtracer would spend time and print pages for a crash the reason already names.
        "--setenv", "SWIFT_BACKTRACE", "enable=no", "--",
      ]
      arguments += limited
    case .limitsOnly:
      arguments = limited
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("gradientlab-run-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    var environment = environment ?? ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    guard let handle = try? FileHandle(forWritingTo: output) else {
      return SandboxedRun(status: -1, signalled: false, timedOut: false, output: "cannot create an output file")
    }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    do {
      try process.run()
    } catch {
      return SandboxedRun(
        status: -1, signalled: false, timedOut: false, output: "cannot start \(arguments[0]): \(error)")
    }
    var timedOut = false
    if finished.wait(timeout: .now() + limits.seconds) == .timedOut {
      timedOut = true
      // bubblewrap's --die-with-parent and the new PID namespace take every process of the
      // sandbox with it; without one, prlimit has exec'd the program itself.
      kill(process.processIdentifier, SIGKILL)
      finished.wait()
    }
    try? handle.close()
    let data = (try? FileHandle(forReadingFrom: output))?.readData(ofLength: 64 << 10) ?? Data()
    return SandboxedRun(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      timedOut: timedOut, output: String(decoding: data, as: UTF8.self))
  }
}
