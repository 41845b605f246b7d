import ExerciseKit
import Foundation
import LessonCatalogue
import Notebook
import Testing

/// Steps are named by id, never by a number written by hand: the runner numbers them from the
/// outline, so inserting a step cannot leave a stale "step 4" behind.
@Suite("Step references")
struct StepReferenceTests {
  static let root = ReferenceTests.root

  /// Each code exercise names a step of its lesson by id; the committed notebook has that step
  /// under the number the outline gives it and the exercise's title, and the exercise's files
  /// name the step by title only.
  @Test(arguments: CodeExercises.all.map(\.name))
  func aCodeExerciseNamesItsStepByIdAndTitle(name: String) throws {
    let exercise = try #require(CodeExercises.named(name))
    let lesson = try #require(LessonCatalogue.lesson(named: exercise.lesson), "\(name): no lesson \(exercise.lesson)")
    let id = StepID(exercise.step)
    try #require(lesson.outline.steps.contains(id), "\(name): no step '\(id)' in \(exercise.lesson)'s outline")
    let readme = try ReferenceTests.text("plots/\(exercise.lesson)/README.md")
    #expect(
      readme.contains("## Step \(lesson.outline.number(of: id)). \(exercise.stepTitle)"),
      "\(name): the notebook has no step \(lesson.outline.number(of: id)) titled \(exercise.stepTitle)")
    for folder in ["Student", "Solutions"] {
      guard let text = try? ReferenceTests.text("exercises/\(folder)/\(exercise.file)") else { continue }
      let header = try #require(
        text.split(separator: "\n").first { $0.hasPrefix("/// Lesson ") }, "\(folder)/\(exercise.file)")
      let quoted = try #require(
        header.firstMatch(of: /step "([^"]+)"/)?.output.1, "\(folder)/\(exercise.file): \(header)")
      #expect(exercise.stepTitle.hasPrefix(quoted), "\(folder)/\(exercise.file): \(header)")
    }
  }

  /// No Swift source writes a lesson step's number: no "Step N" anywhere, and no "step N",
  /// "steps N–M" or "step N's" in a comment of a lesson, an exercise or a lesson's tests (a
  /// training step, "at step 120" or "step 20 to …", is not a lesson step and is allowed).
  @Test func noSourceWritesALessonStepNumberByHand() throws {
    var found: [String] = []
    let lessonFolders = ["lessons", "exercises", "Tests/LessonTests"]
    for (path, lines) in try ReferenceTests.swiftSources(in: ["lessons", "Sources", "exercises", "Tests", "tools"]) {
      let isLessonCode = lessonFolders.contains { path.hasPrefix($0 + "/") }
      for (index, line) in lines.enumerated() {
        let where_ = "\(path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))"
        // A test of the runner's own numbering may say what it renders.
        if line.contains(/Step [0-9]/) && !path.hasPrefix("Tests/NotebookTests/") { found.append(where_) }
        guard isLessonCode, line.trimmingCharacters(in: .whitespaces).hasPrefix("//") else { continue }
        for match in line.matches(of: /(\w+ )?\bsteps? [1-9][0-9]*(?<after>( to|[.,;:)]|'s|[–-][0-9]| and| \w)?)/) {
          let before = match.output.1.map(String.init) ?? ""
          let training = ["at ", "from ", "reaches ", "until ", "before ", "after ", "every ", "a "].contains(before)
          if !training && match.output.after != " to" { found.append(where_) }
        }
      }
    }
    #expect(
      found.isEmpty, "name steps by id (`.training`, outline.reference(.training)):\n\(found.joined(separator: "\n"))")
  }
}
