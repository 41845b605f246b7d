/// SGD in mixed precision: each step is `Sequential.computeMixedPrecisionGradients` (Float32
/// arithmetic, a 16-bit storage format, the loss scaled by S), then the update on the Float32
/// weights, as PyTorch's automatic mixed precision runs it with `GradScaler`
/// (Micikevicius et al. 2018).
///
/// With dynamic scaling a step whose scaled gradients overflowed is skipped and S backs off
/// (`LossScaler`); without scaling, or with a fixed scale, an overflow is applied like any other
/// step, and the run stops at the first non-finite loss or gradient, as `Trainer` does.
///
/// Clipping is at a norm τ on the true gradient: PyTorch unscales the gradients
/// (`GradScaler.unscale_`) before `clip_grad_norm_`. `ClipOrder.beforeUnscaling` is the mistake
/// of clipping the scaled gradient S·g at τ, which clips g at τ/S.
public enum MixedPrecisionTrainer {
  /// How the loss is scaled.
  public enum Scaling: Sendable, Equatable {
    /// S = 1.
    case none
    /// A fixed S.
    case fixed(Float)
    /// S adapted by GradScaler's rule, from this scaler's state.
    case dynamic(LossScaler)
  }

  /// Where norm clipping happens relative to unscaling.
  public enum ClipOrder: Sendable, Equatable {
    /// Unscale, then clip the true gradient at τ (GradScaler's `unscale_` before clipping).
    case afterUnscaling
    /// Clip the scaled gradient S·g at τ, then unscale: g is clipped at τ/S.
    case beforeUnscaling
  }

  /// One step of a run.
  public struct Step: StepMeasurement, Equatable {
    /// The step number, from 0.
    public var step: Int
    /// The loss on this step's batch (Float32 arithmetic on the stored output).
    public var loss: Double
    /// The scale S the step used.
    public var scale: Double
    /// Whether the step was skipped (dynamic scaling found a non-finite gradient).
    public var skipped: Bool
    /// ‖g‖ after unscaling, before clipping (∞ or NaN when the gradient overflowed).
    public var gradientNorm: Double
    /// What norm clipping did (nil without clipping or on a skipped step).
    public var clip: GradientClipping.Record?
    /// The share of the first weight matrix's gradient entries stored as zero.
    public var firstLayerZeroShare: Double

    /// ‖g‖ of the update actually applied (after clipping; 0 for a skipped step).
    public var appliedNorm: Double { skipped ? 0 : clip?.normAfter ?? gradientNorm }
  }

  /// A run's steps, and the first step whose loss or applied gradient was not finite; the
  /// summaries every trainer's log has (`TrainingLog`: the explosion step, the mean final loss, …).
  public struct History: TrainingLog, Equatable {
    public var steps: [Step]
    /// The step at which the run stopped on a non-finite loss or update (nil if it did not).
    public var nonFiniteStep: Int?

    /// The step at which a scale halved again and again reached 0 in Float32, where PyTorch keeps
    /// it (after about 165 skips in a row from 2¹⁶): the run stops there, since every later loss
    /// would be scaled to 0 (nil if it did not happen).
    public var scaleVanishedStep: Int? = nil
    /// How many steps were skipped.
    public var skippedCount: Int { steps.filter(\.skipped).count }
  }

  /// Trains `model` for `steps` steps of SGD at `schedule`'s rate on batches of `batchSize`
  /// drawn from `batchSeed`, storing in `storage`, scaling by `scaling`, clipping at `clipNorm`
  /// (if any) in `clipOrder`.
  public static func train(
    _ model: Sequential, on data: Dataset, loss: some Loss, schedule: LearningRateSchedule, steps: Int,
    batchSize: Int, batchSeed: UInt64, storage: NumberFormat, scaling: Scaling, clipNorm: Double? = nil,
    clipOrder: ClipOrder = .afterUnscaling
  ) -> History {
    var sampler = BatchSampler(count: data.count, batchSize: batchSize, seed: batchSeed)
    var scaler: LossScaler? = if case .dynamic(let state) = scaling { state } else { nil }
    var history = History(steps: [], nonFiniteStep: nil)
    for step in 0..<steps {
      let batch = sampler.next()
      let scale: Float =
        switch scaling {
        case .none: 1
        case .fixed(let s): s
        case .dynamic: Float(scaler!.scale)
        }
      guard scale > 0 else {
        history.scaleVanishedStep = step
        break
      }
      let result = model.computeMixedPrecisionGradients(
        input: data.inputs.gatheringRows(batch), targets: data.targets.gathering(batch), loss: loss,
        storage: storage, lossScale: scale)
      let parameters = model.parameters
      var record = Step(
        step: step, loss: result.loss, scale: Double(scale), skipped: false, gradientNorm: .nan, clip: nil,
        firstLayerZeroShare: result.zeroShare.first ?? 0)
      if scaler != nil, scaler!.update(foundNonFinite: result.foundNonFinite) == .skip {
        record.gradientNorm = Parameter.gradientNorm(parameters)
        record.skipped = true
        history.steps.append(record)
        continue
      }
      // Clipping S·g at τ multiplies it by τ/‖S·g‖ = (τ/S)/‖g‖: the wrong order clips g at τ/S.
      if let limit = clipNorm.map({ clipOrder == .afterUnscaling ? $0 : $0 / Double(scale) }) {
        record.clip = GradientClipping.norm(limit).apply(to: parameters)
      }
      record.gradientNorm = record.clip?.normBefore ?? Parameter.gradientNorm(parameters)
      history.steps.append(record)
      guard result.loss.isFinite, record.appliedNorm.isFinite else {
        history.nonFiniteStep = step
        break
      }
      SGD(learningRate: Float(schedule.rate(atStep: step))).update(parameters)
    }
    return history
  }
}
