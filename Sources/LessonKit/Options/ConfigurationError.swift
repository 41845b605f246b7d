/// A command-line value a lesson cannot use, as one line that says what was wrong and what is
/// allowed. A lesson's `validate()` turns it into an ArgumentParser `ValidationError`.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
  /// The message.
  public var description: String
  /// An error with `message`.
  public init(_ message: String) { description = message }
}
