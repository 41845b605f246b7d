/// A code exercise: a function the student writes in `exercises/Student/<file>`, the lesson step
/// it belongs to, and the checks that judge it (finite differences in Float64 with the relative
/// error printed beside its threshold, the engine's own implementation, and the property the
/// lesson is about).
public struct CodeExercise: Sendable {
  /// The name `gradientlab exercises NAME` takes: "dense-backward".
  public var name: String
  /// The file in `exercises/Student/` and `exercises/Solutions/`: "DenseBackward.swift".
  public var file: String
  /// What to write, in a few words.
  public var title: String
  /// The lesson whose idea it is (its executable's name, "exploding").
  public var lesson: String
  /// The step of that lesson, from 1.
  public var step: Int
  /// The step's title.
  public var stepTitle: String
  /// Judges the exercise's function(s) in `implementations`.
  public var check: @Sendable (Implementations) -> CodeExerciseVerdict

  /// "lesson exploding, step 3 "A controlled explosion: …"".
  public var lessonStep: String { "lesson \(lesson), step \(step) \"\(stepTitle)\"" }
}

/// Every code exercise, in the order of the lessons.
public enum CodeExercises {
  public static let all: [CodeExercise] = [
    initVariance, denseBackward, batchNormForward, batchNormBackward, clipping, residualBackward,
    recurrentStep, tanhChi1, stableStepSize,
  ]

  /// The exercise named `name`.
  public static func named(_ name: String) -> CodeExercise? { all.first { $0.name == name } }

  /// "init-variance, dense-backward, …" for error messages.
  public static var names: String { all.map(\.name).joined(separator: ", ") }
}

extension CodeExercises {
  /// An unknown exercise name.
  public struct UnknownName: Error, CustomStringConvertible {
    public var name: String
    public var description: String { "no code exercise named '\(name)' (exercises: \(CodeExercises.names))" }
  }

  /// The exercises named in `names`, in the order given; every exercise when `names` is empty.
  public static func select(_ names: [String]) throws(UnknownName) -> [CodeExercise] {
    guard !names.isEmpty else { return all }
    return try names.map { name throws(UnknownName) in
      guard let exercise = named(name) else { throw UnknownName(name: name) }
      return exercise
    }
  }

  /// "dense-backward: correct. relative errors …" as the checker prints it.
  public static func line(_ exercise: CodeExercise, _ verdict: CodeExerciseVerdict) -> String {
    switch verdict {
    case .notDone:
      "\(exercise.name): not done. Write it in exercises/Student/\(exercise.file) (\(exercise.lessonStep))."
    case .correct(let details): "\(exercise.name): correct. \(details)"
    case .wrong(let reason): "\(exercise.name): wrong. \(reason)"
    }
  }

  /// 0 if every verdict is correct, 1 if one is wrong, otherwise 2 (one not done).
  public static func exitStatus(_ verdicts: [CodeExerciseVerdict]) -> Int32 {
    if verdicts.allSatisfy(\.isCorrect) { return 0 }
    if verdicts.contains(where: { if case .wrong = $0 { true } else { false } }) { return 1 }
    return 2
  }
}
