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
  /// The step of that lesson, by its id in the lesson's outline ("profiles"): the runner numbers
  /// it, so no step number is written here.
  public var step: String
  /// The step's title.
  public var stepTitle: String
  /// Judges the exercise's function(s) in `implementations`.
  public var check: @Sendable (Implementations) -> CodeExerciseVerdict

  /// An exercise whose `check` returns the details of a correct answer and throws `NotDone`
  /// (a stub), a `Mistake` (a named error) or any other error (reported as wrong).
  init(
    name: String, file: String, title: String, lesson: String, step: String, stepTitle: String,
    check: @escaping @Sendable (Implementations) throws -> String
  ) {
    (self.name, self.file, self.title) = (name, file, title)
    (self.lesson, self.step, self.stepTitle) = (lesson, step, stepTitle)
    self.check = { implementations in Attempt.verdict { try check(implementations) } }
  }

  /// "lesson exploding, step "A controlled explosion: …"".
  public var lessonStep: String { "lesson \(lesson), step \"\(stepTitle)\"" }
}

/// Every code exercise, in the order of the lessons.
public enum CodeExercises {
  /// Each exercise: the function the student writes, its lesson step, and its check (one
  /// `check…` function per file in `Exercises/`).
  public static let all: [CodeExercise] = [
    CodeExercise(
      name: "init-variance", file: "InitVariance.swift",
      title: "He and Xavier initialization: the standard deviation of N(0, σ²) weights",
      lesson: "initialization", step: "he-training", stepTitle: "He et al. 2015: a 30-layer ReLU net, Xavier vs He",
      check: checkInitVariance),
    CodeExercise(
      name: "dense-backward", file: "DenseBackward.swift", title: "A dense layer's backward pass: ∂L/∂x, ∂L/∂W, ∂L/∂b",
      lesson: "exploding", step: "profiles", stepTitle: "A controlled explosion: the gradient norm layer by layer",
      check: checkDenseBackward),
    CodeExercise(
      name: "batchnorm-forward", file: "BatchNormForward.swift",
      title: "Batch normalization's forward pass in training mode",
      lesson: "batchnorm", step: "one-layer", stepTitle: "What batch norm computes, on one layer",
      check: checkBatchNormForward),
    CodeExercise(
      name: "batchnorm-backward", file: "BatchNormBackward.swift",
      title: "Batch normalization's backward pass in training mode: ∂L/∂x, ∂L/∂γ, ∂L/∂β",
      lesson: "batchnorm", step: "yang", stepTitle: "The twist: deep BN nets explode at initialization",
      check: checkBatchNormBackward),
    CodeExercise(
      name: "clipping", file: "Clipping.swift", title: "Gradient clipping by global norm and by value",
      lesson: "clipping", step: "sweep", stepTitle: "Norm clipping (Algorithm 1): which thresholds train",
      check: checkClipping),
    CodeExercise(
      name: "residual-backward", file: "ResidualBackward.swift",
      title: "A residual block's backward pass: y = x + ReLU(x·W)",
      lesson: "residual", step: "gradients-by-depth", stepTitle: "The gradient reaching the first layer, by depth",
      check: checkResidualBackward),
    CodeExercise(
      name: "bptt-step", file: "RecurrentStepBackward.swift",
      title: "One step of backpropagation through time in a vanilla RNN",
      lesson: "clipping", step: "condition",
      stepTitle: "The condition: σ₁ < 1/γ vanishes for sure, σ₁ > 1/γ only may explode",
      check: checkRecurrentStep),
    CodeExercise(
      name: "tanh-chi1", file: "TanhChi1.swift", title: "χ₁ of a deep tanh net by Gauss–Hermite quadrature",
      lesson: "initialization", step: "edge-of-chaos", stepTitle: "The edge of chaos: tanh with biases",
      check: checkTanhChi1),
    CodeExercise(
      name: "stable-step-size", file: "StableStepSize.swift",
      title: "The largest stable step size 2/λ_max of gradient descent",
      lesson: "batch-gd", step: "threshold", stepTitle: "The exact threshold: η < 2/λ_max", check: checkStableStepSize),
    CodeExercise(
      name: "loss-scale-update", file: "LossScaleUpdate.swift",
      title: "GradScaler's dynamic loss scale: skip, back off, grow", lesson: "precision", step: "dynamic-scaling",
      stepTitle: "Dynamic loss scaling: GradScaler's rule over a whole run", check: checkLossScaleUpdate),
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
