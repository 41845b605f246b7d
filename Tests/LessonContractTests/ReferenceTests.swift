import Claims
import Foundation
import LessonTestSupport
import Notebook
import Testing

/// The repository is self-contained: the committed notebooks cite the theory reference and the
/// documents' catalogue that the repo carries (`docs/`), and nothing points outside it.
@Suite("References")
struct ReferenceTests {
  /// The repository's root.
  static let root = LessonExpectations.root

  /// Every Swift source under `folders` of the repository, by path from its root, with its lines.
  static func swiftSources(in folders: [String]) throws -> [(path: String, lines: [Substring])] {
    var sources: [(path: String, lines: [Substring])] = []
    for folder in folders {
      let base = root.appendingPathComponent(folder)
      guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
      for case let url as URL in files where url.pathExtension == "swift" {
        let text = try String(contentsOf: url, encoding: .utf8)
        sources.append(
          (
            url.path.replacingOccurrences(of: root.path + "/", with: ""),
            text.split(separator: "\n", omittingEmptySubsequences: false)
          ))
      }
    }
    return sources
  }

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  /// The text of section `anchor` of a Markdown file: from `<a id="anchor">` to the next anchor.
  static func section(_ anchor: String, of markdown: String) -> Substring? {
    guard let start = markdown.range(of: "<a id=\"\(anchor)\"></a>") else { return nil }
    let rest = markdown[start.upperBound...]
    return rest[..<(rest.range(of: "<a id=")?.lowerBound ?? rest.endIndex)]
  }

  /// The committed Jupyter notebook is the committed README's: the same headings in order, and an
  /// image attachment for every chart the README embeds, byte for byte the committed PNG.
  @Test(arguments: LessonContractTests.lessons)
  func theCommittedJupyterNotebookMatchesTheCommittedReadme(lesson: String) throws {
    let readme = try Self.text("plots/\(lesson)/README.md")
    let data = try Data(contentsOf: Self.root.appendingPathComponent("plots/\(lesson)/\(lesson).ipynb"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cells = try #require(json["cells"] as? [[String: Any]])
    func source(_ cell: [String: Any]) -> String { ((cell["source"] as? [String]) ?? []).joined() }
    let headings = cells.filter { $0["cell_type"] as? String == "markdown" }.map(source).filter { $0.hasPrefix("#") }
    #expect(headings == readme.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init))
    let embedded = readme.matches(of: /!\[[^\]]*\]\(([\w-]+)\.png\)/).map { String($0.output.1) }
    var images: [String: Data] = [:]
    for cell in cells {
      for case let (file, value as [String: Any]) in (cell["attachments"] as? [String: Any]) ?? [:] {
        if let png = value["image/png"] as? String, file.hasSuffix(".png") {
          images[String(file.dropLast(".png".count))] = Data(base64Encoded: png)
        }
      }
    }
    #expect(images.keys.sorted() == embedded.sorted())
    for name in embedded {
      let file = try Data(contentsOf: Self.root.appendingPathComponent("plots/\(lesson)/\(name).png"))
      #expect(images[name] == file, "\(lesson): \(name).png differs from its image in the notebook")
    }
  }

  @Test(arguments: LessonContractTests.lessons)
  func everyCheckCitesASectionOfTheTheoryReference(lesson: String) throws {
    let theory = try Self.text("docs/theory.md")
    let metrics = try JSONSerialization.jsonObject(
      with: Data(contentsOf: Self.root.appendingPathComponent("plots/\(lesson)/metrics.json")))
    let checks = try #require((metrics as? [String: Any])?["checks"] as? [[String: Any]])
    #expect(!checks.isEmpty)
    for check in checks {
      let source = check["source"] as? String ?? ""
      let numbers = source.matches(of: /§(\d+)/).map { String($0.output.1) }
      #expect(source.hasPrefix("theory §") && !numbers.isEmpty, "\(lesson): source '\(source)'")
      for number in numbers {
        let section = Self.section("theory-\(number)", of: theory)
        #expect(section != nil, "\(lesson): no section §\(number) in docs/theory.md")
        #expect(
          section?.contains("Measured in:") == true && section?.contains("`\(lesson)`") == true,
          "docs/theory.md §\(number) does not say that \(lesson) measures it")
      }
    }
    let notebook = try Self.text("plots/\(lesson)/README.md")
    #expect(notebook.contains("](../../docs/theory.md#theory-"), "\(lesson)'s notebook links no theory section")
  }

  /// Every quoted claim in a committed notebook names its document by a link into
  /// docs/documents.md, and that document's section lists the sentence.
  @Test(arguments: LessonContractTests.lessons)
  func everyQuotedClaimIsInTheDocumentsCatalogue(lesson: String) throws {
    let catalogue = try Self.text("docs/documents.md")
    let notebook = try Self.text("plots/\(lesson)/README.md")
    let quotes = notebook.matches(of: /(?m)^> (.+) — \*\[[^\]]+\]\(\.\.\/\.\.\/docs\/documents\.md#([a-z-]+)\)\*$/)
    #expect(!quotes.isEmpty, "\(lesson) quotes no document")
    for quote in quotes {
      let section = Self.section(String(quote.output.2), of: catalogue)
      #expect(section != nil, "no section '\(quote.output.2)' in docs/documents.md")
      #expect(
        section?.contains("「\(quote.output.1)」") == true, "\(lesson): not in docs/documents.md: \(quote.output.1)")
    }
  }

  /// The catalogue and the code name each document by the same titles.
  @Test func everyDocumentHasItsSectionUnderItsTitles() throws {
    let catalogue = try Self.text("docs/documents.md")
    for document in Document.allCases {
      let section = try #require(Self.section(document.rawValue, of: catalogue), "no section for \(document)")
      #expect(section.contains("## “\(document.title)”"), "\(document): title")
      #expect(section.contains(document.originalTitle), "\(document): original title")
    }
  }

  @Test func nothingInTheRepositoryPointsOutsideIt() throws {
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "-C", Self.root.path, "ls-files", "--cached", "--others", "--exclude-standard"]
    let pipe = Pipe()
    git.standardOutput = pipe
    try git.run()
    let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    git.waitUntilExit()
    let files = listing.split(separator: "\n").filter {
      [".swift", ".md", ".json", ".gp", ".py", ".c", ".h", ""].contains(where: $0.hasSuffix) && !$0.hasSuffix("/")
    }
    #expect(files.count > 100)
    // The development notes beside the repository, spelled in pieces so that this file does not
    // contain them itself.
    let outside = [["..", "shared"].joined(separator: "/"), "shared" + "/seeds", "THEORY" + ".md", "DESIGN" + ".md"]
    for file in files {
      guard let text = try? String(contentsOf: Self.root.appendingPathComponent(String(file)), encoding: .utf8) else {
        continue
      }
      for pattern in outside {
        #expect(!text.contains(pattern), "\(file) points outside the repository: '\(pattern)'")
      }
    }
  }
}
