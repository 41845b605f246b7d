import Foundation

/// The executed notebook as a Jupyter notebook, nbformat 4.5, written next to README.md as
/// `<lesson>.ipynb`: the same cells in the same order, Markdown for prose, tables, checks and
/// claims, and each chart as the `image/png` output of a code cell whose source says how to
/// re-render it (outputs render in Jupyter, JupyterLab, VS Code and on GitHub; Markdown
/// attachments do not render everywhere). The lesson, mode, seed, parameters and versions are in
/// the notebook's metadata under `gradientlab`.
///
/// Format: https://nbformat.readthedocs.io/en/latest/format_description.html — version 4.5 adds
/// the cell `id` (1–64 characters of letters, digits, `-` and `_`, unique in the notebook).
struct JupyterNotebook {
  /// One cell of the executed notebook.
  enum Cell {
    /// Markdown text.
    case markdown(String)
    /// A chart: its file stem, title, the PNG's bytes (nil if it could not be drawn) and the
    /// Markdown that follows it (caption, how to re-render).
    case chart(name: String, title: String, png: Data?, caption: String)
  }

  /// The cells, in order.
  var cells: [Cell]
  /// `metadata.gradientlab`: lesson, mode, seed, parameters, versions.
  var metadata: JSONValue

  /// The notebook as JSON (one space of indentation, as `nbformat.write` does not require).
  func serialized() -> String {
    var items: [JSONValue] = []
    for cell in cells {
      switch cell {
      case .markdown(let text):
        items.append(Self.markdownCell(text, id: "cell-\(items.count + 1)"))
      case .chart(let name, let title, let png, let caption):
        var outputs: [JSONValue] = []
        if let png {
          outputs.append(
            .object([
              ("output_type", .string("display_data")),
              (
                "data",
                .object([("image/png", .string(png.base64EncodedString())), ("text/plain", .array([.string(title)]))])
              ),
              ("metadata", .object([])),
            ]))
        }
        items.append(
          .object([
            ("cell_type", .string("code")), ("execution_count", .null), ("id", .string("cell-\(items.count + 1)")),
            ("metadata", .object([])), ("outputs", .array(outputs)),
            ("source", Self.lines("# \(name).png: re-render with `gnuplot \(name).gp` (data: \(name).dat)")),
          ]))
        items.append(Self.markdownCell(caption, id: "cell-\(items.count + 1)"))
      }
    }
    return JSONValue.object([
      ("cells", .array(items)),
      ("metadata", .object([("gradientlab", metadata)])),
      ("nbformat", .integer(4)), ("nbformat_minor", .integer(5)),
    ]).serialized() + "\n"
  }

  private static func markdownCell(_ text: String, id: String) -> JSONValue {
    .object([
      ("cell_type", .string("markdown")), ("id", .string(id)), ("metadata", .object([])),
      ("source", lines(text)),
    ])
  }

  /// A cell's source as nbformat stores it: a list of lines, each but the last ending in "\n".
  private static func lines(_ text: String) -> JSONValue {
    let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let parts = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
    return .array(parts.enumerated().map { i, line in .string(i < parts.count - 1 ? line + "\n" : String(line)) })
  }
}

extension [JupyterNotebook.Cell] {
  /// Appends a Markdown cell.
  mutating func append(markdown text: String) { append(.markdown(text)) }
}
