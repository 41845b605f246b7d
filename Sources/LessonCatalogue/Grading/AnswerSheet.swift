import CSV
import Foundation
import Notebook

/// A class's answers to the lessons' numeric exercises, read from a CSV file whose header row
/// names the columns `student,lesson,exercise,variant,answer` (in any order; other columns are
/// ignored). Rows that cannot be graded are kept as problems with their line number, and reading
/// goes on.
///
/// The CSV itself is parsed by yaslab/CSV.swift (RFC 4180: quoted fields, commas and newlines in
/// quotes); this type only maps its rows to answers and validates them.
package struct AnswerSheet: Sendable {
  /// One answer: a student's number for one exercise of one lesson, in one variant.
  package struct Answer: Sendable, Hashable {
    /// The line of the file the row starts on (the header is line 1).
    package var line: Int
    package var student: String
    /// The lesson's executable name ("exploding").
    package var lesson: String
    package var exercise: Int
    package var variant: Int
    package var answer: Double
    /// The answer as written in the file, for reports.
    package var answerText: String
  }

  /// A row that was not graded, and why: "line 6: exercise 'x' is not a number".
  package struct Problem: Sendable, Equatable, CustomStringConvertible {
    package var line: Int
    package var message: String
    package var description: String { "line \(line): \(message)" }
  }

  /// The columns a sheet must have, in the order a template lists them.
  package static let columns = ["student", "lesson", "exercise", "variant", "answer"]

  /// The rows that can be graded, in file order.
  package var answers: [Answer]
  /// The rows that cannot, in file order.
  package var problems: [Problem]

  /// The sheet's contents cannot be used at all: no header, or a header without a column.
  package struct Unreadable: Error, CustomStringConvertible {
    package var description: String
  }

  /// Reads a sheet from CSV text. A missing column in the header is `Unreadable`; a bad row is a
  /// `Problem` (`exercise 'x' is not a number`, `unknown lesson 'foo'`, an exercise the lesson does
  /// not have, …) and the rows after it are still read.
  package init(csv text: String, lessons: [(name: String, exerciseCount: Int)]) throws(Unreadable) {
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true)
    } catch {
      throw Unreadable(description: "the file is not CSV (\(error))")
    }
    guard let header = reader.next()?.map({ $0.lowercased() }), header.contains(where: { !$0.isEmpty }) else {
      throw Unreadable(
        description: "the file is empty: its first row must be the header \(Self.columns.joined(separator: ","))")
    }
    var index: [String: Int] = [:]
    for column in Self.columns {
      guard let position = header.firstIndex(of: column) else {
        throw Unreadable(
          description:
            "the header row has no '\(column)' column: it must name \(Self.columns.joined(separator: ",")) (got \(header.joined(separator: ",")))"
        )
      }
      index[column] = position
    }
    var answers: [Answer] = []
    var problems: [Problem] = []
    // Line numbers: a row starts one line after the previous row, plus the newlines inside its
    // quoted fields.
    var line = 1 + Self.newlines(in: header)
    let counts = Dictionary(lessons.map { ($0.name, $0.exerciseCount) }, uniquingKeysWith: { a, _ in a })
    let lessonNames = lessons.map(\.name).joined(separator: ", ")
    while let row = reader.next() {
      line += 1
      defer { line += Self.newlines(in: row) }
      if row.allSatisfy({ $0.isEmpty }) { continue }
      guard row.count >= header.count else {
        problems.append(Problem(line: line, message: "\(row.count) fields, expected \(header.count) as in the header"))
        continue
      }
      func field(_ name: String) -> String { row[index[name]!] }
      let student = field("student")
      let lesson = field("lesson").lowercased()
      guard !student.isEmpty else {
        problems.append(Problem(line: line, message: "the student's name is empty"))
        continue
      }
      guard let count = counts[lesson] else {
        problems.append(Problem(line: line, message: "unknown lesson '\(field("lesson"))' (lessons: \(lessonNames))"))
        continue
      }
      guard let exercise = Int(field("exercise")) else {
        problems.append(Problem(line: line, message: "exercise '\(field("exercise"))' is not a number"))
        continue
      }
      guard (1...count).contains(exercise) else {
        problems.append(
          Problem(line: line, message: "lesson \(lesson) has exercises 1…\(count) (got exercise \(exercise))"))
        continue
      }
      let variantText = field("variant")
      guard let variant = variantText.isEmpty ? 0 : Int(variantText), variant >= 0 else {
        problems.append(Problem(line: line, message: "variant '\(variantText)' is not a whole number ≥ 0"))
        continue
      }
      guard let answer = Double(field("answer")), answer.isFinite else {
        problems.append(Problem(line: line, message: "answer '\(field("answer"))' is not a finite number"))
        continue
      }
      answers.append(
        Answer(
          line: line, student: student, lesson: lesson, exercise: exercise, variant: variant, answer: answer,
          answerText: field("answer")))
    }
    if let error = reader.error {
      problems.append(Problem(line: line, message: "the CSV cannot be read from here on (\(error))"))
    }
    self.answers = answers
    self.problems = problems
  }

  static func newlines(in row: [String]) -> Int {
    row.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) } }
  }
}
