/// A labelled vertical line at an x position.
public struct Marker: Sendable, Equatable {
  /// Where the line is drawn.
  public var x: Double
  /// The text beside it.
  public var label: String

  /// A marker at `x` labelled `label`.
  public init(x: Double, label: String) {
    self.x = x
    self.label = label
  }
}
