import CSV
import Foundation

/// A class's roster: the students, each with the exercise variant they answer.
///
/// Read from a CSV file whose header names a `student` column (ids or e-mails; other columns are
/// ignored) and optionally a `variant` column. A student's variant is the `variant` column's
/// number when it has one; the others get the smallest numbers no one else has, in roster
/// order (1, 2, 3, … for a roster without the column). So a student added at the END of a roster
/// moves no one else's variant; to reorder or remove students after the variants were handed out,
/// keep them in a `variant` column (the output of `gradientlab variants` is such a roster).
///
/// Variants are whole numbers from 1 for the roster's rows in order, rather than hashes of the
/// ids, because the exercises spread the consecutive variants 1…N of a class evenly over their
/// ranges (`ExerciseVariant`); hashed numbers would be random draws, and 30 random draws put
/// several right answers within one check's tolerance of each other.
public struct Roster: Sendable {
  /// One student and their variant.
  public struct Student: Sendable, Hashable {
    public var id: String
    public var variant: Int
  }

  /// The students in roster order.
  public var students: [Student]

  /// The student with `id` (exact match after trimming spaces), if any.
  public func student(_ id: String) -> Student? { students.first { $0.id == id } }

  /// Reads the roster at `url`; a bad file is refused in one line (`AssignmentError`).
  public init(contentsOf url: URL) throws(AssignmentError) {
    let name = url.lastPathComponent
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw AssignmentError("\(name): cannot read the roster as UTF-8 text")
    }
    try self.init(csv: text, name: name)
  }

  /// Reads a roster from CSV text (a byte-order mark is skipped); `name` is used in errors.
  public init(csv text: String, name: String) throws(AssignmentError) {
    let reader = try CSVText.reader(text, name: name, what: "the roster")
    guard let header = reader.next()?.map({ $0.lowercased() }), let column = header.firstIndex(of: "student") else {
      throw AssignmentError("\(name): the roster's header row must name a 'student' column")
    }
    let variantColumn = header.firstIndex(of: "variant")
    var rows: [(id: String, pinned: Int?, line: Int)] = []
    var line = 1
    while let row = reader.next() {
      line += 1
      if row.allSatisfy(\.isEmpty) { continue }
      let id = column < row.count ? row[column] : ""
      guard !id.isEmpty else { throw AssignmentError("\(name): line \(line): the student's id is empty") }
      if let earlier = rows.first(where: { $0.id == id }) {
        throw AssignmentError("\(name): line \(line): student '\(id)' is already on line \(earlier.line)")
      }
      var pinned: Int?
      if let variantColumn, variantColumn < row.count, !row[variantColumn].isEmpty {
        guard let value = Int(row[variantColumn]), value >= 1 else {
          throw AssignmentError(
            "\(name): line \(line): variant '\(row[variantColumn])' of '\(id)' is not a whole number ≥ 1")
        }
        if let other = rows.first(where: { $0.pinned == value }) {
          throw AssignmentError(
            "\(name): line \(line): variant \(value) is already '\(other.id)''s (line \(other.line))")
        }
        pinned = value
      }
      rows.append((id, pinned, line))
    }
    if let error = reader.error { throw AssignmentError("\(name): the roster cannot be read (\(error))") }
    guard !rows.isEmpty else { throw AssignmentError("\(name): the roster has no students") }
    var taken = Set(rows.compactMap(\.pinned))
    var next = 1
    students = rows.map { row in
      if let pinned = row.pinned { return Student(id: row.id, variant: pinned) }
      while taken.contains(next) { next += 1 }
      taken.insert(next)
      return Student(id: row.id, variant: next)
    }
  }

  /// The roster as CSV `student,variant`, one row per student (itself a roster with pinned
  /// variants).
  public var csv: String {
    "student,variant\n" + students.map { "\(Self.field($0.id)),\($0.variant)" }.joined(separator: "\n") + "\n"
  }

  /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
