import Classroom
import Foundation
import LessonCatalogue
import Notebook
import Testing

/// Grading numbers against an assignment: every student of the roster on every exercise, fair
/// totals, the reported rows, the scores file and Gradescope's results.
@Suite("Grading a class's numbers")
struct ClassGradingTests {
  /// exploding 3 (2 points) and batchnorm 1 (1 point) in quick mode, for ada, bob, cy and dee.
  static func assignment(exam: Bool = false) throws -> (Assignment, Roster) {
    let yaml = """
      title: "Week 3: ‖g‖ grows"
      mode: quick
      exam: \(exam)
      roster: roster.csv
      exercises:
        - {lesson: exploding, exercise: 3, points: 2}
        - {lesson: batchnorm, exercise: 1, points: 1}
      """
    let folder = FileManager.default.temporaryDirectory
    let assignment = try Assignment(
      yaml: yaml, file: folder.appendingPathComponent("week3.yaml"), catalogue: LessonCatalogue.assignmentCatalogue,
      requiresRoster: false)
    return (assignment, try Roster(csv: "student\nada\nbob\ncy\ndee\n", name: "roster.csv"))
  }

  /// The right answer of `lesson` exercise `number` for `variant`, in quick mode.
  static func right(_ lesson: String, _ number: Int, variant: Int) throws -> String {
    let answer = try LessonCatalogue.exercises(lesson, variant: variant, mode: .quick)[number - 1].solution().answer
    return "\(answer)"
  }

  static func grade(_ csv: String, exam: Bool = false) throws -> ClassReport {
    let (assignment, roster) = try assignment(exam: exam)
    return try NumericGrading.grade(csv, name: "answers.csv", assignment: assignment, roster: roster) {
      try LessonCatalogue.exercises($0, variant: $1, mode: .quick)
    }
  }

  @Test func everyStudentIsScoredOnEveryExerciseWithTheRostersVariant() throws {
    // ada answers both right; bob answers ada's numbers (variant 1's) and a blank; cy writes words
    // and skips one; dee hands in nothing. A repeated row, a wrong variant column, a student not
    // on the roster and an exercise outside the assignment are reported and do not count.
    let csv = """
      student,lesson,exercise,variant,answer
      ada,exploding,3,1,\(try Self.right("exploding", 3, variant: 1))
      ada,batchnorm,1,1,1
      ada,batchnorm,1,1,\(try Self.right("batchnorm", 1, variant: 1))
      bob,exploding,3,1,\(try Self.right("exploding", 3, variant: 1))
      bob,batchnorm,1,2,
      cy,exploding,3,3,about 1.54
      zed,exploding,3,1,1.5
      ada,exploding,2,1,37
      bob,nope,1,2,1
      """
    let report = try Self.grade(csv)
    #expect(report.maximum == 3)
    #expect(report.summaryLines == ["ada  3/3 (100.0%)", "bob  0/3 (0.0%)", "cy   0/3 (0.0%)", "dee  0/3 (0.0%)"])
    let bob = report.score("bob", report.entries[0])
    #expect(!bob.passed, "bob's variant is 2, whatever his row says: ada's number is wrong for him")
    #expect(report.score("bob", report.entries[1]).reason == "not answered")
    #expect(report.score("cy", report.entries[0]).reason == "not a number: 'about 1.54'")
    #expect(report.score("dee", report.entries[1]).verdict == "not answered")
    #expect(report.problems == ["answers.csv: line 10: unknown lesson 'nope'"])
    #expect(
      report.notes == [
        "answers.csv: line 3: ada answered batchnorm 1 again on line 4; line 4 counts",
        "answers.csv: line 5: bob wrote variant '1', the roster gives 2: graded as variant 2",
        "answers.csv: line 8: 'zed' is not on the roster: not graded",
        "answers.csv: line 9: exploding 2 is not in this assignment: not graded",
      ])
  }

  @Test func theScoresFileHasAColumnPerExerciseTotalsAndABOM() throws {
    let report = try Self.grade(
      "student,lesson,exercise,answer\nada,exploding,3,\(try Self.right("exploding", 3, variant: 1))\n")
    let csv = report.scoresCSV
    #expect(csv.hasPrefix("\u{FEFF}student,variant,exploding 3,batchnorm 1,total,maximum,percentage\r\n"))
    #expect(csv.contains("\r\nada,1,2,0,2,3,66.7\r\n") && csv.contains("\r\ndee,4,0,0,0,3,0.0\r\n"))
    let details = report.detailsCSV
    #expect(details.hasPrefix("\u{FEFF}student,variant,exercise,answer,points,maximum,verdict,reason\r\n"))
    #expect(details.split(separator: "\r\n").count == 1 + 4 * 2)
  }

  @Test func gradescopeResultsHaveTheSchemasFieldsAndTheirScoresAddUp() throws {
    let right = try Self.right("batchnorm", 1, variant: 2)
    let report = try Self.grade(
      "student,lesson,exercise,answer\nbob,batchnorm,1,\(right)\nbob,exploding,3,0.5\n", exam: true)
    for student in report.roster.students {
      let json = try #require(
        try JSONSerialization.jsonObject(with: report.gradescope(student.id).json) as? [String: Any])
      #expect(Set(json.keys) == ["score", "output", "tests"])
      let tests = try #require(json["tests"] as? [[String: Any]])
      #expect(tests.count == 2)
      for test in tests {
        #expect(Set(test.keys) == ["name", "score", "max_score", "status", "output"])
        #expect(["passed", "failed"].contains(test["status"] as? String))
        #expect((test["score"] as! Double) <= (test["max_score"] as! Double))
      }
      let sum = tests.reduce(0.0) { $0 + ($1["score"] as! Double) }
      #expect(json["score"] as? Double == sum && sum == report.total(student.id))
    }
    // In an exam the feedback never states the right value.
    let bob = report.gradescope("bob")
    #expect(bob.score == 1 && bob.tests.map(\.status) == ["failed", "passed"])
    let rightText = try #require(Double(right)).formatted(.number.precision(.significantDigits(4)))
    #expect(!bob.tests.contains { $0.output.contains(rightText) || $0.output.contains("=") }, "\(bob.tests)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradescope-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try report.writeGradescope(to: folder)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "ada.json", "bob.json", "cy.json", "dee.json",
      ])
    let decoded = try JSONDecoder().decode(
      GradescopeResults.self, from: Data(contentsOf: folder.appendingPathComponent("bob.json")))
    #expect(decoded == bob)
  }
}
