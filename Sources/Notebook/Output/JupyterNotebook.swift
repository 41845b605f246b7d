import Foundation

/// The executed notebook as a Jupyter notebook, nbformat 4.5, written next to README.md as
/// `<lesson>.ipynb`: the same cells in the same order, all Markdown, each chart an image
/// *attachment* of the Markdown cell that shows it (`![title](attachment:name.png)`) followed by
/// its caption.
///
/// Attachments belong to the cell's source, not to its outputs, so "Run All", "Clear outputs" and
/// `nbconvert --ClearOutputPreprocessor` leave every chart in place (the notebook has no code cell
/// at all). Jupyter Notebook, JupyterLab, VS Code and nbconvert render attachments; where a viewer
/// does not, the README.md beside the notebook shows the same cells with the PNG files. The text
/// goes through `JupyterMarkdown` for the renderers Jupyter uses. The lesson, mode, seed,
/// parameters and versions are in the metadata under `gradientlab`.
///
/// Format: https://nbformat.readthedocs.io/en/latest/format_description.html — version 4.5 adds
/// the cell `id` (1–64 characters of letters, digits, `-` and `_`, unique in the notebook);
/// "Cell attachments" gives the `attachments` field (file name → MIME type → base64 data).
struct JupyterNotebook {
  /// One cell of the executed notebook.
  enum Cell {
    /// Markdown text.
    case markdown(String)
    /// A chart: its file stem, title, the PNG's bytes (nil if it could not be drawn) and the
    /// Markdown that follows it (caption, how to re-render).
    case chart(name: String, title: String, png: Data?, caption: String)
  }

  /// The kernel named in the metadata. The notebook holds no code, so no kernel runs anything;
  /// naming Jupyter's default (IPython) kernel, which every Jupyter install has, lets it open
  /// without a "Select kernel" dialog. A re-render is a shell command in each caption.
  static let kernelspec: JSONValue = .object([
    ("display_name", .string("Python 3 (ipykernel)")), ("language", .string("python")),
    ("name", .string("python3")),
  ])

  /// The cells, in order.
  var cells: [Cell]
  /// `metadata.gradientlab`: lesson, mode, seed, parameters, versions.
  var metadata: JSONValue

  /// The notebook as JSON (two spaces of indentation, keys in a fixed order).
  func serialized() -> String {
    var items: [JSONValue] = []
    for cell in cells {
      let id = "cell-\(items.count + 1)"
      switch cell {
      case .markdown(let text):
        items.append(Self.markdownCell(JupyterMarkdown.adapted(text), id: id))
      case .chart(let name, let title, let png, let caption):
        let file = "\(name).png"
        guard let png else {
          // Not drawn: the cell links the file (absent or stale) and says so in its caption.
          items.append(Self.markdownCell("![\(title)](\(file))\n\n" + JupyterMarkdown.adapted(caption), id: id))
          continue
        }
        items.append(
          Self.markdownCell(
            "![\(title)](attachment:\(file))\n\n" + JupyterMarkdown.adapted(caption), id: id,
            attachments: [(file, .object([("image/png", .string(png.base64EncodedString()))]))]))
      }
    }
    return JSONValue.object([
      ("cells", .array(items)),
      (
        "metadata",
        .object([
          ("kernelspec", Self.kernelspec), ("language_info", .object([("name", .string("python"))])),
          ("gradientlab", metadata),
        ])
      ),
      ("nbformat", .integer(4)), ("nbformat_minor", .integer(5)),
    ]).serialized() + "\n"
  }

  private static func markdownCell(_ text: String, id: String, attachments: [(String, JSONValue)] = []) -> JSONValue {
    var pairs: [(String, JSONValue)] = []
    if !attachments.isEmpty { pairs.append(("attachments", .object(attachments))) }
    pairs += [
      ("cell_type", .string("markdown")), ("id", .string(id)), ("metadata", .object([])),
      ("source", lines(text)),
    ]
    return .object(pairs)
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
