import Foundation

/// Grades a class's code exercises: each student's files built and checked apart from every
/// other student's, a compile error failing only the exercise whose file it is in, every build
/// and every check under a time and a memory limit, and each check run contained
/// (`Containment`).
///
/// It works in a copy of the package under `.build/grading-workspace/` (kept between runs, so
/// that only the student's module and the checker are compiled again): for each student it puts
/// back the stubs of `exercises/Student`, copies in that student's files of the assignment's code
/// exercises, builds `check-exercises`, and runs the checker once per exercise.
public struct CodeGrader {
  /// The limits of the builds and of the checks.
  public struct Limits: Sendable {
    public var buildSeconds: Double = 900
    public var buildMemoryBytes: Int = 6 << 30
    public var checkSeconds: Double = 60
    public var checkMemoryBytes: Int = 2 << 30
    /// SwiftPM's build configuration: release (the checks run fast), or debug (builds in about
    /// half the time, for a test of the grader itself).
    public var configuration = "release"
    public init() {}
  }

  /// The teacher's package (its `exercises/Student` holds the stubs).
  public var package: URL
  /// The code exercises: name and file in `exercises/Student`.
  public var files: [String: String]
  public var limits: Limits
  public var containment: Containment
  /// Where progress goes ("ada: building…").
  public var log: (String) -> Void

  public init(
    package: URL, files: [String: String], limits: Limits = Limits(), containment: Containment,
    log: @escaping (String) -> Void = { _ in }
  ) {
    self.package = package.standardizedFileURL
    self.files = files
    self.limits = limits
    self.containment = containment
    self.log = log
  }

  /// The copy of the package the students' code is built in.
  public var workspace: URL { package.appendingPathComponent(".build/grading-workspace") }

  /// The stubs every student starts from: the package's `exercises/Student`.
  var stubs: URL { package.appendingPathComponent("exercises/Student") }

  /// Grades every student of `roster` on `assignment`'s code exercises, from
  /// `submissions/<student>/`.
  public func grade(assignment: Assignment, roster: Roster, submissions: URL) throws -> ClassReport {
    let entries = assignment.codeEntries
    var notes: [String] = []
    var problems: [String] = []
    let manager = FileManager.default
    let folders = ((try? manager.contentsOfDirectory(atPath: submissions.path)) ?? []).filter { !$0.hasPrefix(".") }
    let byFile = Dictionary(
      roster.students.map { (ClassReport.fileName($0.id), $0.id) }, uniquingKeysWith: { a, _ in a })
    for folder in folders.sorted() where byFile[folder] == nil {
      notes.append("\(submissions.lastPathComponent)/\(folder): not on the roster: not graded")
    }
    try prepareWorkspace()
    var scores: [String: [String: ExerciseScore]] = [:]
    for student in roster.students {
      let folder = submissions.appendingPathComponent(ClassReport.fileName(student.id))
      var isFolder: ObjCBool = false
      guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
        for entry in entries {
          scores[student.id, default: [:]][entry.name] = ExerciseScore(
            passed: false, maximum: entry.points, answer: "",
            reason: "no submission (no folder \(folder.lastPathComponent)/)")
        }
        continue
      }
      log("\(student.id): building…")
      let graded = try gradeStudent(folder, entries: entries)
      for (entry, score) in zip(entries, graded) { scores[student.id, default: [:]][entry.name] = score }
      if graded.contains(where: { $0.reason.hasPrefix("the build failed") }) {
        problems.append("\(student.id): the build failed for a reason outside the student's files (see --details)")
      }
    }
    return ClassReport(
      assignment: assignment, roster: roster, entries: entries, scores: scores, problems: problems, notes: notes)
  }

  /// One student's scores, in `entries`' order.
  func gradeStudent(_ folder: URL, entries: [Assignment.Entry]) throws -> [ExerciseScore] {
    let student = workspace.appendingPathComponent("exercises/Student")
    try Self.sync(from: stubs, to: student)
    var results: [String: ExerciseScore] = [:]
    var submitted: [String: String] = [:]  // exercise -> file
    for entry in entries {
      guard case .code(let name) = entry.item, let file = files[name] else { continue }
      let source = folder.appendingPathComponent(file)
      guard let data = FileManager.default.contents(atPath: source.path) else {
        results[name] = ExerciseScore(
          passed: false, maximum: entry.points, answer: "", reason: "not submitted (no \(file))")
        continue
      }
      try Self.write(data, to: student.appendingPathComponent(file))
      submitted[name] = file
    }
    // Build; a file with a compile error goes back to its stub and fails only its exercise.
    var rounds = 0
    while true {
      rounds += 1
      let build = build()
      if build.timedOut {
        // The stubs alone did not build in time either: nothing of this student's can be checked.
        guard !submitted.isEmpty else {
          for entry in entries where results[entry.name] == nil {
            results[entry.name] = ExerciseScore(
              passed: false, maximum: entry.points, answer: "",
              reason:
                "the build failed: it exceeded its time limit of \(Int(limits.buildSeconds)) s with the stubs alone")
          }
          return entries.map { results[$0.name]! }
        }
        for (name, file) in submitted {
          results[name] = ExerciseScore(
            passed: false, maximum: points(name, entries), answer: file,
            reason: "the build exceeded its time limit of \(Int(limits.buildSeconds)) s")
        }
        submitted = [:]
        try Self.sync(from: stubs, to: student)
        continue
      }
      if build.status == 0 { break }
      let blamed = blamedFiles(build.output)
      let broken = submitted.filter {
        build.output.contains("exercises/Student/\($0.value):") || blamed.contains($0.value)
      }
      guard !broken.isEmpty, rounds <= files.count + 1 else {
        let first = Self.firstError(build.output, file: nil)
        for entry in entries where results[entry.name] == nil {
          results[entry.name] = ExerciseScore(
            passed: false, maximum: entry.points, answer: submitted[entry.name] ?? "",
            reason: "the build failed: \(first)")
        }
        return entries.map { results[$0.name]! }
      }
      for (name, file) in broken {
        results[name] = ExerciseScore(
          passed: false, maximum: points(name, entries), answer: file,
          reason:
            "does not compile: \(Self.firstError(build.output, file: build.output.contains("/\(file):") ? file : "AllExercises.swift"))"
        )
        submitted[name] = nil
        try Self.sync(from: stubs.appendingPathComponent(file), to: student.appendingPathComponent(file))
      }
    }
    let checker = workspace.appendingPathComponent(".build/\(limits.configuration)/check-exercises")
      .resolvingSymlinksInPath()
    let products = checker.deletingLastPathComponent().path
    let home = ProcessInfo.processInfo.environment["HOME"].map { [$0] } ?? []
    let hidden = home + [package.path, folder.deletingLastPathComponent().path]
    // The Swift runtime the checker links, shown again if it lives in a hidden folder (a
    // toolchain installed in the teacher's home).
    let runtime = Self.toolchain().filter { path in hidden.contains { path.hasPrefix($0 + "/") } }
    for entry in entries where results[entry.name] == nil {
      guard case .code(let name) = entry.item else { continue }
      let file = submitted[name] ?? ""
      let run = SandboxedRun.run(
        [checker.path, name], containment: containment,
        hidden: hidden, visible: [products] + runtime,
        limits: .init(seconds: limits.checkSeconds, memoryBytes: limits.checkMemoryBytes))
      results[name] = score(run, name: name, file: file, points: entry.points)
    }
    return entries.map { results[$0.name]! }
  }

  /// The verdict of one contained check.
  func score(_ run: SandboxedRun, name: String, file: String, points: Double) -> ExerciseScore {
    let text = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    if run.timedOut {
      return ExerciseScore(
        passed: false, maximum: points, answer: file,
        reason: "stopped: the check exceeded its time limit of \(Int(limits.checkSeconds)) s")
    }
    let signal: Int32? = run.signalled ? run.status : (run.status > 128 && run.status < 160 ? run.status - 128 : nil)
    if text.contains("allocate memory") || text.contains("Cannot allocate") || text.contains("bad_alloc") {
      return ExerciseScore(
        passed: false, maximum: points, answer: file,
        reason: "stopped: the code ran out of its memory limit of \(limits.checkMemoryBytes >> 20) MiB")
    }
    if let signal {
      let message = text.split(separator: "\n").first { $0.contains("Fatal error") || $0.contains("fatal error") }
      return ExerciseScore(
        passed: false, maximum: points, answer: file,
        reason: "the code crashed (signal \(signal), \(Self.signalName(signal)))\(message.map { ": \($0)" } ?? "")")
    }
    let line = text.split(separator: "\n").first { $0.hasPrefix("\(name): ") }.map(String.init)
    switch (run.status, line) {
    case (0, let line?):
      return ExerciseScore(passed: true, maximum: points, answer: file, reason: String(line.dropFirst(name.count + 2)))
    case (1, let line?), (2, let line?):
      return ExerciseScore(passed: false, maximum: points, answer: file, reason: String(line.dropFirst(name.count + 2)))
    default:
      return ExerciseScore(
        passed: false, maximum: points, answer: file, reason: "the check ended with status \(run.status): \(last)")
    }
  }

  /// What a signal that ended a check usually means.
  static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGILL, SIGTRAP:
      "a Swift runtime trap: fatalError, a failed precondition, an index out of range, an overflow"
    case SIGABRT: "aborted"
    case SIGSEGV, SIGBUS: "a bad memory access"
    case SIGKILL: "killed, e.g. at the memory limit"
    case SIGXFSZ: "it wrote more than the file-size limit"
    default: "signal \(signal)"
    }
  }

  func points(_ name: String, _ entries: [Assignment.Entry]) -> Double {
    entries.first { $0.item == .code(name) }?.points ?? 0
  }

  /// Builds the checker in the workspace with the build limits.
  func build() -> SandboxedRun {
    SandboxedRun.run(
      ["/usr/bin/env", "swift", "build", "-c", limits.configuration, "--product", "check-exercises"],
      containment: .limitsOnly(because: "the compiler reads the code; it does not run it"), hidden: [], visible: [],
      limits: .init(seconds: limits.buildSeconds, memoryBytes: limits.buildMemoryBytes),
      workingDirectory: workspace.path)
  }

  /// Makes the workspace a copy of the package (without its build folder, history and outputs),
  /// writing only the files that differ so that the next build compiles only what changed, and
  /// builds the checker once.
  func prepareWorkspace() throws {
    let manager = FileManager.default
    try manager.createDirectory(at: workspace, withIntermediateDirectories: true)
    let skipped: Set = [".build", ".git", "plots", ".swiftpm", "Package.resolved"]
    let items = try manager.contentsOfDirectory(atPath: package.path).filter {
      !skipped.contains($0) && !$0.hasPrefix(".build")
    }
    for item in items {
      try Self.sync(from: package.appendingPathComponent(item), to: workspace.appendingPathComponent(item))
    }
    for item in try manager.contentsOfDirectory(atPath: workspace.path)
    where !items.contains(item) && !skipped.contains(item) {
      try manager.removeItem(at: workspace.appendingPathComponent(item))
    }
    if let resolved = manager.contents(atPath: package.appendingPathComponent("Package.resolved").path) {
      try Self.write(resolved, to: workspace.appendingPathComponent("Package.resolved"))
    }
    log("Building the checker in \(workspace.path) (the first time takes a few minutes)…")
    let first = build()
    guard first.status == 0 else {
      throw AssignmentError(
        "the checker does not build in \(workspace.path) with the stubs: \(Self.firstError(first.output, file: nil))")
    }
  }

  /// Copies `source` (a file or folder) to `destination`, writing only files whose contents
  /// differ and removing files the source does not have.
  static func sync(from source: URL, to destination: URL) throws {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    guard manager.fileExists(atPath: source.path, isDirectory: &isFolder) else { return }
    if !isFolder.boolValue {
      let data = manager.contents(atPath: source.path) ?? Data()
      if manager.contents(atPath: destination.path) != data { try write(data, to: destination) }
      return
    }
    var destinationIsFolder: ObjCBool = false
    if manager.fileExists(atPath: destination.path, isDirectory: &destinationIsFolder), !destinationIsFolder.boolValue {
      try manager.removeItem(at: destination)
    }
    try manager.createDirectory(at: destination, withIntermediateDirectories: true)
    let names = try manager.contentsOfDirectory(atPath: source.path)
    for name in names {
      try sync(from: source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
    }
    for name in try manager.contentsOfDirectory(atPath: destination.path) where !names.contains(name) {
      try manager.removeItem(at: destination.appendingPathComponent(name))
    }
  }

  /// The files whose functions the errors in AllExercises.swift (which lists every function for
  /// the checker) point at: a student's function with a wrong name or signature fails there.
  func blamedFiles(_ output: String) -> Set<String> {
    guard let list = try? String(contentsOf: stubs.appendingPathComponent("AllExercises.swift"), encoding: .utf8)
    else { return [] }
    let lines = list.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var blamed: Set<String> = []
    for match in output.matches(of: /AllExercises\.swift:(\d+):(\d+): error/) {
      guard let row = Int(match.output.1), let column = Int(match.output.2), row >= 1, row <= lines.count else {
        continue
      }
      let name = String(lines[row - 1].dropFirst(column - 1).prefix { $0.isLetter || $0.isNumber || $0 == "_" })
      guard !name.isEmpty else { continue }
      for file in files.values
      where (try? String(contentsOf: stubs.appendingPathComponent(file), encoding: .utf8))?.contains("func \(name)(")
        == true
      {
        blamed.insert(file)
      }
    }
    return blamed
  }

  /// The toolchain's `usr` folder, from the `swift` on the PATH.
  static func toolchain() -> [String] {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
    for folder in path.split(separator: ":") {
      let swift = URL(fileURLWithPath: String(folder)).appendingPathComponent("swift")
      if FileManager.default.isExecutableFile(atPath: swift.path) {
        return [swift.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().path]
      }
    }
    return []
  }

  /// Writes `data` to `url` unless it already holds exactly that.
  static func write(_ data: Data, to url: URL) throws {
    if FileManager.default.contents(atPath: url.path) == data { return }
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url, options: .atomic)
  }

  /// The first compiler error in `output` (in `file` if given), without its path:
  /// "DenseBackward.swift:12:5: error: cannot find 'x' in scope".
  static func firstError(_ output: String, file: String?) -> String {
    let lines = output.split(separator: "\n").map(String.init)
    let errors = lines.filter { line in line.contains("error:") && (file.map { line.contains("/\($0):") } ?? true) }
    guard let line = errors.first ?? lines.last(where: { !$0.isEmpty }) else { return "no output" }
    if let slash = line.range(of: "exercises/Student/") { return String(line[slash.upperBound...]) }
    return line.count > 300 ? String(line.prefix(300)) + "…" : line
  }
}
