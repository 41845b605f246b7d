/// Turns the references "theory §N" (and "theory §2, §4") in a notebook's Markdown into links to
/// section N of the project's theory reference, `docs/theory.md`, whose sections carry the anchors
/// `theory-N`. Links are relative to a lesson's notebook, `plots/<lesson>/README.md`.
public enum TheoryLinks {
  /// The reference from a lesson's notebook folder.
  public static let document = "../../docs/theory.md"

  /// `markdown` with every "theory §N" linked.
  public static func linked(_ markdown: String) -> String {
    markdown.replacing(/theory §(\d+)((?:, §\d+)*)/) { match in
      var text = "[theory §\(match.output.1)](\(document)#theory-\(match.output.1))"
      for more in match.output.2.matches(of: /§(\d+)/) {
        text += ", [§\(more.output.1)](\(document)#theory-\(more.output.1))"
      }
      return text
    }
  }
}
