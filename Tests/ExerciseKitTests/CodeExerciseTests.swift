import ExerciseKit
import Foundation
import LessonTestSupport
import StudentExercises
import Testing

#if HAS_SOLUTIONS
  import ExerciseSolutions
#endif

/// The code exercises: the solutions pass, the shipped stubs are "not done", every deliberately
/// wrong implementation is caught with the reason that names its mistake, and a solution copied
/// over its stub compiles (the two files declare the same functions).
@Suite("Code exercises")
struct CodeExerciseTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  #if HAS_SOLUTIONS
    @Test(arguments: CodeExercises.all.map(\.name))
    func everySolutionIsCorrect(name: String) throws {
      let exercise = try #require(CodeExercises.named(name))
      let verdict = exercise.check(ExerciseSolutions.implementations)
      #expect(verdict.isCorrect, "\(name): \(verdict.text)")
    }
  #endif

  /// The exercise folders in this copy: a teacher may have deleted exercises/Solutions.
  #if HAS_SOLUTIONS
    static let folders = ["Student", "Solutions"]
  #else
    static let folders = ["Student"]
  #endif

  @Test func thereAreAtLeastEightExercisesAndEachHasAStubAndASolutionFile() {
    #expect(CodeExercises.all.count >= 8)
    #expect(Set(CodeExercises.all.map(\.name)).count == CodeExercises.all.count)
    for exercise in CodeExercises.all {
      for folder in Self.folders {
        let path = Self.root.appendingPathComponent("exercises/\(folder)/\(exercise.file)").path
        #expect(FileManager.default.fileExists(atPath: path), "\(folder)/\(exercise.file)")
      }
    }
  }

  /// The shipped stubs; fails once a student has written one (which is the point of the stubs).
  @Test(arguments: CodeExercises.all.map(\.name))
  func theShippedStubsReportNotDone(name: String) throws {
    let exercise = try #require(CodeExercises.named(name))
    #expect(exercise.check(StudentExercises.implementations) == .notDone)
    #expect(CodeExercises.line(exercise, .notDone).contains("exercises/Student/\(exercise.file)"))
  }

  @Test(arguments: WrongImplementations.cases)
  func aWrongImplementationIsCaughtWithTheReasonThatNamesItsMistake(_ wrong: WrongImplementations.Case) throws {
    let exercise = try #require(CodeExercises.named(wrong.exercise))
    let verdict = exercise.check(wrong.implementations)
    guard case .wrong(let reason) = verdict else {
      Issue.record("\(wrong.exercise) (\(wrong.mistake)): \(verdict.label), expected wrong")
      return
    }
    #expect(reason.contains(wrong.reason), "\(wrong.exercise) (\(wrong.mistake)): \(reason)")
  }

  @Test func everyExerciseHasAWrongImplementationInTheTests() {
    let covered = Set(WrongImplementations.cases.map(\.exercise))
    #expect(covered == Set(CodeExercises.all.map(\.name)))
  }

  @Test func anotherErrorIsWrongNotNotDone() throws {
    struct Broken: Error {}
    var implementations = Implementations.notImplemented
    implementations.largestStableStepSize = { _ in throw Broken() }
    let verdict = try #require(CodeExercises.named("stable-step-size")).check(implementations)
    #expect(verdict.label == "wrong" && verdict.text.contains("threw"))
  }

  /// The checker `gradientlab exercises` runs (built with the tests): the shipped stubs are all
  /// "not done" with exit status 2, the solutions all correct with 0, and an unknown name is
  /// refused with 64.
  @Test func theCheckerReportsStubsAsNotDoneAndSolutionsAsCorrect() throws {
    let stubs = try LessonProcess.run("check-exercises", [])
    #expect(stubs.status == 2, "\(stubs.stdout)")
    #expect(stubs.stdout.split(separator: "\n").filter { $0.contains(": not done.") }.count == CodeExercises.all.count)
    #if HAS_SOLUTIONS
      let solved = try LessonProcess.run("check-exercises", ["--solutions", "clipping", "tanh-chi1"])
      #expect(solved.status == 0, "\(solved.stdout)")
      #expect(solved.stdout.split(separator: "\n").map { $0.prefix { $0 != ":" } } == ["clipping", "tanh-chi1"])
    #endif
    let unknown = try LessonProcess.run("check-exercises", ["nope"])
    #expect(unknown.status == 64 && unknown.stderr.contains("no code exercise named 'nope'"))
    let option = try LessonProcess.run("check-exercises", ["--nope"])
    #expect(option.status == 64 && option.stderr.contains("unknown option '--nope'"))
    for flag in ["--help", "-h"] {
      let help = try LessonProcess.run("check-exercises", [flag])
      #expect(help.status == 0 && help.stdout.hasPrefix("USAGE: check-exercises"), "\(flag)")
    }
  }

  @Test func verdictsGiveTheExitStatus() {
    #expect(CodeExercises.exitStatus([.correct(""), .correct("")]) == 0)
    #expect(CodeExercises.exitStatus([.correct(""), .notDone]) == 2)
    #expect(CodeExercises.exitStatus([.notDone, .wrong("")]) == 1)
    #expect(throws: CodeExercises.UnknownName.self) { try CodeExercises.select(["nope"]) }
    #expect((try? CodeExercises.select([]))?.count == CodeExercises.all.count)
  }

  #if HAS_SOLUTIONS
    /// A solution copied over its stub compiles against the checker: both files declare the same
    /// public functions with the same signatures, and both folders list them in one table
    /// (exercises/Solutions/AllExercises.swift is a link to exercises/Student's, not a copy).
    @Test func eachStubDeclaresTheSameFunctionsAsItsSolution() throws {
      let link = Self.root.appendingPathComponent("exercises/Solutions/AllExercises.swift").path
      #expect(
        try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../Student/AllExercises.swift",
        "exercises/Solutions/AllExercises.swift must link to exercises/Student/AllExercises.swift")
      for exercise in CodeExercises.all {
        func declarations(_ folder: String) throws -> [String] {
          let text = try String(
            contentsOf: Self.root.appendingPathComponent("exercises/\(folder)/\(exercise.file)"), encoding: .utf8)
          // A declaration runs from `public func` to the `{` that opens its body.
          return text.components(separatedBy: "public func ").dropFirst().map {
            String($0.prefix { $0 != "{" }).split(whereSeparator: \.isWhitespace).joined(separator: " ")
          }
        }
        let stub = try declarations("Student")
        #expect(!stub.isEmpty, "\(exercise.file)")
        #expect(stub == (try declarations("Solutions")), "\(exercise.file)")
      }
    }
  #endif
}
