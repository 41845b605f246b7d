import Foundation
import LessonCatalogue
import LessonKit
import LessonTestSupport
import Notebook
import Testing

/// Every exercise of every lesson has a worked solution that its own check judges correct, in
/// every variant; variants change at least half of the exercises; the command line's `--solution`
/// ends in an `answer:` line that `--answer` accepts.
@Suite("Exercise solutions and variants")
struct ExerciseSolutionTests {
  /// The variants checked beyond 0.
  static let variants = 1..<6

  /// The questions of every exercise of `lesson` in quick mode, for variant 0 and `variants`.
  static func questions<L: Lesson>(_ lesson: L.Type) throws -> [[String]] {
    try ([0] + Array(variants)).map { k in
      try L.defaultExercises(variant: ExerciseVariant(k), quick: true).map(\.question)
    }
  }

  /// Checks the solutions of `lesson`: every exercise in variant 0, and in each variant where its
  /// question differs from variant 0's; the answer as printed (`answerText`) is judged correct.
  static func solutionsAreCorrect<L: Lesson>(_ lesson: L.Type) throws {
    let original = try L.defaultExercises(variant: .original, quick: true)
    #expect(original.count == L.exerciseCount)
    var checked = Array(original.indices.map { (0, $0) })
    var lists: [Int: [Exercise]] = [0: original]
    for k in variants {
      let exercises = try L.defaultExercises(variant: ExerciseVariant(k), quick: true)
      lists[k] = exercises
      for i in exercises.indices where exercises[i].question != original[i].question { checked.append((k, i)) }
    }
    for (k, i) in checked {
      let exercise = lists[k]![i]
      let worked = exercise.workedSolution(number: i + 1)
      #expect(worked.verdict.correct, "\(L.name) exercise \(i + 1) variant \(k): \(worked.text)")
      let lines = worked.text.split(separator: "\n")
      let last = String(lines.last ?? "")
      #expect(last.hasPrefix("answer: "), "\(L.name) \(i + 1): \(last)")
      let printed = Double(last.dropFirst("answer: ".count))
      #expect(printed != nil, "\(L.name) \(i + 1): \(last)")
      if let printed {
        #expect(exercise.check(printed).correct, "\(L.name) \(i + 1) variant \(k): the printed answer \(printed)")
      }
      #expect(worked.text.count > 200, "\(L.name) \(i + 1): a worked solution explains, not only answers")
    }
  }

  @Test(arguments: LessonCatalogue.lessons.indices)
  func everyWorkedSolutionIsJudgedCorrectInEveryVariant(lesson index: Int) throws {
    func open<L: Lesson>(_ lesson: L.Type) throws { try Self.solutionsAreCorrect(lesson) }
    try open(LessonCatalogue.lessons[index])
  }

  @Test func atLeastHalfOfTheExercisesChangeWithTheVariantAndAVariantIsDeterministic() throws {
    var total = 0
    var changing = 0
    var fewest = Int.max
    for lesson in LessonCatalogue.lessons {
      func open<L: Lesson>(_ lesson: L.Type) throws -> [[String]] { try Self.questions(lesson) }
      let byVariant = try open(lesson)
      let again = try open(lesson)
      #expect(byVariant == again, "\(lesson.name): the same variant must give the same exercises")
      fewest = min(fewest, byVariant[0].count)
      for i in byVariant[0].indices {
        total += 1
        if byVariant.dropFirst().contains(where: { $0[i] != byVariant[0][i] }) { changing += 1 }
      }
    }
    // Every lesson keeps its exercises (the seven lessons had 27, none fewer than three).
    #expect(fewest >= 3 && total >= 27, "\(total) exercises, the fewest in a lesson \(fewest)")
    #expect(2 * changing >= total, "\(changing) of \(total) exercises change with the variant")
  }

  /// The students of a class whose right answer no other student's right answer would pass:
  /// answers further apart than `tolerance` of their size (exact whole numbers: different).
  static func unshared(_ answers: [Double], tolerance: Double) -> Int {
    answers.indices.filter { i in
      !answers.indices.contains { j in
        j != i && abs(answers[j] - answers[i]) <= Swift.max(tolerance * abs(answers[i]), tolerance == 0 ? 0.5 : 0)
      }
    }.count
  }

  /// A class of 30 (variants 1…30, as `gradientlab variants` gives a roster of 30): every
  /// exercise that varies gives at least 25 of them a right answer that no classmate's passes,
  /// and every exercise declares how it varies.
  @Test(arguments: LessonCatalogue.lessons.indices)
  func aClassOfThirtyDoesNotShareTheAnswersOfAnExerciseThatVaries(lesson index: Int) throws {
    func open<L: Lesson>(_ lesson: L.Type) throws {
      #expect(L.exerciseVariations.count == L.exerciseCount, "\(L.name): one variation per exercise")
      let lists = try (1...30).map { try L.defaultExercises(variant: ExerciseVariant($0), quick: true) }
      let original = try L.defaultExercises(variant: .original, quick: true)
      for (i, variation) in L.exerciseVariations.enumerated() {
        guard case .varies(let tolerance) = variation else {
          #expect(variation.sharedReason?.isEmpty == false, "\(L.name) \(i + 1): a shared exercise says why")
          continue
        }
        let answers = lists.map { $0[i].solution().answer }
        #expect(answers.allSatisfy { $0.isFinite }, "\(L.name) \(i + 1): \(answers)")
        let distinct = Self.unshared(answers, tolerance: tolerance)
        #expect(distinct >= 25, "\(L.name) exercise \(i + 1): \(distinct) of 30 answers unshared: \(answers)")
        #expect(
          lists.contains { $0[i].question != original[i].question }, "\(L.name) \(i + 1) varies but never changes")
      }
    }
    try open(LessonCatalogue.lessons[index])
  }

  /// A variant's numbers are drawn from the range, spread: 30 variants of one parameter leave no
  /// two closer than a fiftieth of the range, and variant 0 is the printed default.
  @Test func variantsDrawFromARangeWithoutClumping() {
    let values = (1...30).map { ExerciseVariant($0).draw(4, in: 2...16, digits: 6, salt: 9) }
    #expect(ExerciseVariant.original.draw(4, in: 2...16, salt: 9) == 4)
    #expect(values.allSatisfy { (2...16).contains($0) })
    let sorted = values.sorted()
    let gaps = zip(sorted.dropFirst(), sorted).map { $0 - $1 }
    #expect(gaps.min()! > 14.0 / 50, "smallest gap \(gaps.min()!)")
    // Rounded to significant digits, and whole numbers within their range.
    #expect(
      ExerciseVariant(7).draw(1, in: 0.5...3, spacing: .logarithmic, digits: 2, salt: 1) * 10
        == (ExerciseVariant(7).draw(1, in: 0.5...3, spacing: .logarithmic, digits: 2, salt: 1) * 10).rounded())
    let whole = (1...200).map { ExerciseVariant($0).draw(50, in: 10...400, spacing: .logarithmic, salt: 3) }
    #expect(whole.allSatisfy { (10...400).contains($0) } && Set(whole).count > 100)
  }

  /// The README's counts of exercises are the catalogue's: the numeric exercises in all, how many
  /// change with the variant, and the code exercises (in words).
  @Test func theReadmesExerciseCountsAreTheCatalogues() throws {
    let readme = try String(contentsOf: ReferenceTests.root.appendingPathComponent("README.md"), encoding: .utf8)
      .replacingOccurrences(of: "\n", with: " ")
    let variations = LessonCatalogue.lessons.flatMap { $0.exerciseVariations }
    let total = variations.count
    let varying = variations.filter(\.varies).count
    #expect(readme.contains("numeric exercises (\(total) in all)"), "README: numeric exercises (\(total) in all)")
    #expect(readme.contains("\(varying) of the \(total) exercises change"), "README: \(varying) of the \(total) change")
    let words = [
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ]
    let code = LessonCatalogue.codeExerciseFiles.count
    #expect(code < words.count && readme.contains("\(words[code]) code exercises"), "README: \(code) code exercises")
  }

  @Test func variantsPickTheirValuesDeterministicallyAndSpreadThem() {
    let options = [10, 20, 30, 40, 50]
    #expect(ExerciseVariant.original.pick(options, salt: 1) == 10)
    let picked = (1...40).map { ExerciseVariant($0).pick(options, salt: 1) }
    #expect(picked == (1...40).map { ExerciseVariant($0).pick(options, salt: 1) })
    #expect(!picked.contains(10), "variants ≥ 1 differ from variant 0")
    #expect(Set(picked) == [20, 30, 40, 50], "40 variants use every other value")
    // Two salts do not move in lockstep.
    let other = (1...40).map { ExerciseVariant($0).pick(options, salt: 2) }
    #expect(picked != other)
  }

  @Test func theCommandLineSolutionEndsInAnAnswerThatTheCheckerAccepts() throws {
    let directory = LessonProcess.temporaryDirectory("solution")
    defer { try? FileManager.default.removeItem(at: directory) }
    let solved = try LessonProcess.run(
      "documents", ["--variant", "3", "--exercise", "1", "--solution", "--plots-dir", directory.path])
    #expect(solved.status == 0, "\(solved.stderr)")
    let last = solved.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasPrefix("answer: "))
    let answer = String(last.dropFirst("answer: ".count))
    let checked = try LessonProcess.run(
      "documents", ["--variant", "3", "--exercise", "1", "--answer", answer, "--plots-dir", directory.path])
    #expect(checked.status == 0, "\(checked.stdout)")
    #expect(checked.stdout.hasPrefix("Exercise 1: correct."))
    // Variant 3's answer is another network's count: variant 0 judges it wrong.
    let original = try LessonProcess.run(
      "documents", ["--exercise", "1", "--answer", answer, "--plots-dir", directory.path])
    #expect(original.status == 1 && original.stdout.hasPrefix("Exercise 1: incorrect."), "\(original.stdout)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }
}
