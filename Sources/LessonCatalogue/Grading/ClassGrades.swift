import CSV
import Foundation
import LessonKit
import Notebook

/// A class's grades: every answer of an `AnswerSheet` checked by its exercise, and a score per
/// student.
///
/// Each distinct (lesson, variant) builds its exercises once, so an exercise whose check needs a
/// real run that does not depend on the answer (a forward pass, a trained model) runs it once for
/// the whole class; a check that runs the student's own value (a σ_w², a threshold) runs once per
/// distinct value (`Exercise.check` remembers its verdicts).
package struct ClassGrades: Sendable {
  /// One graded answer.
  package struct Graded: Sendable {
    package var answer: AnswerSheet.Answer
    package var verdict: ExerciseVerdict
  }

  /// One student's score: answers judged correct out of answers graded.
  package struct Score: Sendable, Equatable {
    package var student: String
    package var correct: Int
    package var answered: Int

    /// A score of `correct` out of `answered`.
    package init(student: String, correct: Int, answered: Int) {
      self.student = student
      self.correct = correct
      self.answered = answered
    }
  }

  /// Every graded answer, in file order.
  package var graded: [Graded]
  /// Rows not graded, with their line numbers (the sheet's problems, and repeated answers).
  package var problems: [AnswerSheet.Problem]

  /// Grades `sheet` with the exercises that `exercises(lesson, variant)` gives. When a student
  /// answered one exercise of one variant twice, the later row counts and the earlier one is
  /// reported.
  package init(
    _ sheet: AnswerSheet, exercises: (_ lesson: String, _ variant: ExerciseVariant) throws -> [Exercise]
  ) rethrows {
    var problems = sheet.problems
    var latest: [String: Int] = [:]
    for (i, answer) in sheet.answers.enumerated() {
      let key = "\(answer.student)\u{1F}\(answer.lesson)\u{1F}\(answer.exercise)\u{1F}\(answer.variant)"
      if let earlier = latest[key] {
        problems.append(
          AnswerSheet.Problem(
            line: sheet.answers[earlier].line,
            message:
              "\(answer.student) answered \(answer.lesson) exercise \(answer.exercise) again on line \(answer.line); the later answer counts"
          ))
      }
      latest[key] = i
    }
    let counted = Set(latest.values)
    var built: [String: [Exercise]] = [:]
    var graded: [Graded] = []
    for (i, answer) in sheet.answers.enumerated() where counted.contains(i) {
      let key = "\(answer.lesson)\u{1F}\(answer.variant)"
      let list: [Exercise]
      if let cached = built[key] {
        list = cached
      } else {
        list = try exercises(answer.lesson, ExerciseVariant(answer.variant))
        built[key] = list
      }
      graded.append(Graded(answer: answer, verdict: list[answer.exercise - 1].check(answer.answer)))
    }
    self.graded = graded
    self.problems = problems.sorted { $0.line < $1.line }
  }

  /// Grades `sheet` with each lesson's default configuration (full mode unless `quick`, seed 42):
  /// the exercises a student sees when running `<lesson> --variant K`.
  package init(_ sheet: AnswerSheet, quick: Bool = false) throws {
    try self.init(sheet) { name, variant in
      guard let lesson = LessonCatalogue.lesson(named: name) else { return [] }
      return try lesson.defaultExercises(variant: variant, quick: quick)
    }
  }

  /// The students' scores, in the order they first appear.
  package var scores: [Score] {
    var order: [String] = []
    var totals: [String: (Int, Int)] = [:]
    for g in graded {
      if totals[g.answer.student] == nil { order.append(g.answer.student) }
      let (c, n) = totals[g.answer.student] ?? (0, 0)
      totals[g.answer.student] = (c + (g.verdict.correct ? 1 : 0), n + 1)
    }
    return order.map { Score(student: $0, correct: totals[$0]!.0, answered: totals[$0]!.1) }
  }

  /// One line per student, names padded to one width: "ada    2/2".
  package var scoreLines: [String] {
    let width = scores.map { $0.student.count }.max() ?? 0
    return scores.map {
      "\($0.student)\(String(repeating: " ", count: width - $0.student.count))  \($0.correct)/\($0.answered)"
    }
  }

  /// One line per graded answer: "ada  exploding 3 (variant 1): 1.58 correct. reason".
  package var detailLines: [String] {
    graded.map { g in
      let a = g.answer
      return
        "\(a.student)  \(a.lesson) \(a.exercise) (variant \(a.variant)): \(a.answerText) \(g.verdict.correct ? "correct" : "incorrect"). \(g.verdict.reason)"
    }
  }

  /// The scores as CSV (`student,correct,answered`), or with `details` every graded answer
  /// (`student,lesson,exercise,variant,answer,verdict,reason`).
  package func csv(details: Bool) throws -> String {
    let stream = OutputStream(toMemory: ())
    let writer = try CSVWriter(stream: stream)
    if details {
      try writer.write(row: AnswerSheet.columns + ["verdict", "reason"])
      for g in graded {
        let a = g.answer
        try writer.write(row: [
          a.student, a.lesson, "\(a.exercise)", "\(a.variant)", a.answerText,
          g.verdict.correct ? "correct" : "incorrect",
          g.verdict.reason,
        ])
      }
    } else {
      try writer.write(row: ["student", "correct", "answered"])
      for s in scores { try writer.write(row: [s.student, "\(s.correct)", "\(s.answered)"]) }
    }
    writer.stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
