import ArgumentParser
import Classroom
import Foundation
import LessonCatalogue

/// `gradientlab handout --assignment A.yaml OUT`: a fresh copy of the package for students.
struct MakeHandout: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "handout",
    abstract: "Write a copy of the package for students: no solutions, no history, with the assignment.",
    discussion: """
      OUT must be a new (or empty) folder. It gets this package's files (git's tracked files in a \
      git checkout) without exercises/Solutions and without .git, plus ASSIGNMENT.yaml (the \
      assignment without its roster; in an exam the lessons' checks then never print a right value \
      and --solution is refused) and ASSIGNMENT.md (what to do, the commands with --variant, how to \
      hand in). Zip it or push it to a new repository.
      """)

  @Option(help: "The assignment file (YAML or JSON).")
  var assignment: String

  @Argument(help: "The new folder to write the handout into.")
  var output: String

  func run() throws {
    let (assignment, _) = try ClassroomFiles.load(assignment)
    let destination = URL(fileURLWithPath: output).standardizedFileURL
    do {
      try Handout.validate(destination: destination)
    } catch {
      throw ValidationError(error.description)
    }
    let handout = Handout(
      assignment: assignment, package: try Exercises.packageRoot(), files: LessonCatalogue.codeExerciseFiles)
    try handout.write(to: destination)
    print(
      "Handout for '\(assignment.title)' written to \(destination.path) (\(try handout.packageFiles().count + 2) files; ASSIGNMENT.md says what to do)."
    )
  }
}
