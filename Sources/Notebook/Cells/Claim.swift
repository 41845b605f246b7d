/// A claim from the documents the project grew from (../shared/seeds), with the verdict of a
/// lesson's own measurement.
public struct Claim: Sendable, Equatable {
  /// How the measurement judges the claim.
  public enum Verdict: String, Sendable, Equatable {
    case holds = "holds"
    case partlyHolds = "partly holds"
    case false_ = "false"
  }

  /// Which document says it (seed file name).
  public var source: String
  /// The original sentence.
  public var quote: String
  /// An English translation.
  public var translation: String
  /// The verdict.
  public var verdict: Verdict
  /// The measurement behind the verdict, in one or two sentences with numbers.
  public var evidence: String

  /// A claim with its verdict and evidence.
  public init(source: String, quote: String, translation: String, verdict: Verdict, evidence: String) {
    self.source = source
    self.quote = quote
    self.translation = translation
    self.verdict = verdict
    self.evidence = evidence
  }
}
