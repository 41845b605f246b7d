import Foundation
import Notebook
import Yams

/// A teacher's assignment: which exercises a class answers, how many points each is worth,
/// whether checks may show the right value, and the class's roster.
///
/// Written in YAML (a JSON file is valid YAML too):
///
///     title: Exploding gradients, week 3
///     mode: full              # or quick: which defaults the numeric exercises are checked against
///     exam: true              # checks never print the right value; no --solution
///     roster: roster.csv      # a CSV with a `student` column, relative to this file
///     exercises:
///       - {lesson: exploding, exercise: 3, points: 2}
///       - {code: batchnorm-backward, points: 5}
///
/// The file is parsed by jpsim/Yams; this type validates its entries against the course
/// (`AssignmentCatalogue`) and refuses a bad file before any work, in one line that names the
/// entry (`AssignmentError`).
public struct Assignment: Sendable {
  /// Which defaults a lesson's numeric exercises are checked against.
  public enum Mode: String, Sendable { case full, quick }

  /// One exercise of the assignment.
  public enum Item: Sendable, Hashable {
    /// Numeric exercise `exercise` (from 1) of lesson `lesson` (its executable's name).
    case numeric(lesson: String, exercise: Int)
    /// The code exercise named `name` ("batchnorm-backward").
    case code(String)
  }

  /// An exercise and its points.
  public struct Entry: Sendable, Hashable {
    public var item: Item
    public var points: Double

    public init(_ item: Item, points: Double) {
      self.item = item
      self.points = points
    }

    /// Its column in a scores file and its name in reports: "exploding 3", "batchnorm-backward".
    public var name: String {
      switch item {
      case .numeric(let lesson, let exercise): "\(lesson) \(exercise)"
      case .code(let name): name
      }
    }

    /// Whether it is a code exercise.
    public var isCode: Bool {
      if case .code = item { return true }
      return false
    }
  }

  /// The title the handout and reports show.
  public var title: String
  public var mode: Mode
  /// Whether checks say only correct or incorrect (with the named mistake), never the right
  /// value, and `--solution` is refused.
  public var exam: Bool
  /// The roster as written in the file (relative to it), nil in a handout's copy.
  public var rosterPath: String?
  /// The exercises, in the file's order.
  public var entries: [Entry]
  /// One line per exercise whose answer a class shares (`ExerciseVariation.shared`).
  public var warnings: [String]

  /// The file the assignment was read from.
  public var file: URL
  /// The catalogue's lessons' exercise counts and variations, for reading answers.
  public var catalogueVariations: [String: [ExerciseVariation]]
  /// Each lesson's number of exercises.
  public var catalogueLessons: [String: Int] { catalogueVariations.mapValues(\.count) }

  /// The roster's location, resolved against the assignment file's folder.
  public var rosterURL: URL? {
    rosterPath.map { URL(fileURLWithPath: $0, relativeTo: file.deletingLastPathComponent()).standardizedFileURL }
  }

  /// The sum of every entry's points.
  public var maximum: Double { entries.reduce(0) { $0 + $1.points } }

  /// The numeric entries.
  public var numericEntries: [Entry] { entries.filter { !$0.isCode } }
  /// The code entries.
  public var codeEntries: [Entry] { entries.filter(\.isCode) }

  /// Reads and validates the assignment at `path`. `requiresRoster` is false for a handout's
  /// copy, which carries no roster.
  public init(contentsOf path: String, catalogue: AssignmentCatalogue, requiresRoster: Bool = true)
    throws(AssignmentError)
  {
    let url = URL(fileURLWithPath: path)
    let name = url.lastPathComponent
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
      throw AssignmentError("no assignment file at '\(path)': give a YAML (or JSON) file")
    }
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw AssignmentError("\(name): cannot read it as UTF-8 text")
    }
    try self.init(yaml: text, file: url, catalogue: catalogue, requiresRoster: requiresRoster)
  }

  /// Validates the assignment in `yaml`, as if read from `file`.
  public init(yaml: String, file: URL, catalogue: AssignmentCatalogue, requiresRoster: Bool = true)
    throws(AssignmentError)
  {
    let name = file.lastPathComponent
    func refuse(_ message: String) -> AssignmentError { AssignmentError("\(name): \(message)") }
    let parsed: Any?
    do {
      parsed = try Yams.load(yaml: yaml)
    } catch {
      let detail = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
      throw refuse("not valid YAML (\(detail))")
    }
    guard let top = parsed as? [String: Any] else {
      throw refuse("the file must be a mapping with title, mode, exam, roster and exercises")
    }
    let known: Set = ["title", "mode", "exam", "roster", "exercises"]
    if let unknown = top.keys.sorted().first(where: { !known.contains($0) }) {
      throw refuse("unknown key '\(unknown)' (allowed: title, mode, exam, roster, exercises)")
    }
    guard let title = top["title"] as? String, !title.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw refuse("'title' must be a non-empty text")
    }
    let modeText = (top["mode"] as? String) ?? (top["mode"] == nil ? "full" : "")
    guard let mode = Mode(rawValue: modeText) else {
      throw refuse("'mode' must be full or quick (got \(Self.show(top["mode"])))")
    }
    let exam: Bool
    switch top["exam"] {
    case nil: exam = false
    case let flag as Bool: exam = flag
    default: throw refuse("'exam' must be true or false (got \(Self.show(top["exam"])))")
    }
    var rosterPath: String?
    switch top["roster"] {
    case nil:
      if requiresRoster { throw refuse("'roster' is missing: name a CSV file with a 'student' column") }
    case let path as String where !path.isEmpty: rosterPath = path
    default: throw refuse("'roster' must be the path of a CSV file (got \(Self.show(top["roster"])))")
    }
    guard let list = top["exercises"] as? [Any], !list.isEmpty else {
      throw refuse("'exercises' must be a non-empty list of {lesson, exercise, points} or {code, points}")
    }
    var entries: [Entry] = []
    var warnings: [String] = []
    for (index, raw) in list.enumerated() {
      let position = "exercises[\(index + 1)]"
      guard let fields = raw as? [String: Any] else {
        throw refuse("\(position) must be {lesson: NAME, exercise: N, points: P} or {code: NAME, points: P}")
      }
      let entry = try Self.entry(fields, position: position, catalogue: catalogue, refuse: refuse)
      if let earlier = entries.firstIndex(where: { $0.item == entry.item }) {
        throw refuse("\(position) (\(entry.name)) repeats exercises[\(earlier + 1)]")
      }
      if case .numeric(let lesson, let exercise) = entry.item,
        let reason = catalogue.lessons[lesson]?[exercise - 1].sharedReason
      {
        warnings.append(
          "\(name): \(position) (\(entry.name)): a class shares its answer, whatever the variant: \(reason)")
      }
      entries.append(entry)
    }
    self.title = title
    self.mode = mode
    self.exam = exam
    self.rosterPath = rosterPath
    self.entries = entries
    self.warnings = warnings
    self.file = file
    self.catalogueVariations = catalogue.lessons
    if requiresRoster, let rosterURL, !FileManager.default.fileExists(atPath: rosterURL.path) {
      throw refuse("the roster '\(rosterPath ?? "")' does not exist (looked for \(rosterURL.path))")
    }
  }

  /// One entry of `exercises`, validated.
  static func entry(
    _ fields: [String: Any], position: String, catalogue: AssignmentCatalogue,
    refuse: (String) -> AssignmentError
  ) throws(AssignmentError) -> Entry {
    let allowed: Set = ["lesson", "exercise", "code", "points"]
    if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw refuse("\(position): unknown key '\(unknown)' (allowed: lesson, exercise, points or code, points)")
    }
    let points: Double
    switch fields["points"] {
    case let value as Int: points = Double(value)
    case let value as Double: points = value
    case nil: throw refuse("\(position): 'points' is missing")
    default: throw refuse("\(position): 'points' must be a number (got \(show(fields["points"])))")
    }
    guard points > 0, points.isFinite else {
      throw refuse("\(position): 'points' must be a number > 0 (got \(Format.number(points)))")
    }
    if let code = fields["code"] {
      guard fields["lesson"] == nil, fields["exercise"] == nil else {
        throw refuse("\(position): give either code or lesson and exercise, not both")
      }
      guard let name = code as? String, catalogue.codeExercises.contains(name) else {
        throw refuse(
          "\(position): unknown code exercise \(show(code)) (code exercises: \(catalogue.codeExercises.joined(separator: ", ")))"
        )
      }
      return Entry(.code(name), points: points)
    }
    guard let lesson = fields["lesson"] as? String else {
      throw refuse("\(position): 'lesson' (or 'code') is missing")
    }
    guard let variations = catalogue.lessons[lesson] else {
      throw refuse(
        "\(position): unknown lesson '\(lesson)' (lessons: \(catalogue.lessonOrder.joined(separator: ", ")))")
    }
    guard let exercise = fields["exercise"] as? Int else {
      throw refuse("\(position) (\(lesson)): 'exercise' must be a whole number (got \(show(fields["exercise"])))")
    }
    guard (1...variations.count).contains(exercise) else {
      throw refuse(
        "\(position): lesson \(lesson) has exercises 1…\(variations.count) (got exercise \(exercise))")
    }
    return Entry(.numeric(lesson: lesson, exercise: exercise), points: points)
  }

  /// A value as the file gave it, for error messages.
  static func show(_ value: Any?) -> String {
    switch value {
    case nil: "nothing"
    case let text as String: "'\(text)'"
    case let value?: "\(value)"
    }
  }
}

/// What an assignment may name: the lessons with their exercises' variations, and the code
/// exercises (the tools build it from the lesson catalogue).
public struct AssignmentCatalogue: Sendable {
  /// Each lesson's exercises, by lesson name.
  public var lessons: [String: [ExerciseVariation]]
  /// The lessons' names in course order, for messages.
  public var lessonOrder: [String]
  /// The code exercises' names.
  public var codeExercises: [String]

  public init(lessons: [(name: String, variations: [ExerciseVariation])], codeExercises: [String]) {
    self.lessons = Dictionary(lessons.map { ($0.name, $0.variations) }, uniquingKeysWith: { a, _ in a })
    self.lessonOrder = lessons.map(\.name)
    self.codeExercises = codeExercises
  }
}

/// A refused assignment, roster or submission folder: one line naming the file and the entry.
public struct AssignmentError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
