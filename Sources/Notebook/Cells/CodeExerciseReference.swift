/// A code exercise as a lesson's last step lists it: the runner knows its name, file, title and
/// step, not its checker (which lives in ExerciseKit).
public struct CodeExerciseReference: Sendable, Equatable {
  /// The name `gradientlab exercises NAME` takes.
  public var name: String
  /// The file in `exercises/Student/`.
  public var file: String
  /// What to write.
  public var title: String
  /// The lesson step whose idea it is.
  public var step: Int

  public init(name: String, file: String, title: String, step: Int) {
    self.name = name
    self.file = file
    self.title = title
    self.step = step
  }
}
