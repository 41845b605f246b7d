/// What a trainer measured at one step, whichever trainer ran it: the step, the loss before the
/// update, the raw gradient norm and what clipping did.
public protocol StepMeasurement: Sendable {
  /// The step number, from 0.
  var step: Int { get }
  /// The mini-batch loss before the update (may be non-finite).
  var loss: Double { get }
  /// The raw global gradient norm ‖g‖ = (Σ_i g_i²)^½ over every parameter, before clipping.
  var gradientNorm: Double { get }
  /// What gradient clipping did before the update (nil without clipping or on a non-finite step).
  var clip: GradientClipping.Record? { get }
}

/// A finished training run, whichever trainer ran it (`Trainer`, `EpochTrainer`,
/// `AddingProblemTrainer`): one measurement per step taken, the non-finite step included, and
/// where the run first went non-finite. The summaries every lesson shows of a run (its gradient
/// norm at initialization and at worst, how often clipping fired) are computed here once.
public protocol TrainingLog: Sendable {
  /// One step's measurement.
  associatedtype Measurement: StepMeasurement
  /// The steps taken, in order.
  var steps: [Measurement] { get }
  /// The first step whose loss or gradient was not finite (training stopped there), if any.
  var nonFiniteStep: Int? { get }
}

extension TrainingLog {
  /// The loss of the last recorded step; NaN if no step was taken.
  public var finalLoss: Double { steps.last?.loss ?? .nan }
  /// ‖g‖ at the first step (at initialization); NaN if no step was taken.
  public var initialGradientNorm: Double { steps.first?.gradientNorm ?? .nan }
  /// The largest ‖g‖ seen; a non-finite norm counts as +∞ (it blew up), so the result is NaN only
  /// when no step was taken.
  public var maxGradientNorm: Double {
    steps.map { $0.gradientNorm.isFinite ? $0.gradientNorm : .infinity }.max() ?? .nan
  }
  /// The mean ‖g‖ over the finite steps; NaN if there is none.
  public var meanGradientNorm: Double {
    let finite = steps.map(\.gradientNorm).filter(\.isFinite)
    return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
  }
  /// The fraction of steps whose gradient was clipped (0 when no step was taken).
  public var clippedFraction: Double {
    steps.isEmpty ? 0 : Double(steps.filter { $0.clip?.clipped ?? false }.count) / Double(steps.count)
  }
  /// The mean mini-batch loss of the last `count` steps: less noisy than the last one. NaN if the
  /// run stopped on a non-finite value or took no step.
  public func meanLoss(overLast count: Int) -> Double {
    guard nonFiniteStep == nil, !steps.isEmpty else { return .nan }
    let tail = steps.suffix(count).map(\.loss)
    return tail.reduce(0, +) / Double(tail.count)
  }
  /// The step a run blew up: the first whose loss is not finite or at least `factor` times the
  /// lowest loss of the steps before it; nil if there is none. (fast.ai's learning-rate finder
  /// stops at 4× the best loss; 10× leaves room for the noise of mini-batch losses.)
  public func explosionStep(factor: Double = 10) -> Int? {
    var lowest = Double.infinity
    for record in steps {
      if !record.loss.isFinite || record.loss >= factor * lowest { return record.step }
      lowest = Swift.min(lowest, record.loss)
    }
    return nil
  }
}
