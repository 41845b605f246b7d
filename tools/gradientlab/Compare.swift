import ArgumentParser
import Foundation
import LessonKit
import Notebook

/// `gradientlab compare RUN_A RUN_B`: two runs of one lesson drawn together.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw two runs of the same lesson together.",
    discussion: """
      RUN_A and RUN_B are two output folders of one lesson in the same mode, e.g. the reference \
      plots/exploding and your run of `exploding --weight-std 1.5` in runs/exploding. Writes into \
      --output every line chart both drew with both runs (B's series in A's colors, thick with open \
      circles; a run that went non-finite as a triangle at the top edge), heatmaps side by side on \
      one color scale, and a README.md with what differs in the parameters, the checks, the \
      claims' verdicts and the numbers that changed.
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
