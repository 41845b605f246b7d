/// The outcome of a training run: one record per completed step and the first non-finite value.
public struct TrainingHistory: Sendable, Equatable {
  /// Records of the steps, in order (the step that produced a non-finite value is included).
  public var steps: [StepRecord]
  /// Where training stopped on a NaN or Inf, if it did.
  public var nonFinite: NonFiniteEvent?

  /// The loss of the last recorded step.
  public var finalLoss: Double { steps.last?.loss ?? .nan }
  /// The largest global gradient norm seen; a NaN norm counts as +Inf (it blew up), so the result
  /// is never NaN.
  public var maxGradientNorm: Double {
    steps.map { $0.globalGradientNorm.isNaN ? .infinity : $0.globalGradientNorm }.max() ?? 0
  }
}

/// Mini-batch training with SGD, instrumented at every step.
public enum Trainer {
  /// Trains `model` on `data` for `steps` steps of SGD with mini-batches of `batchSize`, in the
  /// order fixed by `batchSeed`, clipping the gradients first if `clipping` says so (each step's
  /// record then says what clipping did). Stops cleanly, without applying the update, at the first
  /// step whose forward or backward pass produces a non-finite value.
  public static func train(
    _ model: Sequential, on data: Dataset, loss: some Loss, optimizer: some Optimizer, steps: Int,
    batchSize: Int, batchSeed: UInt64, clipping: GradientClipping = .none, progress: ((Int) -> Void)? = nil
  ) -> TrainingHistory {
    var sampler = BatchSampler(count: data.count, batchSize: batchSize, seed: batchSeed)
    var history = TrainingHistory(steps: [], nonFinite: nil)
    history.steps.reserveCapacity(steps)
    for step in 0..<steps {
      let indices = sampler.next()
      var record = model.measureGradients(
        input: data.inputs.gatheringRows(indices), targets: data.targets.gathering(indices),
        loss: loss, step: step)
      if clipping != .none && record.nonFinite == nil { record.clip = clipping.apply(to: model.parameters) }
      history.steps.append(record)
      progress?(step + 1)
      if let event = record.nonFinite {
        history.nonFinite = event
        break
      }
      optimizer.update(model.parameters)
    }
    return history
  }
}
