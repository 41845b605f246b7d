import Foundation
import Testing

/// Source lines stay readable: none over 160 characters, outside the data tables that hold whole
/// sentences by design (the claim catalogue's original sentences and translations). A long text
/// is a multi-line string literal, broken with `\` at the end of a line.
@Suite("Line length")
struct LineLengthTests {
  static let limit = 160
  /// Files that are data tables, by path from the repository's root.
  static let dataTables = ["Sources/Claims/ClaimCatalogue.swift"]

  @Test func noSwiftLineIsLongerThanTheLimitOutsideDataTables() throws {
    var found: [String] = []
    for folder in ["lessons", "Sources", "exercises", "Tests", "tools", "bench", "Plugins"] {
      let base = ReferenceTests.root.appendingPathComponent(folder)
      guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
      for case let url as URL in files where url.pathExtension == "swift" {
        let path = url.path.replacingOccurrences(of: ReferenceTests.root.path + "/", with: "")
        guard !Self.dataTables.contains(path) else { continue }
        let lines = try String(contentsOf: url, encoding: .utf8).split(
          separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.count > Self.limit {
          found.append("\(path):\(index + 1): \(line.count) characters")
        }
      }
    }
    #expect(found.isEmpty, "lines over \(Self.limit) characters:\n\(found.joined(separator: "\n"))")
  }
}
