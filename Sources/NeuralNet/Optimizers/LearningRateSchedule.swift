/// A step size that depends on the step: constant, or a linear warm-up.
///
/// The warm-up raises η linearly from peak/W at step 0 to the peak at step W − 1 and holds it
/// there: η(t) = η_peak · min(t + 1, W) / W (Goyal et al. 2017, "Accurate, large minibatch SGD",
/// §2.2). Most training recipes start this way, because a net tolerates a larger step after it
/// has moved away from its sharp initial region (Kalra & Barkeshli 2024, "Why warmup the
/// learning rate?"); lesson 1 shows what happens when the peak is more than it can tolerate.
public struct LearningRateSchedule: Sendable, Equatable, CustomStringConvertible {
  /// The largest step, reached at the end of the warm-up.
  public var peak: Double
  /// W: the steps of the warm-up (1: constant from the start).
  public var warmupSteps: Int

  /// η at every step.
  public static func constant(_ rate: Double) -> Self { Self(peak: rate, warmupSteps: 1) }

  /// η rising linearly to `peak` over `steps` steps, then constant.
  public static func linearWarmup(to peak: Double, over steps: Int) -> Self {
    precondition(steps >= 1, "a warm-up lasts at least one step")
    return Self(peak: peak, warmupSteps: steps)
  }

  /// η(t) = η_peak · min(t + 1, W) / W for step t (from 0).
  public func rate(atStep step: Int) -> Double {
    peak * Double(Swift.min(step + 1, warmupSteps)) / Double(warmupSteps)
  }

  /// "η = 0.1" or "η rising linearly to 0.4 over 200 steps".
  public var description: String {
    warmupSteps <= 1 ? "η = \(peak)" : "η rising linearly to \(peak) over \(warmupSteps) steps"
  }
}
