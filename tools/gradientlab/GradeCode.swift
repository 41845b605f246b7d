import ArgumentParser
import Classroom
import Foundation
import LessonCatalogue

/// The options of a code grading: where the submissions are and the limits of each run.
struct CodeGradingOptions: ParsableArguments {
  @Option(help: "Seconds a check of one exercise may run before it is stopped.")
  var timeLimit: Double = 60

  @Option(help: "MiB of memory (address space) a check may map.")
  var memoryLimit: Int = 2048

  @Option(help: "Seconds a build of one student's code may take.")
  var buildTimeLimit: Double = 900

  func validate() throws {
    guard timeLimit > 0 && timeLimit <= 3600 else {
      throw ValidationError("--time-limit must be in (0, 3600] seconds (got \(timeLimit))")
    }
    guard (256...65536).contains(memoryLimit) else {
      throw ValidationError("--memory-limit must be 256…65536 MiB (got \(memoryLimit))")
    }
    guard buildTimeLimit > 0 && buildTimeLimit <= 7200 else {
      throw ValidationError("--build-time-limit must be in (0, 7200] seconds (got \(buildTimeLimit))")
    }
  }

  /// Grades the code of `assignment` from `submissions`, saying first how student code runs.
  func grade(_ assignment: Assignment, _ roster: Roster, submissions: String) throws -> ClassReport {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: submissions, isDirectory: &isFolder), isFolder.boolValue else {
      throw ValidationError("no submissions folder at '\(submissions)': give a folder with one folder per student")
    }
    let containment = Containment.detect()
    FileHandle.standardError.write(Data("\(containment.description)\n".utf8))
    var limits = CodeGrader.Limits()
    limits.checkSeconds = timeLimit
    limits.checkMemoryBytes = memoryLimit << 20
    limits.buildSeconds = buildTimeLimit
    let grader = CodeGrader(
      package: try Exercises.packageRoot(), files: LessonCatalogue.codeExerciseFiles, limits: limits,
      containment: containment, log: { FileHandle.standardError.write(Data("\($0)\n".utf8)) })
    do {
      return try grader.grade(
        assignment: assignment, roster: roster, submissions: URL(fileURLWithPath: submissions).standardizedFileURL)
    } catch let error as AssignmentError {
      throw ValidationError(error.description)
    }
  }
}

/// `gradientlab grade-code --assignment A.yaml SUBMISSIONS`: a class's code exercises, each
/// student's built and checked apart, contained.
struct GradeCode: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade-code",
    abstract: "Grade a class's code exercises: each student's files built and checked apart, contained.",
    discussion: """
      SUBMISSIONS/<student>/ holds that student's copies of exercises/Student/*.swift (the folder \
      named by the roster's id). Each student's code is built in a copy of this package \
      (.build/grading-workspace); a file that does not compile fails only its exercise; every build \
      and check has a time and a memory limit, and the checks run in bubblewrap (no network, \
      read-only files, home hidden) where it works, which the first line of output says. Prints a \
      line per student; exit status 0 when every submission could be graded.
      """)

  @Option(help: "The assignment file (YAML or JSON).")
  var assignment: String

  @Argument(help: "The folder with one folder of code per student.")
  var submissions: String

  @OptionGroup var limits: CodeGradingOptions

  @Option(help: "Write the scores (a column per code exercise, total, maximum, percentage) to this CSV file.")
  var output: String?

  @Flag(help: "Print every exercise's verdict and reason (and write <output>-details.csv).")
  var details = false

  @Option(help: "Write each student's results in Gradescope's results.json format to DIR/<student>.json.")
  var gradescope: String?

  func validate() throws { try ClassroomFiles.validate(output: output, gradescope: gradescope) }

  func run() throws {
    let (assignment, roster) = try ClassroomFiles.load(assignment)
    guard !assignment.codeEntries.isEmpty else {
      throw ValidationError("the assignment '\(assignment.title)' has no code exercises")
    }
    let report = try limits.grade(assignment, roster, submissions: submissions)
    try ClassroomFiles.finish(report, output: output, details: details, gradescope: gradescope)
  }
}
