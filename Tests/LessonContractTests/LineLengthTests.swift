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
    let folders = ["lessons", "Sources", "exercises", "Tests", "tools", "bench", "Plugins"]
    for (path, lines) in try ReferenceTests.swiftSources(in: folders) where !Self.dataTables.contains(path) {
      for (index, line) in lines.enumerated() where line.count > Self.limit {
        found.append("\(path):\(index + 1): \(line.count) characters")
      }
    }
    #expect(found.isEmpty, "lines over \(Self.limit) characters:\n\(found.joined(separator: "\n"))")
  }
}
