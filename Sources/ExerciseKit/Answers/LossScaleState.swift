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

/// GradScaler's settings: S is multiplied by `growthFactor` after `growthInterval` good steps in a
/// row and by `backoffFactor` after an overflow.
public struct LossScaleRule: Sendable, Equatable {
  public var growthFactor: Double
  public var backoffFactor: Double
  public var growthInterval: Int

  public init(growthFactor: Double, backoffFactor: Double, growthInterval: Int) {
    self.growthFactor = growthFactor
    self.backoffFactor = backoffFactor
    self.growthInterval = growthInterval
  }
}

/// What one update decides: the next state, and whether this step's update is skipped.
public struct LossScaleUpdate: Sendable, Equatable {
  public var state: LossScaleState
  public var skipStep: Bool

  public init(state: LossScaleState, skipStep: Bool) {
    self.state = state
    self.skipStep = skipStep
  }
}
