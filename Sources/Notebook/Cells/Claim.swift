/// A claim from the documents the project grew from (see `Document`), or from a paper, with the
/// verdict of a lesson's own measurement.
public struct Claim: Sendable, Equatable {
  /// How the measurement judges the claim.
  public enum Verdict: String, Sendable, Equatable {
    case holds = "holds"
    case partlyHolds = "partly holds"
    case false_ = "false"
  }

  /// Who makes a claim.
  public enum Source: Sendable, Equatable, Hashable {
    /// One of the five documents.
    case document(Document)
    /// A published paper, by its short citation ("Ioffe & Szegedy 2015").
    case paper(String)

    /// The source in plain text: the document's short title, or the citation.
    public var label: String {
      switch self {
      case .document(let document): "“\(document.shortTitle)”"
      case .paper(let citation): citation
      }
    }

    /// The source in Markdown, a document linked to its entry in `docs/documents.md`.
    public var markdown: String {
      switch self {
      case .document(let document): "[\(document.title)](\(document.link))"
      case .paper(let citation): citation
      }
    }
  }

  /// Who says it.
  public var source: Source
  /// The original sentence.
  public var quote: String
  /// An English translation.
  public var translation: String
  /// The verdict.
  public var verdict: Verdict
  /// The measurement behind the verdict, in one or two sentences with numbers.
  public var evidence: String

  /// A claim of `document` with its verdict and evidence.
  public init(document: Document, quote: String, translation: String, verdict: Verdict, evidence: String) {
    self.init(source: .document(document), quote: quote, translation: translation, verdict: verdict, evidence: evidence)
  }

  /// A claim with its verdict and evidence.
  public init(source: Source, quote: String, translation: String, verdict: Verdict, evidence: String) {
    self.source = source
    self.quote = quote
    self.translation = translation
    self.verdict = verdict
    self.evidence = evidence
  }
}
