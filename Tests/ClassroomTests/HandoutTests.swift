import Classroom
import Foundation
import LessonCatalogue
import LessonTestSupport
import Testing

/// A handout: the package without its solutions and history, with the assignment; it builds
/// from scratch, and in an exam its checks never print the right value.
@Suite("Handouts")
struct HandoutTests {
  static let package = LessonExpectations.root

  static func assignment(in folder: URL, exam: Bool) throws -> Assignment {
    try "student\nada\n".write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
    let yaml = """
      title: "Week 4: full batch"
      mode: quick
      exam: \(exam)
      roster: roster.csv
      exercises:
        - {lesson: batch-gd, exercise: 2, points: 3}
        - {code: dense-backward, points: 5}
      """
    try yaml.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    return try Assignment(
      contentsOf: folder.appendingPathComponent("a.yaml").path, catalogue: LessonCatalogue.assignmentCatalogue)
  }

  /// Runs `program` in `folder` and returns its status and output.
  static func run(_ program: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
    process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
    process.currentDirectoryURL = folder
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("handout-run-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: out) }
    let handle = try FileHandle(forWritingTo: out)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    return (process.terminationStatus, text)
  }

  @Test func aHandoutHoldsNoSolutionsNorHistoryAndSaysWhatToDo() throws {
    let work = LessonProcess.temporaryDirectory("handout")
    defer { try? FileManager.default.removeItem(at: work) }
    let assignment = try Self.assignment(in: work, exam: false)
    let handout = Handout(assignment: assignment, package: Self.package, files: LessonCatalogue.codeExerciseFiles)
    let files = try handout.packageFiles()
    #expect(files.contains("Package.swift") && files.contains("exercises/Student/DenseBackward.swift"))
    #expect(!files.contains { $0.hasPrefix("exercises/Solutions") || $0.hasPrefix(".git/") || $0.hasPrefix(".build") })
    #expect(handout.instructions.contains("swift run -c release batch-gd --quick --variant K --exercise 2 --answer X"))
    #expect(handout.instructions.contains("`exercises/Student/DenseBackward.swift`"))
    #expect(handout.instructions.contains("student,lesson,exercise,variant,answer"))
    #expect(!handout.assignmentYAML.contains("roster"), "the roster stays with the teacher")
    // A folder that exists and is not empty is refused.
    #expect(throws: AssignmentError.self) { try Handout.validate(destination: work) }
  }

  /// The one test that builds a package from scratch: the handout of an exam, whose code checker
  /// (`check-exercises`, the one product whose targets change without exercises/Solutions) is
  /// built with `swift build` in its folder (debug: half the release build's time) and reports the
  /// stub as not done. A lesson run in the handout's folder finds its ASSIGNMENT.yaml
  /// (`ExamRules.find`: the executable's package has none, so the current folder's counts): a
  /// numeric check there does not give the right value away, and `--solution` is refused. (The
  /// lessons' targets are the same in a handout, which holds every tracked file but the solutions;
  /// building them there again would double this test's time and check nothing new.)
  @Test func anExamHandoutBuildsFromScratchAndKeepsItsAnswers() throws {
    let work = LessonProcess.temporaryDirectory("handout-exam")
    defer { try? FileManager.default.removeItem(at: work) }
    let assignment = try Self.assignment(in: work, exam: true)
    let out = work.appendingPathComponent("week4")
    try Handout(assignment: assignment, package: Self.package, files: LessonCatalogue.codeExerciseFiles).write(to: out)
    let manager = FileManager.default
    #expect(!manager.fileExists(atPath: out.appendingPathComponent("exercises/Solutions").path))
    #expect(!manager.fileExists(atPath: out.appendingPathComponent(".git").path))
    #expect(manager.fileExists(atPath: out.appendingPathComponent("ASSIGNMENT.md").path))
    let build = try Self.run("swift", ["build", "--product", "check-exercises"], in: out)
    #expect(build.status == 0, "check-exercises: \(build.stdout.suffix(2000))")
    let lesson = LessonProcess.executable("batch-gd").path
    let solution = try LessonCatalogue.exercises("batch-gd", variant: 3, mode: .quick)[1].solution().answer
    let wrong = try Self.run(lesson, ["--quick", "--variant", "3", "--exercise", "2", "--answer", "1"], in: out)
    #expect(wrong.status == 1 && wrong.stdout.hasPrefix("Exercise 2: incorrect."), "\(wrong.stdout)")
    #expect(!wrong.stdout.contains(String(Int(solution))), "an exam's check gives the answer away: \(wrong.stdout)")
    let right = try Self.run(
      lesson, ["--quick", "--variant", "3", "--exercise", "2", "--answer", String(Int(solution))], in: out)
    #expect(right.status == 0 && right.stdout.hasPrefix("Exercise 2: correct."), "\(right.stdout)")
    let refused = try Self.run(lesson, ["--quick", "--variant", "3", "--exercise", "2", "--solution"], in: out)
    #expect(refused.status == 64 && refused.stdout.contains("--solution is not available in this assignment"))
    let checker = try Self.run(
      out.appendingPathComponent(".build/debug/check-exercises").path, ["dense-backward"], in: out)
    #expect(checker.status == 2 && checker.stdout.hasPrefix("dense-backward: not done."), "\(checker.stdout)")
  }
}
