/// The state GradScaler keeps between steps: what `updateLossScale` (code exercise
/// `loss-scale-update`) reads and returns.
public struct LossScaleState: Sendable, Equatable, CustomStringConvertible {
  /// The loss scale S.
  public var scale: Double
  /// Good (finite) steps since S last changed.
  public var goodSteps: Int

  public init(scale: Double, goodSteps: Int) {
    self.scale = scale
    self.goodSteps = goodSteps
  }

  public var description: String { "S = \(scale), good steps = \(goodSteps)" }
}
