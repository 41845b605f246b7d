/// The outcome of checking one code exercise.
public enum CodeExerciseVerdict: Sendable, Equatable {
  /// The stub still throws `NotImplemented`.
  case notDone
  /// Every check passed; the details say by how much (relative errors next to their thresholds).
  case correct(String)
  /// A check failed; the reason names the mistake where the checker can tell it.
  case wrong(String)

  /// "not done", "correct" or "wrong".
  public var label: String {
    switch self {
    case .notDone: "not done"
    case .correct: "correct"
    case .wrong: "wrong"
    }
  }

  /// The details or the reason ("" when not done).
  public var text: String {
    switch self {
    case .notDone: ""
    case .correct(let details): details
    case .wrong(let reason): reason
    }
  }

  /// Whether the exercise is correct.
  public var isCorrect: Bool { if case .correct = self { true } else { false } }
}

/// A failed check, thrown inside a checker and turned into `.wrong(reason)`.
struct Mistake: Error {
  var reason: String
  init(_ reason: String) { self.reason = reason }
}

/// Runs a student's function: `NotImplemented` becomes `.notDone`, another error `.wrong` with it.
enum Attempt {
  struct NotDone: Error {}

  static func call<T>(_ name: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch is NotImplemented {
      throw NotDone()
    } catch let mistake as Mistake {
      throw mistake
    } catch {
      throw Mistake("\(name) threw \(error) instead of returning a result")
    }
  }

  /// The verdict of a checker body that throws `NotDone` or `Mistake`, or returns the details.
  static func verdict(_ body: () throws -> String) -> CodeExerciseVerdict {
    do {
      return .correct(try body())
    } catch is NotDone {
      return .notDone
    } catch let mistake as Mistake {
      return .wrong(mistake.reason)
    } catch {
      return .wrong("\(error)")
    }
  }
}
