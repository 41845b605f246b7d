// gradientlab: the lessons in one place. `list` names every lesson with the command that runs
// it; `compare A B` draws two runs of one lesson together; `grade answers.csv` scores a class's
// answers to the numeric exercises; `exercises` builds and checks the code exercises.
import ArgumentParser
import Foundation
import LessonKit

struct GradientLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradientlab",
    abstract: "The GradientLab lessons: list them, compare two runs of one, check the code exercises, grade a class.",
    subcommands: [
      List.self, Compare.self, Exercises.self, Variants.self, MakeHandout.self, Grade.self, GradeCode.self,
    ])
}

/// Like the lessons: a bad command line is one line on standard error and exit status 64;
/// `--help` prints the usage and exits 0.
let parsed: ParsableCommand
do {
  parsed = try GradientLab.parseAsRoot()
} catch {
  if GradientLab.exitCode(for: error) == .success { GradientLab.exit(withError: error) }
  FileHandle.standardError.write(
    Data("gradientlab: error: \(ErrorLine.oneLine(GradientLab.message(for: error)))\n".utf8))
  exit(64)
}
do {
  var command = parsed
  try command.run()
} catch let error as ValidationError {
  FileHandle.standardError.write(Data("gradientlab: error: \(ErrorLine.oneLine(error.message))\n".utf8))
  exit(64)
} catch {
  GradientLab.exit(withError: error)
}
