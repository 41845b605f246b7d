/// The notebook's Markdown, adapted for the renderers Jupyter uses (marked in JupyterLab,
/// mistune 0.8 in nbconvert 6) where they read it differently from GitHub's CommonMark.
///
/// - A cell that starts an ordered list at N > 1 (exercise 2 in a cell of its own) would show as
///   "1." in nbconvert, which numbers every list from 1; its marker is escaped (`2\.`), so every
///   renderer shows the number as written.
/// - Inside `<sub>…</sub>`, nbconvert copies inline HTML as it is, Markdown included; there,
///   code spans become `<code>` and links `<a href>` (both HTML-escaped).
package enum JupyterMarkdown {
  /// `text` with the two adaptations above; any other Markdown is left as it is.
  package static func adapted(_ text: String) -> String {
    var result = text
    if let marker = result.prefixMatch(of: #/(\d+)\. /#), Int(marker.output.1) != 1 {
      result.replaceSubrange(marker.range, with: "\(marker.output.1)\\. ")
    }
    return result.replacing(/<sub>(.*?)<\/sub>/) { match in
      "<sub>" + inlineHTML(String(match.output.1)) + "</sub>"
    }
  }

  /// Code spans and links of one line of Markdown as HTML; the text between them escaped.
  static func inlineHTML(_ markdown: String) -> String {
    var html = ""
    var rest = Substring(markdown)
    while let match = rest.firstMatch(of: /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/) {
      html += escaped(rest[..<match.range.lowerBound])
      if let code = match.output.1 {
        html += "<code>\(escaped(code))</code>"
      } else if let label = match.output.2, let target = match.output.3 {
        html += "<a href=\"\(escaped(target))\">\(escaped(label))</a>"
      }
      rest = rest[match.range.upperBound...]
    }
    return html + escaped(rest)
  }

  /// `text` with `&`, `<`, `>` and `"` as HTML entities.
  static func escaped(_ text: Substring) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}
