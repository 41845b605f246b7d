import Foundation
import LessonTestSupport
import Testing

/// The classroom commands as a teacher types them: variants, grading with exit 0 whatever the
/// scores, and bad input refused in one line with exit status 64 before any work.
@Suite("Classroom commands")
struct ClassroomCommandTests {
  /// A folder with week3.yaml (exploding 3 and documents 1, quick), roster.csv and answers.csv.
  static func folder() throws -> URL {
    let folder = LessonProcess.temporaryDirectory("classroom")
    let files = [
      "roster.csv": "student\nada\nbob\n",
      "week3.yaml": """
      title: Week 3
      mode: quick
      roster: roster.csv
      exercises:
        - {lesson: exploding, exercise: 3, points: 2}
        - {lesson: documents, exercise: 1, points: 1}
      """,
      "answers.csv": "student,lesson,exercise,answer\nada,documents,1,3082\nbob,exploding,3,about 1.5\n",
    ]
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder
  }

  @Test func variantsAndGradesComeFromTheRoster() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let assignment = folder.appendingPathComponent("week3.yaml").path
    let variants = try LessonProcess.run("gradientlab", ["variants", "--assignment", assignment])
    #expect(variants.status == 0 && variants.stdout == "student,variant\nada,1\nbob,2\n", "\(variants.stderr)")
    let scores = folder.appendingPathComponent("scores.csv").path
    let graded = try LessonProcess.run(
      "gradientlab",
      ["grade", "--assignment", assignment, folder.appendingPathComponent("answers.csv").path, "--output", scores])
    #expect(graded.status == 0, "every row was read: \(graded.stderr)")
    #expect(graded.stdout.hasPrefix("ada  0/3 (0.0%)\nbob  0/3 (0.0%)"), "\(graded.stdout)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: scores))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark")
    #expect(
      String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("student,variant,exploding 3,documents 1,total"))
  }

  @Test(arguments: [
    (["variants", "--assignment", "nope.yaml"], "no assignment file at 'nope.yaml'"),
    (["grade", "--assignment", "week3.yaml"], "give the answers file, --code SUBMISSIONS, or both"),
    (["grade", "--assignment", "week3.yaml", "answers.csv", "--quick"], "--quick comes from the assignment's mode"),
    (["grade", "answers.csv", "--code", "subs"], "--code and --gradescope need --assignment"),
    (["grade-code", "--assignment", "week3.yaml", "nowhere"], "has no code exercises"),
    (
      ["grade-code", "--assignment", "week3.yaml", "nowhere", "--time-limit", "0"], "--time-limit must be in (0, 3600]"
    ),
    (["handout", "--assignment", "week3.yaml", "."], "already exists: give a new folder"),
  ])
  func badInputIsRefusedInOneLine(arguments: [String], message: String) throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let resolved = arguments.map {
      ["week3.yaml", "answers.csv", "."].contains($0) ? folder.appendingPathComponent($0).path : $0
    }
    let result = try LessonProcess.run("gradientlab", resolved)
    #expect(result.status == 64, "\(arguments): \(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(
      lines.last?.hasPrefix("gradientlab: error: ") == true && result.stderr.contains(message), "\(result.stderr)")
  }
}
