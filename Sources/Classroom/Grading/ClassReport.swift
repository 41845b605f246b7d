import Foundation
import Notebook

/// A class's scores on an assignment: every student of the roster on every graded exercise
/// (numeric, code, or both), the rows that could not be read, and what was reported but graded.
///
/// A student without an answer to an exercise gets 0 points for it ("not answered"), so every
/// student's maximum is the same: the sum of the graded exercises' points.
public struct ClassReport: Sendable {
  public var assignment: Assignment
  public var roster: Roster
  /// The graded exercises, in the assignment's order.
  public var entries: [Assignment.Entry]
  /// Each student's score on each graded exercise, by student id and entry name.
  public var scores: [String: [String: ExerciseScore]]
  /// Rows or submissions that could not be read at all (the command then exits 1).
  public var problems: [String]
  /// Things reported but graded anyway: a duplicate row, a variant that disagrees with the roster,
  /// a student not on the roster, an answer to an exercise the assignment does not have.
  public var notes: [String]

  public init(
    assignment: Assignment, roster: Roster, entries: [Assignment.Entry],
    scores: [String: [String: ExerciseScore]], problems: [String] = [], notes: [String] = []
  ) {
    self.assignment = assignment
    self.roster = roster
    self.entries = entries
    self.scores = scores
    self.problems = problems
    self.notes = notes
  }

  /// The score of `student` on `entry` (0 points, "not answered", if there is none).
  public func score(_ student: String, _ entry: Assignment.Entry) -> ExerciseScore {
    scores[student]?[entry.name]
      ?? ExerciseScore(passed: false, maximum: entry.points, answer: "", reason: "not answered")
  }

  /// The points `student` earned over the graded exercises.
  public func total(_ student: String) -> Double { entries.reduce(0) { $0 + score(student, $1).points } }

  /// The points there are to earn over the graded exercises.
  public var maximum: Double { entries.reduce(0) { $0 + $1.points } }

  /// `student`'s total as a percentage of the maximum.
  public func percentage(_ student: String) -> Double { maximum > 0 ? 100 * total(student) / maximum : 0 }

  /// This report and `other` (the same assignment and roster, other exercises) as one.
  public func merged(with other: ClassReport) -> ClassReport {
    let names = Set(entries.map(\.name) + other.entries.map(\.name))
    var merged = self
    merged.entries = assignment.entries.filter { names.contains($0.name) }
    for (student, byEntry) in other.scores { merged.scores[student, default: [:]].merge(byEntry) { _, new in new } }
    merged.problems += other.problems
    merged.notes += other.notes
    return merged
  }

  /// One line per student: "ada  7/8 (87.5%)".
  public var summaryLines: [String] {
    let width = roster.students.map(\.id.count).max() ?? 0
    return roster.students.map { s in
      "\(s.id)\(String(repeating: " ", count: width - s.id.count))  \(Self.points(total(s.id)))/\(Self.points(maximum)) (\(Self.percent(percentage(s.id))))"
    }
  }

  /// The scores as CSV: one row per student of the roster, a column per graded exercise
  /// (points earned), the total, the maximum and the percentage. UTF-8 with a byte-order mark,
  /// so that spreadsheets read √ and ‖ in names.
  public var scoresCSV: String {
    var rows = [["student", "variant"] + entries.map(\.name) + ["total", "maximum", "percentage"]]
    for s in roster.students {
      rows.append(
        [s.id, "\(s.variant)"] + entries.map { Self.points(score(s.id, $0).points) }
          + [Self.points(total(s.id)), Self.points(maximum), Self.percent(percentage(s.id), sign: false)])
    }
    return Self.csv(rows)
  }

  /// Every answer with its verdict and reason: one row per student and graded exercise.
  public var detailsCSV: String {
    var rows = [["student", "variant", "exercise", "answer", "points", "maximum", "verdict", "reason"]]
    for s in roster.students {
      for entry in entries {
        let score = score(s.id, entry)
        rows.append([
          s.id, "\(s.variant)", entry.name, score.answer, Self.points(score.points), Self.points(entry.points),
          score.verdict, score.reason,
        ])
      }
    }
    return Self.csv(rows)
  }

  /// `student`'s results in Gradescope's autograder format (`results.json`): the score, a test per
  /// graded exercise with its points, status and reason. In an exam the reasons never state the
  /// right value.
  public func gradescope(_ student: String) -> GradescopeResults {
    let tests = entries.map { entry in
      let score = score(student, entry)
      return GradescopeResults.Test(
        name: entry.name, score: score.points, maxScore: entry.points, status: score.passed ? "passed" : "failed",
        output: assignment.exam ? score.examReason : score.reason)
    }
    let variant = roster.student(student).map { " (variant \($0.variant))" } ?? ""
    return GradescopeResults(
      score: total(student),
      output:
        "\(assignment.title): \(student)\(variant), \(Self.points(total(student))) of \(Self.points(maximum)) points.",
      tests: tests)
  }

  /// Writes `DIR/<student>.json` for every student of the roster (file names with `/` or a
  /// leading dot made safe), replacing each file whole.
  public func writeGradescope(to folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for s in roster.students {
      try gradescope(s.id).json.write(
        to: folder.appendingPathComponent(Self.fileName(s.id) + ".json"), options: .atomic)
    }
  }

  /// A student id as a file name: `/`, NUL and a leading dot replaced by `_`.
  public static func fileName(_ id: String) -> String {
    var name = id.map { $0 == "/" || $0 == "\0" ? "_" : String($0) }.joined()
    if name.hasPrefix(".") { name = "_" + name.dropFirst() }
    return name.isEmpty ? "_" : name
  }

  /// Points as printed: "2", "1.5".
  public static func points(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
  }

  /// A percentage with one decimal: "87.5%" (or "87.5" without the sign, for CSV).
  static func percent(_ value: Double, sign: Bool = true) -> String {
    String(format: "%.1f", value) + (sign ? "%" : "")
  }

  /// Rows as RFC 4180 CSV with a byte-order mark.
  static func csv(_ rows: [[String]]) -> String {
    "\u{FEFF}" + rows.map { $0.map(Roster.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }
}
