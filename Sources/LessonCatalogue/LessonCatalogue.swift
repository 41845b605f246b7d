import Classroom
import ExerciseKit
import LessonKit
import Notebook

/// Every lesson, in order, for the tools that work across lessons (`gradientlab list`, `grade`)
/// and the tests that hold every lesson to one contract. `lessons` is written by the LessonList
/// plugin from Package.swift's `lessons` (one line per lesson there, none here).
package enum LessonCatalogue {
  /// The lesson named `name` (its executable's name), if there is one.
  package static func lesson(named name: String) -> (any Lesson.Type)? {
    lessons.first { $0.name == name }
  }

  /// What an assignment may name: every lesson's exercises and every code exercise.
  package static var assignmentCatalogue: AssignmentCatalogue {
    AssignmentCatalogue(
      lessons: lessons.map { ($0.name, $0.exerciseVariations) }, codeExercises: CodeExercises.all.map(\.name))
  }

  /// Each code exercise's file in `exercises/Student`, by name.
  package static var codeExerciseFiles: [String: String] {
    Dictionary(CodeExercises.all.map { ($0.name, $0.file) }, uniquingKeysWith: { a, _ in a })
  }

  /// The exercises of `lesson` for `variant` in an assignment's mode (the lesson's defaults,
  /// seed 42): what a student running `<lesson> --variant K` (with `--quick` in quick mode) sees.
  package static func exercises(_ lesson: String, variant: Int, mode: Assignment.Mode) throws -> [Exercise] {
    guard let type = self.lesson(named: lesson) else { return [] }
    return try type.defaultExercises(variant: ExerciseVariant(variant), quick: mode == .quick)
  }

  /// The names of every lesson, for error messages ("exploding, initialization, …").
  package static var names: String { lessons.map { $0.name }.joined(separator: ", ") }
}

extension Lesson {
  /// The exercises of `variant` with the lesson's default configuration (full mode, or quick)
  /// for `seed`: the ones a student sees when running the lesson with only `--variant K`.
  package static func defaultExercises(variant: ExerciseVariant, quick: Bool = false, seed: UInt64 = 42) throws
    -> [Exercise]
  {
    try exercises(Configuration(quick: quick, seed: seed), variant: variant)
  }
}
