/// The outcome of a training run: one record per completed step and the first non-finite value.
public struct TrainingHistory: TrainingLog, Equatable {
  /// Records of the steps, in order (the step that produced a non-finite value is included).
  public var steps: [StepRecord]
  /// Where training stopped on a NaN or Inf, if it did.
  public var nonFinite: NonFiniteEvent?

  /// A history of `steps`, stopped at `nonFinite` if given.
  public init(steps: [StepRecord], nonFinite: NonFiniteEvent?) {
    self.steps = steps
    self.nonFinite = nonFinite
  }

  /// The step that produced the first non-finite value, if any.
  public var nonFiniteStep: Int? { nonFinite?.step }
}

/// Mini-batch training with SGD, instrumented at every step.
public enum Trainer {
  /// Trains `model` on `data` for `steps` steps of SGD with mini-batches of `batchSize`, in the
  /// order fixed by `batchSeed`, clipping the gradients first if `clipping` says so (each step's
  /// record then says what clipping did). Stops cleanly, without applying the update, at the first
  /// step whose forward or backward pass produces a non-finite value. With `histogramEvery: k`,
  /// the records of steps 0, k, 2k, … hold every layer's magnitude histograms.
  public static func train(
    _ model: Sequential, on data: Dataset, loss: some Loss, optimizer: some Optimizer, steps: Int,
    batchSize: Int, batchSeed: UInt64, clipping: GradientClipping = .none, measuresUpdates: Bool = false,
    histogramEvery: Int? = nil, progress: ((Int) -> Void)? = nil
  ) -> TrainingHistory {
    run(
      model, on: data, loss: loss, steps: steps, batchSize: batchSize, batchSeed: batchSeed, clipping: clipping,
      measuresUpdates: measuresUpdates, histogramEvery: histogramEvery, observe: nil, progress: progress
    ) { _ in (optimizer, nil) }
  }

  /// Trains like `train(_:on:loss:optimizer:…)` with SGD whose step size follows `schedule`
  /// (each record holds its η) and whose weight decay is `weightDecay` (`SGD`). `observe`, if given, is called with the step number before each
  /// step, while the model still holds the parameters that step starts from (to measure, say, the
  /// sharpness along the run; it must leave the parameters as it found them).
  public static func train(
    _ model: Sequential, on data: Dataset, loss: some Loss, schedule: LearningRateSchedule, steps: Int,
    batchSize: Int, batchSeed: UInt64, clipping: GradientClipping = .none, weightDecay: Double = 0,
    measuresUpdates: Bool = false, histogramEvery: Int? = nil, observe: ((Int) -> Void)? = nil,
    progress: ((Int) -> Void)? = nil
  ) -> TrainingHistory {
    run(
      model, on: data, loss: loss, steps: steps, batchSize: batchSize, batchSeed: batchSeed, clipping: clipping,
      measuresUpdates: measuresUpdates, histogramEvery: histogramEvery, observe: observe, progress: progress
    ) { step in
      let rate = schedule.rate(atStep: step)
      return (SGD(learningRate: Float(rate), weightDecay: Float(weightDecay)), rate)
    }
  }

  /// The loop both `train` variants share: `optimizerAt` gives each step's update rule and the
  /// step size to record (nil when the rule has no single one).
  private static func run<Rule: Optimizer>(
    _ model: Sequential, on data: Dataset, loss: some Loss, steps: Int, batchSize: Int, batchSeed: UInt64,
    clipping: GradientClipping, measuresUpdates: Bool, histogramEvery: Int?, observe: ((Int) -> Void)?,
    progress: ((Int) -> Void)?, optimizerAt: (Int) -> (Rule, Double?)
  ) -> TrainingHistory {
    precondition(histogramEvery.map { $0 >= 1 } ?? true, "histograms every k ≥ 1 steps")
    var sampler = BatchSampler(count: data.count, batchSize: batchSize, seed: batchSeed)
    var history = TrainingHistory(steps: [], nonFinite: nil)
    history.steps.reserveCapacity(steps)
    for step in 0..<steps {
      observe?(step)
      let (optimizer, rate) = optimizerAt(step)
      var record = Self.step(
        model, on: data, batch: sampler.next(), loss: loss, optimizer: optimizer, clipping: clipping,
        measuresUpdates: measuresUpdates, histograms: histogramEvery.map { step % $0 == 0 } ?? false, step: step)
      record.learningRate = rate
      history.steps.append(record)
      progress?(step + 1)
      if let event = record.nonFinite {
        history.nonFinite = event
        break
      }
    }
    return history
  }

  /// One instrumented step on the examples at `batch`: forward and backward with per-layer records,
  /// clipping if asked, and the update, unless a value was not finite (then nothing is applied and
  /// the record says where it appeared). With `measuresUpdates`, each weight layer's record also
  /// gets the update's `updateToDataRatio`; with `histograms`, every layer's record holds the
  /// magnitude histograms of its output and of its incoming gradient.
  public static func step(
    _ model: Sequential, on data: Dataset, batch: some Collection<Int>, loss: some Loss, optimizer: some Optimizer,
    clipping: GradientClipping, measuresUpdates: Bool = false, histograms: Bool = false, step: Int
  ) -> StepRecord {
    var record = model.measureGradients(
      input: data.inputs.gatheringRows(batch), targets: data.targets.gathering(batch), loss: loss, step: step,
      histograms: histograms)
    guard record.nonFinite == nil else { return record }
    if clipping != .none { record.clip = clipping.apply(to: model.parameters) }
    guard measuresUpdates else {
      optimizer.update(model.parameters)
      return record
    }
    // The weights before the update (an array copy is shared until the optimizer writes to it, so
    // this costs one copy of every weight matrix per step: bench measures it), for each layer's
    // update-to-data ratio.
    let weights = model.layers.enumerated().compactMap { index, layer in
      (layer as? any WeightedLayer).map { (index, $0.weight, $0.weight.value.scalars) }
    }
    optimizer.update(model.parameters)
    for (index, weight, before) in weights where !before.isEmpty {
      record.layers[index].updateToDataRatio = LayerRecord.updateToDataRatio(
        before: before, after: weight.value.scalars)
    }
    return record
  }
}
