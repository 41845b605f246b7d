import ArgumentParser
import Classroom
import Foundation
import LessonCatalogue

/// What the classroom commands share: reading the assignment and its roster (refused in one
/// line, exit 64), and writing a report's scores, details and Gradescope files.
enum ClassroomFiles {
  /// The assignment at `path` and its roster; its warnings go to standard error.
  static func load(_ path: String) throws -> (Assignment, Roster) {
    let assignment: Assignment
    do {
      assignment = try Assignment(contentsOf: path, catalogue: LessonCatalogue.assignmentCatalogue)
    } catch {
      throw ValidationError(error.description)
    }
    for warning in assignment.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    let roster: Roster
    do {
      roster = try Roster(contentsOf: assignment.rosterURL!)
    } catch {
      throw ValidationError(error.description)
    }
    return (assignment, roster)
  }

  /// Refuses an `--output` that is a folder or whose folder cannot be written, and a
  /// `--gradescope` that is a file.
  static func validate(output: String?, gradescope: String?) throws {
    var isFolder: ObjCBool = false
    if let output {
      let url = URL(fileURLWithPath: output)
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
        throw ValidationError("--output '\(output)' is a folder: give a file name such as scores.csv")
      }
      let parent = url.deletingLastPathComponent().path
      guard FileManager.default.isWritableFile(atPath: parent) else {
        throw ValidationError("--output '\(output)': the folder '\(parent)' does not exist or cannot be written")
      }
    }
    if let gradescope {
      if FileManager.default.fileExists(atPath: gradescope, isDirectory: &isFolder), !isFolder.boolValue {
        throw ValidationError("--gradescope '\(gradescope)' is a file: give a folder for the students' results")
      }
      let parent = URL(fileURLWithPath: gradescope).deletingLastPathComponent().path
      guard FileManager.default.isWritableFile(atPath: parent) else {
        throw ValidationError(
          "--gradescope '\(gradescope)': the folder '\(parent)' does not exist or cannot be written")
      }
    }
  }

  /// Prints the report (problems and notes on standard error, a line per student), writes what
  /// was asked for, and exits 1 when some rows or submissions could not be read.
  static func finish(_ report: ClassReport, output: String?, details: Bool, gradescope: String?) throws {
    for problem in report.problems { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
    for note in report.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
    for line in report.summaryLines { print(line) }
    if details {
      print()
      for s in report.roster.students {
        for entry in report.entries {
          let score = report.score(s.id, entry)
          let answer = score.answer.isEmpty ? "" : " \(score.answer)"
          print(
            """
            \(s.id)  \(entry.name) (variant \(s.variant)):\(answer) \(score.verdict), \
            \(ClassReport.points(score.points))/\(ClassReport.points(entry.points)). \(score.reason)
            """
          )
        }
      }
    }
    if let output {
      let url = URL(fileURLWithPath: output)
      try Data(report.scoresCSV.utf8).write(to: url, options: .atomic)
      if details {
        let stem = url.deletingPathExtension().lastPathComponent
        let detailsURL = url.deletingLastPathComponent().appendingPathComponent("\(stem)-details.csv")
        try Data(report.detailsCSV.utf8).write(to: detailsURL, options: .atomic)
      }
    }
    if let gradescope { try report.writeGradescope(to: URL(fileURLWithPath: gradescope)) }
    if !report.problems.isEmpty { throw ExitCode(1) }
  }
}

/// `gradientlab variants --assignment A.yaml`: each student's variant, as CSV.
struct Variants: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print each student's exercise variant for an assignment (CSV student,variant).",
    discussion: """
      The variants come from the assignment's roster: the roster's own `variant` column where it has \
      one, otherwise 1, 2, 3, … in roster order, skipping numbers already taken. A student added at \
      the end of the roster moves no one else; the output is itself a roster with pinned variants \
      (save it and point the assignment's `roster:` at it before reordering or removing students).
      """)

  @Option(help: "The assignment file (YAML or JSON).")
  var assignment: String

  func run() throws {
    let (_, roster) = try ClassroomFiles.load(assignment)
    print(roster.csv, terminator: "")
  }
}
