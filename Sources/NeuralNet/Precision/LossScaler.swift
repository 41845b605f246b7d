/// Dynamic loss scaling, with the rule of PyTorch's `torch.amp.GradScaler`: multiply the loss by
/// a scale S before back-propagation so that small gradients stay above the 16-bit format's
/// smallest subnormal, divide the gradients by S before the update, and adapt S to the gradients
/// it finds (Micikevicius et al. 2018, §3.2; PyTorch's GradScaler documentation).
///
/// After each backward pass, `update(foundNonFinite:)`:
/// - if a gradient is ±∞ or NaN (the scaled gradient overflowed), the step is skipped, S is
///   multiplied by `backoffFactor` (½) and the count of good steps starts again from 0;
/// - otherwise the step is taken and the count grows by one; when it reaches `growthInterval`
///   (2000), S is multiplied by `growthFactor` (2) and the count starts again.
///
/// Defaults are GradScaler's: S = 2¹⁶, growth ×2 every 2000 good steps, back-off ×½. Clipping
/// belongs after unscaling (GradScaler's `unscale_`): clipping the scaled gradient at τ clips
/// the true gradient at τ/S.
public struct LossScaler: Sendable, Equatable {
  /// What `update(foundNonFinite:)` decided for the step.
  public enum Decision: Sendable, Equatable {
    /// The gradients were finite: take the step with them divided by the scale.
    case step
    /// A gradient overflowed: skip the step (the weights stay as they are).
    case skip
  }

  /// The current scale S.
  public private(set) var scale: Double
  /// S is multiplied by this after `growthInterval` good steps in a row.
  public let growthFactor: Double
  /// S is multiplied by this after an overflow.
  public let backoffFactor: Double
  /// Good steps in a row that make S grow.
  public let growthInterval: Int
  /// Good steps since S last changed.
  public private(set) var goodSteps = 0
  /// Steps skipped so far.
  public private(set) var skippedSteps = 0

  /// A scaler starting at `scale`; the defaults are GradScaler's.
  public init(
    scale: Double = 65536, growthFactor: Double = 2, backoffFactor: Double = 0.5, growthInterval: Int = 2000
  ) {
    precondition(scale > 0 && scale.isFinite, "the scale must be positive and finite")
    precondition(growthFactor > 1, "the growth factor must exceed 1")
    precondition(backoffFactor > 0 && backoffFactor < 1, "the back-off factor must be in (0, 1)")
    precondition(growthInterval >= 1, "the growth interval must be at least one step")
    self.scale = scale
    self.growthFactor = growthFactor
    self.backoffFactor = backoffFactor
    self.growthInterval = growthInterval
  }

  /// Updates the scale after a backward pass whose scaled gradients were (`false`) or were not
  /// (`true`) all finite, and says whether to take the step. The step's gradients are divided by
  /// the scale *before* this update.
  public mutating func update(foundNonFinite: Bool) -> Decision {
    if foundNonFinite {
      scale *= backoffFactor
      goodSteps = 0
      skippedSteps += 1
      return .skip
    }
    goodSteps += 1
    if goodSteps == growthInterval {
      scale *= growthFactor
      goodSteps = 0
    }
    return .step
  }
}
