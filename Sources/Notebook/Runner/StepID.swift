/// A lesson step's stable name, such as `"training"`. A lesson lists its steps' ids in order
/// (`Notebook.outline(_:)`) and the runner numbers them, so that a reference to a step ("step 4"),
/// a claim's place and the ledger follow the lesson when a step is added or moved.
public struct StepID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  /// The id as written in metrics.json (`"step_id"`).
  public let rawValue: String

  /// A step id.
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public init(stringLiteral value: String) { self.init(value) }

  public var description: String { rawValue }
}

extension StepID {
  /// The step every lesson ends its content with: the documents' claims, judged.
  public static let claims: StepID = "claims"
  /// The last step of every lesson: the exercises.
  public static let exercises: StepID = "exercises"
}
