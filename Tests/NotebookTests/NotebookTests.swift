import ArgumentParser
import Foundation
import Testing

import Notebook

@Suite("Notebook")
struct NotebookTests {
  @Test func jsonWritesNonFiniteAsNullWithANote() throws {
    let value = JSONValue.record([("loss", .nan), ("norm", .infinity), ("ok", 1.5), ("missing", nil)])
    let text = value.serialized()
    #expect(text.contains("\"loss\": null") && text.contains("\"loss_note\": \"nan\""))
    #expect(text.contains("\"norm_note\": \"inf\"") && text.contains("\"ok\": 1.5"))
    #expect(!text.contains("NaN") && !text.contains("nan,"))
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(parsed?["ok"] as? Double == 1.5)
    #expect(JSONValue.string("a\"b\n").serialized() == "\"a\\\"b\\n\"")
  }

  @Test func theoryCheckTolerances() {
    #expect(TheoryCheck(name: "a", measured: 1.04, predicted: 1, tolerance: .relative(0.05), source: "").passed)
    #expect(!TheoryCheck(name: "a", measured: 1.06, predicted: 1, tolerance: .relative(0.05), source: "").passed)
    #expect(TheoryCheck(name: "b", measured: 20, predicted: 19, tolerance: .absolute(1), source: "").passed)
    #expect(!TheoryCheck(name: "c", measured: .nan, predicted: 1, tolerance: .absolute(100), source: "").passed)
    #expect(!TheoryCheck(name: "d", measured: .infinity, predicted: 1, tolerance: .relative(1e9), source: "").passed)
  }

  @Test func tableRendersAlignedTextAndMarkdown() {
    let table = Table(headers: ["a", "bb"], rows: [["1", "x|y"], ["333", "4"]])
    #expect(table.text.split(separator: "\n").first == "a    bb")
    #expect(table.markdown.contains("| 1 | x\\|y |"))
  }

  @Test func formatNumbers() {
    #expect(Format.number(.nan) == "nan" && Format.number(-.infinity) == "-inf")
    #expect(Format.number(2.98e-8) == "2.980e-08")
    #expect(Format.number(1.22474) == "1.225")
    #expect(Format.number(117) == "117")
  }

  @Test(arguments: [
    (["--exercise", "0", "--answer", "1"], "positive"), (["--answer", "2"], "--exercise"),
    (["--exercise", "2"], "--answer"), (["--plots-dir", ""], "empty"),
  ])
  func lessonOptionsRejectBadValues(_ arguments: [String], _ fragment: String) {
    #expect {
      _ = try LessonOptions.parse(arguments)
    } throws: { error in
      LessonOptions.message(for: error).contains(fragment)
    }
  }

  @Test(arguments: [["--depth", "0"], ["--width", "5000"], ["--lr", "-1"], ["--lr", "nan"], ["--weight-std", "0"]])
  func networkOptionsRejectOutOfRangeValues(_ arguments: [String]) {
    #expect(throws: (any Error).self) { _ = try NetworkOptions.parse(arguments) }
  }

  @Test func networkOptionsParseNegativeLookingValuesAsValues() throws {
    #expect(throws: (any Error).self) { _ = try NetworkOptions.parse(["--lr", "-0.5"]) }
    let ok = try NetworkOptions.parse(["--lr", "0.5", "--init", "xavier-uniform", "--activation", "identity"])
    #expect(ok.lr == 0.5 && ok.initialization == .xavierUniform && ok.activation == .identity)
  }

  @Test func wrapKeepsShortLinesAndBreaksLongOnes() {
    let text = String(repeating: "word ", count: 40)
    #expect(Terminal.wrap(text, width: 30).split(separator: "\n").allSatisfy { $0.count <= 30 })
    #expect(Terminal.wrap("short", width: 30) == "short")
  }
}
