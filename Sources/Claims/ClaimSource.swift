/// Who makes a claim: one of the five documents, or a published paper.
public enum ClaimSource: Sendable, Equatable, Hashable {
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

  /// The source as written in metrics.json: the document's id or the citation.
  public var key: String {
    switch self {
    case .document(let document): document.rawValue
    case .paper(let citation): citation
    }
  }
}
