import Foundation

/// One submission's results in Gradescope's autograder format, the `results.json` that
/// `run_autograder` writes to /autograder/results/: the total `score`, an `output` shown at the
/// top, and one entry per test with `name`, `score`, `max_score`, `status` ("passed"/"failed")
/// and `output` (Gradescope's "Autograder Specifications").
public struct GradescopeResults: Codable, Sendable, Equatable {
  /// One graded exercise.
  public struct Test: Codable, Sendable, Equatable {
    public var name: String
    public var score: Double
    public var maxScore: Double
    public var status: String
    public var output: String

    enum CodingKeys: String, CodingKey {
      case name, score, status, output
      case maxScore = "max_score"
    }
  }

  public var score: Double
  public var output: String
  public var tests: [Test]

  /// The results as pretty-printed JSON with sorted keys.
  public var json: Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)) ?? Data()
  }
}
