import Classroom
import Foundation
import LessonCatalogue
import Notebook
import Testing

/// The assignment file and the roster: a good file read whole, every bad one refused in one line
/// naming the entry, variants stable as the roster grows.
@Suite("Assignments and rosters")
struct AssignmentTests {
  static let catalogue = LessonCatalogue.assignmentCatalogue

  /// A folder with `roster.csv` (ada, bob, cy) and `files`, removed after `body`.
  static func folder<T>(_ files: [String: String] = [:], _ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("assignment-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    try "student,name\nada@school.edu,Ada\nbob,Bob\ncy,Cy\n".write(
      to: url.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
    for (name, text) in files {
      try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return try body(url)
  }

  static let good = """
    title: Exploding gradients, week 3
    mode: quick
    exam: true
    roster: roster.csv
    exercises:
      - {lesson: exploding, exercise: 3, points: 2}
      - {lesson: batchnorm, exercise: 1, points: 1}
      - {code: batchnorm-backward, points: 5}
    """

  @Test func aGoodFileIsReadWhole() throws {
    let assignment = try Self.folder(["a.yaml": Self.good]) { folder in
      try Assignment(contentsOf: folder.appendingPathComponent("a.yaml").path, catalogue: Self.catalogue)
    }
    #expect(assignment.title == "Exploding gradients, week 3")
    #expect(assignment.mode == .quick && assignment.exam)
    #expect(assignment.entries.map(\.name) == ["exploding 3", "batchnorm 1", "batchnorm-backward"])
    #expect(assignment.maximum == 8 && assignment.codeEntries.count == 1)
    #expect(assignment.warnings.isEmpty, "exploding 3 and batchnorm 1 vary")
  }

  @Test func aJSONFileIsValidYAMLToo() throws {
    let json = """
      {"title": "Week 3", "roster": "roster.csv", "exercises": [{"lesson": "exploding", "exercise": 2, "points": 1.5}]}
      """
    let assignment = try Self.folder(["a.json": json]) { folder in
      try Assignment(contentsOf: folder.appendingPathComponent("a.json").path, catalogue: Self.catalogue)
    }
    #expect(assignment.mode == .full && !assignment.exam && assignment.maximum == 1.5)
    // Exploding 2 is the same for the whole class: a one-line warning names it.
    #expect(assignment.warnings.count == 1)
    #expect(assignment.warnings[0].contains("exercises[1] (exploding 2)") && !assignment.warnings[0].contains("\n"))
  }

  @Test(arguments: [
    ("exercises:\n  - {lesson: nope, exercise: 1, points: 1}", "exercises[1]: unknown lesson 'nope'"),
    ("exercises:\n  - {lesson: batchnorm, exercise: 7, points: 1}", "exercises[1]: lesson batchnorm has exercises 1…4"),
    ("exercises:\n  - {code: dense-forward, points: 1}", "exercises[1]: unknown code exercise 'dense-forward'"),
    ("exercises:\n  - {lesson: exploding, exercise: 3, points: 0}", "exercises[1]: 'points' must be a number > 0"),
    ("exercises:\n  - {lesson: exploding, exercise: 3, points: -2}", "exercises[1]: 'points' must be a number > 0"),
    (
      "exercises:\n  - {lesson: exploding, exercise: 3, points: 1}\n  - {lesson: exploding, exercise: 3, points: 2}",
      "exercises[2] (exploding 3) repeats exercises[1]"
    ),
    ("exercises: []", "'exercises' must be a non-empty list"),
    ("mode: fast\nexercises:\n  - {lesson: exploding, exercise: 3, points: 1}", "'mode' must be full or quick"),
    ("exams: true\nexercises:\n  - {lesson: exploding, exercise: 3, points: 1}", "unknown key 'exams'"),
  ])
  func aBadEntryIsRefusedInOneLineNamingIt(body: String, message: String) throws {
    let text = "title: T\nroster: roster.csv\n" + body
    try Self.folder(["a.yaml": text]) { folder in
      do {
        _ = try Assignment(contentsOf: folder.appendingPathComponent("a.yaml").path, catalogue: Self.catalogue)
        Issue.record("accepted: \(body)")
      } catch {
        #expect("\(error)".hasPrefix("a.yaml: ") && "\(error)".contains(message), "\(error)")
        #expect(!"\(error)".contains("\n"))
      }
    }
  }

  @Test func aMissingRosterOrADuplicateStudentIsRefused() throws {
    let exercises = "\nexercises:\n  - {lesson: exploding, exercise: 3, points: 1}"
    try Self.folder(["a.yaml": "title: T\nroster: nobody.csv" + exercises, "b.yaml": "title: T" + exercises]) {
      folder in
      #expect(throws: AssignmentError.self) {
        try Assignment(contentsOf: folder.appendingPathComponent("a.yaml").path, catalogue: Self.catalogue)
      }
      do {
        _ = try Assignment(contentsOf: folder.appendingPathComponent("b.yaml").path, catalogue: Self.catalogue)
      } catch {
        #expect("\(error)" == "b.yaml: 'roster' is missing: name a CSV file with a 'student' column")
      }
    }
    #expect(throws: AssignmentError.self) { try Roster(csv: "student\nada\nbob\nada\n", name: "r.csv") }
    do {
      _ = try Roster(csv: "student\nada\nbob\nada\n", name: "r.csv")
    } catch {
      #expect("\(error)" == "r.csv: line 4: student 'ada' is already on line 2")
    }
    #expect(throws: AssignmentError.self) { try Roster(csv: "name\nada\n", name: "r.csv") }
    #expect(throws: AssignmentError.self) { try Roster(csv: "student,variant\nada,1\nbob,1\n", name: "r.csv") }
  }

  @Test func variantsComeFromTheRosterAndAStudentAddedAtTheEndMovesNoOne() throws {
    let roster = try Roster(csv: "student\nada\nbob\ncy\n", name: "r.csv")
    #expect(roster.students.map(\.variant) == [1, 2, 3])
    let grown = try Roster(csv: "student\nada\nbob\ncy\ndee\n", name: "r.csv")
    #expect(Array(grown.students.prefix(3)) == roster.students)
    // Pinned variants stay with their students whatever the order; the others take free numbers.
    let pinned = try Roster(csv: "student,variant\ncy,3\nnew,\nada,1\nbob,2\n", name: "r.csv")
    #expect(pinned.students.map(\.variant) == [3, 4, 1, 2])
    // `variants` prints a roster that pins them.
    let again = try Roster(csv: roster.csv, name: "v.csv")
    #expect(again.students == roster.students)
    #expect(
      try Roster(csv: "\u{FEFF}student\n\"Lovelace, Ada\"\n", name: "r.csv").csv
        == "student,variant\n\"Lovelace, Ada\",1\n")
  }
}
