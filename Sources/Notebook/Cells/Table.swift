import Foundation

/// A table of text cells with a header row, rendered for the terminal and as Markdown.
public struct Table: Sendable, Equatable {
  /// The column titles.
  public var headers: [String]
  /// The rows; each has one cell per header.
  public var rows: [[String]]

  /// A table; every row must have `headers.count` cells.
  public init(headers: [String], rows: [[String]]) {
    precondition(rows.allSatisfy { $0.count == headers.count }, "table rows must match the headers")
    self.headers = headers
    self.rows = rows
  }

  /// Aligned columns for a monospaced terminal.
  public var text: String {
    let widths = headers.indices.map { column in
      ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingTrailingSpaces()
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
  }

  /// A GitHub-flavoured Markdown table.
  public var markdown: String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    return ([line(headers), "|" + headers.map { _ in " --- |" }.joined()] + rows.map(line))
      .joined(separator: "\n")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
