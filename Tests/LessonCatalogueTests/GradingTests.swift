import Foundation
import LessonCatalogue
import Notebook
import Synchronization
import Testing

/// `gradientlab grade`: an answer sheet read with its line numbers, bad rows reported and
/// skipped, right and wrong answers scored, each experiment run once.
@Suite("Grading a class")
struct GradingTests {
  static let lessons = LessonCatalogue.lessons.map { ($0.name, $0.exerciseCount) }

  @Test func rowsAreReadWithTheirLineNumbersAndBadRowsAreReportedWhileReadingGoesOn() throws {
    let csv = """
      student,lesson,exercise,variant,answer
      ada,exploding,3,0,1.414
      bob,exploding,x,0,1
      "Lovelace, Ada",documents,1,,3082
      carl,nope,1,0,1

      dora,residual,4,0,1
      erin,clipping,1,-2,1
      fay,clipping,1,0,abc
      "multi
      line",batch-gd,2,0,16
      gus,batch-gd
      ,exploding,1,0,2
      """
    let sheet = try AnswerSheet(csv: csv, lessons: Self.lessons)
    #expect(sheet.answers.map(\.line) == [2, 4, 10])
    #expect(sheet.answers.map(\.student) == ["ada", "Lovelace, Ada", "multi\nline"])
    #expect(sheet.answers[1].variant == 0, "an empty variant is variant 0")
    #expect(
      sheet.problems.map(\.description) == [
        "line 3: exercise 'x' is not a number",
        "line 5: unknown lesson 'nope' (lessons: \(LessonCatalogue.names))",
        "line 7: lesson residual has exercises 1…3 (got exercise 4)",
        "line 8: variant '-2' is not a whole number ≥ 0",
        "line 9: answer 'abc' is not a finite number",
        "line 12: 2 fields, expected 5 as in the header",
        "line 13: the student's name is empty",
      ])
  }

  @Test func aSheetWithoutItsColumnsIsRefusedInOneLine() {
    #expect(throws: AnswerSheet.Unreadable.self) { try AnswerSheet(csv: "", lessons: Self.lessons) }
    do {
      _ = try AnswerSheet(csv: "student,lesson,exercise,answer\nada,exploding,3,2\n", lessons: Self.lessons)
      Issue.record("a header without 'variant' must be refused")
    } catch {
      #expect(error.description.contains("no 'variant' column"))
      #expect(!error.description.contains("\n"))
    }
    // Columns in another order, with an extra one, are read by name.
    let reordered = try? AnswerSheet(
      csv: "answer,lesson,student,variant,exercise,comment\n1.414,exploding,ada,0,3,first try\n", lessons: Self.lessons)
    #expect(reordered?.answers.first?.exercise == 3 && reordered?.answers.first?.answer == 1.414)
  }

  @Test func rightAndWrongAnswersAreScoredWithTheRealExercises() throws {
    let csv = """
      student,lesson,exercise,variant,answer
      ada,exploding,3,0,1.414
      ada,documents,1,0,3082
      bob,exploding,3,0,2
      bob,documents,1,0,3082
      bob,documents,2,0,25088
      cy,documents,2,2,21632
      """
    let grades = try ClassGrades(try AnswerSheet(csv: csv, lessons: Self.lessons), quick: true)
    #expect(
      Array(grades.scores.prefix(2)) == [
        .init(student: "ada", correct: 2, answered: 2), .init(student: "bob", correct: 1, answered: 3),
      ])
    #expect(Array(grades.scoreLines.prefix(2)) == ["ada  2/2", "bob  1/3"])
    #expect(grades.graded[4].verdict.reason.contains("'valid', not 'same'"))
    let wrong = grades.graded[2]
    #expect(!wrong.verdict.correct && wrong.verdict.reason.contains("SQUARED norm"), "\(wrong.verdict.reason)")
    #expect(grades.detailLines[2].hasPrefix("bob  exploding 3 (variant 0): 2 incorrect."))
    // cy's answer is variant 0's count, checked against variant 2's convolution.
    let variant = try LessonCatalogue.lesson(named: "documents")!.defaultExercises(variant: ExerciseVariant(2))
    #expect(
      variant[1].question
        != (try LessonCatalogue.lesson(named: "documents")!.defaultExercises(variant: .original))[1].question)
    #expect(!grades.graded[5].verdict.correct)
    // The CSV output reads back.
    let scores = try grades.csv(details: false)
    #expect(scores == "student,correct,answered\nada,2,2\nbob,1,3\ncy,0,1\n")
    let details = try grades.csv(details: true)
    #expect(
      details.hasPrefix("student,lesson,exercise,variant,answer,verdict,reason\nada,exploding,3,0,1.414,correct,"))
  }

  @Test func aRepeatedAnswerCountsOnceAndTheEarlierRowIsReported() throws {
    let csv = """
      student,lesson,exercise,variant,answer
      ada,exploding,3,0,2
      ada,exploding,3,0,1.414
      """
    let grades = try ClassGrades(try AnswerSheet(csv: csv, lessons: Self.lessons), quick: true)
    #expect(grades.scores == [.init(student: "ada", correct: 1, answered: 1)])
    #expect(grades.problems.map(\.line) == [2])
  }

  @Test func eachLessonAndVariantBuildsItsExercisesOnceAndEachAnswerIsCheckedOnce() throws {
    let built = Mutex(0)
    let checked = Mutex(0)
    var csv = "student,lesson,exercise,variant,answer\n"
    for s in 0..<30 { csv += "s\(s),exploding,1,\(s % 2),\(s % 3 == 0 ? 2 : 1)\n" }
    let sheet = try AnswerSheet(csv: csv, lessons: Self.lessons)
    let grades = ClassGrades(sheet) { _, variant in
      built.withLock { $0 += 1 }
      return [
        Exercise(
          question: "v\(variant)", answerFormat: "n", solution: { WorkedSolution(["2"], answer: 2) }
        ) { answer in
          checked.withLock { $0 += 1 }
          return ExerciseVerdict(correct: answer == 2, reason: "")
        }
      ]
    }
    #expect(grades.graded.count == 30)
    #expect(grades.scores.filter { $0.correct == 1 }.count == 10)
    #expect(built.withLock { $0 } == 2, "one exercise list per (lesson, variant)")
    #expect(checked.withLock { $0 } == 4, "one check per (variant, distinct answer)")
  }
}
