import ArgumentParser
import Foundation
import LessonCatalogue
import Notebook

/// `gradientlab grade answers.csv`: a score per student for a class's answers to the numeric
/// exercises, each checked as `<lesson> --variant K --exercise N --answer X` would check it.
struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score a class's answers to the lessons' numeric exercises.",
    discussion: """
      ANSWERS is a CSV file whose header row names the columns student,lesson,exercise,variant,answer \
      (e.g. `ada,exploding,3,1,1.58`; an empty variant is 0). Each answer is checked as \
      `<lesson> --variant K --exercise N --answer X` checks it, with the lesson's defaults. Prints \
      one line per student ("ada  2/2"); rows that cannot be graded are reported on standard error \
      with their line number and the other rows are still graded. Exit status 0 when every row \
      was graded, 1 when some could not be, 64 for a bad command line or an unreadable file.
      """)

  @Argument(help: "The class's answers (CSV with a header row).")
  var answers: String

  @Flag(help: "Also print every answer with correct/incorrect and the reason.")
  var details = false

  @Option(help: "Write the scores (with --details, every graded answer) to this CSV file, replaced whole.")
  var output: String?

  @Flag(help: "Grade against the lessons' --quick exercises (for a class that ran them with --quick).")
  var quick = false

  func validate() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: answers, isDirectory: &isFolder), !isFolder.boolValue else {
      throw ValidationError("no answers file at '\(answers)': give a CSV file with a header row")
    }
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
  }

  func run() throws {
    let text: String
    do {
      text = try String(contentsOfFile: answers, encoding: .utf8)
    } catch {
      throw ValidationError("cannot read '\(answers)' as UTF-8 text")
    }
    let sheet: AnswerSheet
    do {
      sheet = try AnswerSheet(
        csv: text, lessons: LessonCatalogue.lessons.map { ($0.name, $0.exerciseCount) })
    } catch {
      throw ValidationError("\(answers): \(error.description)")
    }
    let grades = try ClassGrades(sheet, quick: quick)
    for problem in grades.problems {
      FileHandle.standardError.write(Data("\(answers): \(problem)\n".utf8))
    }
    for line in grades.scoreLines { print(line) }
    if details {
      print()
      for line in grades.detailLines { print(line) }
    }
    if let output {
      try Data(try grades.csv(details: details).utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    }
    if !grades.problems.isEmpty { throw ExitCode(1) }
  }
}
