import Foundation

/// Where the notebook prints, and whether it is a terminal (for styling, progress bars, pauses).
public struct Terminal: Sendable {
  /// Whether standard output is a terminal.
  public var isInteractive: Bool
  /// Whether standard input is a terminal (needed to pause for Enter).
  public var canPause: Bool
  /// When false, nothing is printed (tests).
  public var isEnabled: Bool
  /// Where the text goes instead of standard output (a test reading what a pipe would get).
  public var sink: (@Sendable (String) -> Void)? = nil

  /// The process's own terminal.
  public static var standard: Terminal {
    Terminal(isInteractive: isatty(STDOUT_FILENO) == 1, canPause: isatty(STDIN_FILENO) == 1, isEnabled: true)
  }

  /// A terminal that prints nothing.
  public static var silent: Terminal { Terminal(isInteractive: false, canPause: false, isEnabled: false) }

  /// A terminal that hands its text to `sink`, as a pipe would receive it (no styling, no pauses).
  public static func capturing(_ sink: @escaping @Sendable (String) -> Void) -> Terminal {
    Terminal(isInteractive: false, canPause: false, isEnabled: true, sink: sink)
  }

  /// Prints a line.
  public func line(_ text: String = "") {
    write(text + "\n")
  }

  /// Writes text as is (no newline added), unbuffered, so it interleaves correctly with progress bars.
  public func write(_ text: String) {
    guard isEnabled else { return }
    if let sink { return sink(text) }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Markdown prose as terminal text: `**bold**` in ANSI bold on a terminal (plain in a pipe or
  /// file), a link `[text](target)` as its text, `` `code` `` without its backticks. Tables and
  /// chart previews are printed as they are and do not go through this.
  public func text(_ markdown: String) -> String {
    var text = markdown.replacing(/\[([^\]\n]+)\]\(([^)\s]+)\)/) { String($0.output.1) }
    text = text.replacing(/\*\*([^*\n]+?)\*\*/) { bold(String($0.output.1)) }
    return text.replacing(/`([^`\n]+)`/) { String($0.output.1) }
  }

  /// Text in bold on a terminal, unchanged otherwise.
  public func bold(_ text: String) -> String { isInteractive ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

  /// Text in green (true) or red (false) on a terminal, unchanged otherwise.
  public func colored(_ text: String, good: Bool) -> String {
    isInteractive ? "\u{1B}[\(good ? 32 : 31)m\(text)\u{1B}[0m" : text
  }

  /// Wraps prose to `width` columns, keeping blank lines and indented (code or list) lines.
  public static func wrap(_ text: String, width: Int = 96) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { rawLine -> String in
      let line = String(rawLine)
      if line.count <= width || line.hasPrefix("    ") || line.hasPrefix("|") { return line }
      let indent = line.prefix { $0 == " " || $0 == "-" || $0 == "*" }.count
      let hanging = String(repeating: " ", count: indent)
      var lines: [String] = []
      var current = ""
      for word in line.split(separator: " ") {
        if !current.isEmpty && current.count + 1 + word.count > width {
          lines.append(current)
          current = hanging + word
        } else {
          current += current.isEmpty ? String(word) : " " + word
        }
      }
      if !current.isEmpty { lines.append(current) }
      if line.hasPrefix(" ") && !lines.isEmpty {
        lines[0] = String(repeating: " ", count: line.prefix { $0 == " " }.count) + lines[0]
      }
      return lines.joined(separator: "\n")
    }.joined(separator: "\n")
  }
}
