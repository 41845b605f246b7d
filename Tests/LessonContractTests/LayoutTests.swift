import Foundation
import LessonCatalogue
import LessonKit
import Notebook
import Testing

/// Every lesson has one layout: a file `<Lesson>+<Step>.swift` per step of its outline, which
/// declares that step's id (helpers of a step in `<Lesson>+<Step><What>.swift`), and experiments
/// and their result types in `Experiments/`, which know nothing of the notebook.
@Suite("Lesson layout")
struct LayoutTests {
  /// The lesson's source folder: lessons/NN-name/<Type>/.
  static func folder(of lesson: any Lesson.Type) throws -> URL {
    let lessons = ReferenceTests.root.appendingPathComponent("lessons")
    let entries = try FileManager.default.contentsOfDirectory(atPath: lessons.path)
    let directory = try #require(entries.first { $0.hasSuffix("-\(lesson.name)") }, "no lessons/NN-\(lesson.name)")
    return lessons.appendingPathComponent(directory).appendingPathComponent(String(describing: lesson))
  }

  /// "evaluation-mode" → "EvaluationMode".
  static func fileStem(_ id: StepID) -> String {
    id.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  @Test(arguments: LessonContractTests.lessons)
  func eachStepHasAFileOfItsOwnAndExperimentsDoNotImportTheNotebook(lesson name: String) throws {
    let lesson = try #require(LessonCatalogue.lesson(named: name))
    let folder = try Self.folder(of: lesson)
    let type = String(describing: lesson)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
    let steps = lesson.outline.steps.filter { $0 != .claims && $0 != .exercises }
    var declared: [String: [String]] = [:]  // file → the step ids it declares
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      declared[file] = text.matches(of: /static let \w+: StepID = "([a-z0-9-]+)"/).map { String($0.output.1) }
    }
    for id in steps {
      let file = "\(type)+\(Self.fileStem(id)).swift"
      let match = files.first { $0.lowercased() == file.lowercased() }
      #expect(match != nil, "\(name): step '\(id)' has no file \(file)")
      if let match { #expect(declared[match] == [id.rawValue], "\(name): \(match) declares \(declared[match] ?? [])") }
    }
    for (file, ids) in declared where !ids.isEmpty {
      #expect(ids.count == 1, "\(name): \(file) declares several steps: \(ids)")
    }
    // Any other `<Lesson>+…` file is a step's helper (named after the step) or the command line.
    let stems = steps.map { "\(type)+\(Self.fileStem($0))".lowercased() } + ["\(type)+CommandLine".lowercased()]
    for file in files where file.hasPrefix("\(type)+") {
      #expect(stems.contains { file.lowercased().hasPrefix($0) }, "\(name): \(file) is named after no step")
    }
    // What a step measured (a `…Findings` or `…Result` type) is an experiment's result: it lives in Experiments/.
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for match in text.matches(of: /(?m)^\s*(?:package |public )?struct (\w+(?:Findings|Result))\b/) {
        Issue.record("\(name): \(file) declares \(match.output.1); result types go in Experiments/")
      }
    }
    let experiments = folder.appendingPathComponent("Experiments")
    for file in (try? FileManager.default.contentsOfDirectory(atPath: experiments.path)) ?? [] {
      let text = try String(contentsOf: experiments.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains("import Notebook") && !text.contains("import LessonKit"), "\(name): Experiments/\(file)")
    }
  }

  /// The command-line cases every lesson keeps, held in the lesson's own test folder
  /// (Tests/LessonTests/<Type>Tests) and checked by the checks every lesson shares
  /// (`CommandLineCase`, `LessonExpectations`), the way each of swift-argument-parser's examples
  /// holds its own failure cases: command lines it refuses, the exercise command a student types, a
  /// command line that changes a verdict, and its exercises' right and wrong answers.
  @Test(arguments: LessonContractTests.lessons)
  func eachLessonsTestFolderHoldsItsCommandLineCases(lesson name: String) throws {
    let lesson = try #require(LessonCatalogue.lesson(named: name))
    let type = String(describing: lesson)
    let folder = ReferenceTests.root.appendingPathComponent("Tests/LessonTests/\(type)Tests")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
    let text = try files.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
      .joined(separator: "\n")
    #expect(
      text.contains("CommandLineCase<\(type)>.cases(") && text.contains("try testCase.check()"),
      "\(name): no command-line cases in \(folder.path)")
    #expect(
      text.contains("changingAVerdict:") || text.contains("LessonExpectations.overrideChangesAVerdict("),
      "\(name): no command line that changes a verdict")
    // Right and wrong answers: cases, or a lesson's own test (lessons 3 and 4 check theirs against
    // a run at other sizes).
    #expect(
      text.contains("answers:") || text.contains("func exerciseAcceptsTheRightAnswerAndRejectsAWrongOne("),
      "\(name): no right and wrong answers for its exercises")
  }
}
