// gradientlab: the lessons in one place. `gradientlab list` names every lesson with the command
// that runs it; `gradientlab compare A B` draws two runs of one lesson together.
import ArgumentParser
import BatchGDLesson
import BatchNormLesson
import ClippingLesson
import DocumentsLesson
import ExplodingLesson
import Foundation
import InitializationLesson
import LessonKit
import ResidualLesson


struct GradientLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gradientlab", abstract: "The GradientLab lessons: list them, compare two runs of one.",
    subcommands: [List.self, Compare.self])
}

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Every lesson, one line each, with its run command.")

  /// Every lesson, in order.
  static var lessons: [any Lesson.Type] {
    [
      ExplodingLesson.self, InitializationLesson.self, BatchNormLesson.self, BatchGDLesson.self, ClippingLesson.self,
      ResidualLesson.self, DocumentsLesson.self,
    ]
  }

  func run() {
    let width = Self.lessons.map { $0.name.count }.max() ?? 0
    for lesson in Self.lessons {
      let padding = String(repeating: " ", count: width - lesson.name.count)
      print("\(lesson.name)\(padding)  swift run -c release \(lesson.name)\(padding)  \(lesson.abstract)")
    }
  }
}

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw two runs of the same lesson together.",
    discussion: """
      RUN_A and RUN_B are two output folders of one lesson, e.g. the reference plots/exploding and \
      your run of `exploding --weight-std 1.5 --plots-dir mine` in mine/exploding. Writes into \
      --output every line chart both drew with both runs (B dashed), heatmaps side by side, and a \
      README.md with what differs in the parameters, the checks, the claims' verdicts and the \
      numbers that changed.
      """)

  @Argument(help: "The run to compare against (e.g. plots/exploding).")
  var runA: String

  @Argument(help: "The run to compare (e.g. mine/exploding).")
  var runB: String

  @Option(help: "Where the comparison goes (replaced whole; default comparison-<lesson>).")
  var output: String?

  func run() throws {
    let comparison: RunComparison
    do {
      comparison = try RunComparison(try RunFolder(runA), try RunFolder(runB))
    } catch let error as RunFolder.Unreadable {
      throw ValidationError(error.description)
    } catch let error as RunComparison.Refused {
      throw ValidationError(error.description)
    }
    let destination = output ?? "comparison-\(comparison.a.lesson)"
    do {
      let charts = try comparison.write(to: destination)
      print("\(charts) charts overlaid · \(URL(fileURLWithPath: destination).standardizedFileURL.path)/README.md")
    } catch let error as RunComparison.Refused {
      throw ValidationError(error.description)
    }
  }
}

/// Like the lessons: a bad command line is one line on standard error and exit status 64.
do {
  var command = try GradientLab.parseAsRoot()
  try command.run()
} catch let error as ValidationError {
  FileHandle.standardError.write(Data("gradientlab: error: \(error.message)\n".utf8))
  exit(64)
} catch {
  GradientLab.exit(withError: error)
}
