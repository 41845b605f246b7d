import Classroom
import Foundation
import LessonTestSupport
import LessonCatalogue
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Grading a class's code: hostile submissions (an endless loop, unbounded memory, a write
/// outside the folder, a network connection, a compile error, a crash) are each contained and
/// scored 0 with the reason, grading goes on, and a right submission scores full points.
@Suite("Grading a class's code")
struct CodeGradingTests {
  /// The package this test belongs to.
  static let package = LessonExpectations.root

  /// The solution's dense backward pass, as a student would write it.
  static let body = "DenseGradients(input: g * w.transposed, weight: x.transposed * g, bias: g.columnSums)"

  /// DenseBackward.swift whose function runs `before` and then returns the right gradients.
  static func dense(_ before: String, imports: String = "") -> String {
    """
    import ExerciseKit
    import Foundation
    \(imports)

    public func denseBackward(input x: Matrix, weight w: Matrix, upstream g: Matrix) throws -> DenseGradients {
      \(before)
      return \(body)
    }
    """
  }

  /// A TCP listener on 127.0.0.1 (for the submission that tries to phone out): its port.
  static func listen() -> (socket: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        _ = bind(fd, $0, length)
        _ = getsockname(fd, $0, &length)
      }
    }
    _ = Glibc.listen(fd, 4)
    return (fd, UInt16(bigEndian: address.sin_port))
  }

  @Test func hostileSubmissionsAreContainedAndScoredZeroWhileARightOneScoresFull() throws {
    // Under the package's build folder (not /tmp, which the sandbox replaces by its own), so that
    // the file the hostile submission writes would land on the teacher's disk.
    let work = Self.package.appendingPathComponent(".build/grade-code-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let submissions = work.appendingPathComponent("submissions")
    let outside = work.appendingPathComponent("pwned.txt")
    let listener = Self.listen()
    defer { close(listener.socket) }
    let students: [(String, String)] = [
      ("loops", Self.dense("while true { _ = FileManager.default.fileExists(atPath: \"/\") }")),
      (
        "hogs",
        Self.dense(
          "var hoard: [[Double]] = []; while true { hoard.append([Double](repeating: 1, count: 1 << 22)); if hoard.count < 0 { break } }"
        )
      ),
      (
        "writes",
        Self.dense("try \"pwned\".write(toFile: \"\(outside.path)\", atomically: false, encoding: .utf8)")
      ),
      (
        "phones",
        Self.dense(
          """
          let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var a = sockaddr_in(); a.sin_family = sa_family_t(AF_INET); a.sin_addr.s_addr = inet_addr("127.0.0.1")
            a.sin_port = \(listener.port).bigEndian
            let connected = withUnsafePointer(to: &a) {
              $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw CocoaError(.fileReadNoPermission) }
          """, imports: "import Glibc")
      ),
      ("breaks", Self.dense("let x: Int = \"not a number\"")),
      ("crashes", Self.dense("fatalError(\"the student gave up\")")),
      ("right", Self.dense("")),
    ]
    for (student, source) in students {
      let folder = submissions.appendingPathComponent(student)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try source.write(to: folder.appendingPathComponent("DenseBackward.swift"), atomically: true, encoding: .utf8)
    }
    // One more exercise, which every student leaves as its stub, and a roster.
    try ("student\n" + students.map(\.0).joined(separator: "\n") + "\nabsent\n").write(
      to: work.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
    let yaml = """
      title: Code
      roster: roster.csv
      exercises:
        - {code: dense-backward, points: 5}
        - {code: clipping, points: 2}
      """
    try yaml.write(to: work.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    let assignment = try Assignment(
      contentsOf: work.appendingPathComponent("a.yaml").path, catalogue: LessonCatalogue.assignmentCatalogue)
    let roster = try Roster(contentsOf: assignment.rosterURL!)
    var limits = CodeGrader.Limits()
    limits.checkSeconds = 8
    limits.checkMemoryBytes = 1 << 30
    // A debug build of the workspace: half the time of a release build, and the same containment.
    limits.configuration = "debug"
    let containment = Containment.detect()
    let grader = CodeGrader(
      package: Self.package, files: LessonCatalogue.codeExerciseFiles, limits: limits, containment: containment)
    let report = try grader.grade(assignment: assignment, roster: roster, submissions: submissions)
    let dense = assignment.entries[0]
    func reason(_ student: String) -> String { report.score(student, dense).reason }
    for student in ["loops", "hogs", "breaks", "crashes"] {
      #expect(report.score(student, dense).points == 0, "\(student): \(reason(student))")
    }
    #expect(reason("loops").contains("exceeded its time limit of 8 s"), "\(reason("loops"))")
    #expect(
      reason("hogs").contains("memory limit") || reason("hogs").contains("crashed"), "\(reason("hogs"))")
    #expect(reason("breaks").hasPrefix("does not compile: DenseBackward.swift:"), "\(reason("breaks"))")
    #expect(
      reason("crashes").contains("crashed (signal") && reason("crashes").contains("the student gave up"),
      "\(reason("crashes"))")
    #expect(report.score("right", dense).points == 5, "\(reason("right"))")
    #expect(reason("absent").hasPrefix("no submission"))
    // The clipping stub: not done, for everyone who handed in a folder.
    #expect(report.score("right", assignment.entries[1]).reason.hasPrefix("not submitted"))
    #expect(report.maximum == 7 && report.total("right") == 5)
    if case .bubblewrap = containment {
      // The writer and the caller return the right gradients only if their write or their
      // connection succeeds.
      #expect(report.score("writes", dense).points == 0, "\(reason("writes"))")
      #expect(report.score("phones", dense).points == 0, "\(reason("phones"))")
      #expect(!FileManager.default.fileExists(atPath: outside.path), "the write outside got through")
      #expect(reason("phones").contains("wrong") || reason("phones").contains("error"), "\(reason("phones"))")
      // Nothing connected to the listener.
      var pending = pollfd(fd: listener.socket, events: Int16(POLLIN), revents: 0)
      #expect(poll(&pending, 1, 0) == 0, "the network connection got through")
    }
  }
}
