import ArgumentParser
import Classroom
import Foundation
import LessonCatalogue
import Notebook

/// `gradientlab grade --assignment A.yaml answers.csv`: every student of the roster scored on
/// every exercise of an assignment (numbers, and code with `--code`); without an assignment, a
/// score per student for the rows of an answers file, each checked as `<lesson> --variant K
/// --exercise N --answer X` would check it.
struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score a class's answers to an assignment (or to the lessons' numeric exercises).",
    discussion: """
      With --assignment A.yaml: ANSWERS is a CSV file with the header student,lesson,exercise,answer \
      (a variant column is optional: the roster decides each student's variant). Every student of \
      the roster is scored on every numeric exercise of the assignment: a missing answer is 0 \
      ("not answered"), a non-number 0; a repeated row counts once (the last), and a variant that \
      disagrees with the roster or a student not on it is reported. With --code SUBMISSIONS the \
      code exercises are graded too (as grade-code does). --output writes one row per student: a \
      column per exercise, total, maximum, percentage (UTF-8 with a BOM). Exit status 0 when every \
      row could be read, whatever the scores.

      Without --assignment: 
      ANSWERS is a CSV file whose header row names the columns student,lesson,exercise,variant,answer \
      (e.g. `ada,exploding,3,1,1.58`; an empty variant is 0). Each answer is checked as \
      `<lesson> --variant K --exercise N --answer X` checks it, with the lesson's defaults. Prints \
      one line per student ("ada  2/2"); rows that cannot be graded are reported on standard error \
      with their line number and the other rows are still graded. Exit status 0 when every row \
      was graded, 1 when some could not be, 64 for a bad command line or an unreadable file.
      """)

  @Option(help: "The assignment file (YAML or JSON): grade every student of its roster on its exercises.")
  var assignment: String?

  @Argument(help: "The class's answers (CSV with a header row).")
  var answers: String?

  @Option(help: "With --assignment: also grade the code exercises from this folder (SUBMISSIONS/<student>/).")
  var code: String?

  @Option(help: "With --assignment: write each student's results in Gradescope's format to DIR/<student>.json.")
  var gradescope: String?

  @OptionGroup var limits: CodeGradingOptions

  @Flag(
    help:
      "Also print every answer with correct/incorrect and the reason (with --assignment and --output, also <output>-details.csv)."
  )
  var details = false

  @Option(help: "Write the scores (with --details, every graded answer) to this CSV file, replaced whole.")
  var output: String?

  @Flag(help: "Grade against the lessons' --quick exercises (for a class that ran them with --quick).")
  var quick = false

  func validate() throws {
    var isFolder: ObjCBool = false
    if assignment == nil {
      guard answers != nil else { throw ValidationError("give the answers file (or --assignment A.yaml)") }
      if code != nil || gradescope != nil {
        throw ValidationError("--code and --gradescope need --assignment A.yaml (the exercises, points and roster)")
      }
    } else {
      guard answers != nil || code != nil else {
        throw ValidationError("give the answers file, --code SUBMISSIONS, or both")
      }
      if quick { throw ValidationError("--quick comes from the assignment's mode: leave it out with --assignment") }
    }
    if let answers {
      guard FileManager.default.fileExists(atPath: answers, isDirectory: &isFolder), !isFolder.boolValue else {
        throw ValidationError("no answers file at '\(answers)': give a CSV file with a header row")
      }
    }
    try ClassroomFiles.validate(output: output, gradescope: gradescope)
  }

  func run() throws {
    if let assignment { return try gradeAssignment(assignment) }
    let answers = answers!
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

  /// Grades every student of the assignment's roster on its numeric exercises (from `answers`)
  /// and its code exercises (from `--code`).
  func gradeAssignment(_ path: String) throws {
    let (assignment, roster) = try ClassroomFiles.load(path)
    var report: ClassReport?
    if let answers {
      let text: String
      do {
        text = try String(contentsOfFile: answers, encoding: .utf8)
      } catch {
        throw ValidationError("cannot read '\(answers)' as UTF-8 text")
      }
      do {
        report = try NumericGrading.grade(
          text, name: URL(fileURLWithPath: answers).lastPathComponent, assignment: assignment, roster: roster
        ) { lesson, variant in
          try LessonCatalogue.exercises(lesson, variant: variant, mode: assignment.mode)
        }
      } catch let error as AssignmentError {
        throw ValidationError(error.description)
      }
    }
    if let code, !assignment.codeEntries.isEmpty {
      let graded = try limits.grade(assignment, roster, submissions: code)
      report = report.map { $0.merged(with: graded) } ?? graded
    }
    guard let report else { throw ValidationError("the assignment '\(assignment.title)' has no code exercises") }
    try ClassroomFiles.finish(report, output: output, details: details, gradescope: gradescope)
  }
}
