/// What an exercise stub throws until it is written: the checker reports the exercise as
/// "not done" instead of wrong.
public struct NotImplemented: Error, CustomStringConvertible {
  /// A stub's marker.
  public init() {}

  public var description: String { "not implemented yet" }
}
