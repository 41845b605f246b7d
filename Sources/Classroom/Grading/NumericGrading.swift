import CSV
import Foundation
import Notebook

/// Grades a class's answers to an assignment's numeric exercises.
///
/// The answers are a CSV file whose header names `student,lesson,exercise,answer` (any order;
/// a `variant` column is optional, other columns are ignored), parsed by yaslab/CSV.swift. Every
/// student of the roster is scored on every numeric exercise of the assignment, with the variant
/// the roster gives them: a missing answer scores 0 ("not answered"), a non-number 0 ("not a
/// number: 'about 1.54'"); a repeated row counts once (the last), a variant that disagrees with
/// the roster, a student not on the roster and an exercise not in the assignment are reported.
public enum NumericGrading {
  /// Builds the exercises of a lesson for a variant (the lesson's defaults in the assignment's
  /// mode).
  public typealias Exercises = (_ lesson: String, _ variant: Int) throws -> [Exercise]

  /// The answers' columns; `variant` may be left out.
  public static let columns = ["student", "lesson", "exercise", "answer"]

  /// Grades `csv` (the answers file's text; `name` is used in reports).
  public static func grade(
    _ csv: String, name: String, assignment: Assignment, roster: Roster, exercises: Exercises
  ) throws -> ClassReport {
    let reader = try CSVText.reader(csv, name: name, what: "the file")
    guard let header = reader.next()?.map({ $0.lowercased() }), header.contains(where: { !$0.isEmpty }) else {
      throw AssignmentError(
        "\(name): the file is empty: its first row must be the header \(columns.joined(separator: ","))")
    }
    var index: [String: Int] = [:]
    for column in columns {
      guard let position = header.firstIndex(of: column) else {
        throw AssignmentError(
          "\(name): the header row has no '\(column)' column: it must name \(columns.joined(separator: ",")) (and optionally variant)"
        )
      }
      index[column] = position
    }
    let variantColumn = header.firstIndex(of: "variant")
    let numeric = assignment.numericEntries
    var problems: [String] = []
    var notes: [String] = []
    // The row that counts for each (student, entry), with its line.
    var latest: [String: [String: (line: Int, text: String)]] = [:]
    var line = 1
    while let row = reader.next() {
      line += 1
      defer { line += row.reduce(0) { $0 + $1.filter(\.isNewline).count } }
      if row.allSatisfy(\.isEmpty) { continue }
      guard row.count >= header.count else {
        problems.append("\(name): line \(line): \(row.count) fields, expected \(header.count) as in the header")
        continue
      }
      func field(_ column: String) -> String { row[index[column]!] }
      let id = field("student")
      guard !id.isEmpty else {
        problems.append("\(name): line \(line): the student's id is empty")
        continue
      }
      let lesson = field("lesson").lowercased()
      guard let variations = assignment.catalogueLessons[lesson] else {
        problems.append("\(name): line \(line): unknown lesson '\(field("lesson"))'")
        continue
      }
      guard let exercise = Int(field("exercise")), (1...variations).contains(exercise) else {
        problems.append(
          "\(name): line \(line): exercise '\(field("exercise"))' is not one of lesson \(lesson)'s (1…\(variations))")
        continue
      }
      guard let entry = numeric.first(where: { $0.item == .numeric(lesson: lesson, exercise: exercise) }) else {
        notes.append("\(name): line \(line): \(lesson) \(exercise) is not in this assignment: not graded")
        continue
      }
      guard let student = roster.student(id) else {
        notes.append("\(name): line \(line): '\(id)' is not on the roster: not graded")
        continue
      }
      if let variantColumn, variantColumn < row.count, !row[variantColumn].isEmpty,
        Int(row[variantColumn]) != student.variant
      {
        notes.append(
          "\(name): line \(line): \(id) wrote variant '\(row[variantColumn])', the roster gives \(student.variant): graded as variant \(student.variant)"
        )
      }
      if let earlier = latest[id]?[entry.name] {
        notes.append(
          "\(name): line \(earlier.line): \(id) answered \(entry.name) again on line \(line); line \(line) counts")
      }
      latest[id, default: [:]][entry.name] = (line, field("answer"))
    }
    if let error = reader.error {
      problems.append("\(name): line \(line): the CSV cannot be read from here on (\(error))")
    }
    // Each (lesson, variant) builds its exercises once; an exercise a class shares is checked
    // with variant 0's list when its question is the same, so that its run happens once.
    var built: [String: [Exercise]] = [:]
    func list(_ lesson: String, _ variant: Int) throws -> [Exercise] {
      let key = "\(lesson)#\(variant)"
      if let cached = built[key] { return cached }
      let made = try exercises(lesson, variant)
      built[key] = made
      return made
    }
    var scores: [String: [String: ExerciseScore]] = [:]
    for student in roster.students {
      for entry in numeric {
        guard case .numeric(let lesson, let number) = entry.item else { continue }
        guard let written = latest[student.id]?[entry.name], !written.text.isEmpty else {
          scores[student.id, default: [:]][entry.name] = ExerciseScore(
            passed: false, maximum: entry.points, answer: "", reason: "not answered")
          continue
        }
        guard let value = Double(written.text), value.isFinite else {
          scores[student.id, default: [:]][entry.name] = ExerciseScore(
            passed: false, maximum: entry.points, answer: written.text, reason: "not a number: '\(written.text)'")
          continue
        }
        var exercise = try list(lesson, student.variant)[number - 1]
        if assignment.catalogueVariations[lesson]?[number - 1].varies == false,
          let shared = try list(lesson, 0)[number - 1] as Exercise?, shared.question == exercise.question
        {
          exercise = shared
        }
        let verdict = exercise.check(value)
        scores[student.id, default: [:]][entry.name] = ExerciseScore(
          passed: verdict.correct, maximum: entry.points, answer: written.text, reason: verdict.reason,
          examReason: verdict.examReason)
      }
    }
    return ClassReport(
      assignment: assignment, roster: roster, entries: numeric, scores: scores, problems: problems, notes: notes)
  }
}
