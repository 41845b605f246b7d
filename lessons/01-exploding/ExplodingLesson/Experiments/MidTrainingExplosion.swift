import ExperimentKit
import NeuralNet
import Theory

/// Step `.midTraining`'s experiment: a net that trains normally for tens of steps and then blows up, because
/// its step size grows faster than it can flatten itself to follow; and the same run with each
/// fix alone.
///
/// The net is a tanh MLP at its critical init (σ_w² = 1: χ₁ = 1, theory §3), trained on the
/// digits with the squared error on one-hot targets and plain SGD whose step rises linearly
/// (a warm-up: `LearningRateSchedule`). GD is stable on a quadratic while η·λ_max < 2 (lesson 4);
/// on a net, a step beyond that throws it out of sharp regions into flatter ones, so while η
/// grows, λ_max falls to follow 2/η: the net rides the edge of stability (Cohen et al. 2021) and
/// the warm-up lets it take steps it could not take at init (Kalra & Barkeshli 2024). When it can
/// flatten no further, η·λ_max leaves its band, every step overshoots by more than the last and
/// the loss grows geometrically until it overflows. The sharpness is measured along the run
/// (`Sharpness`, on a fixed probe of training images) to show it.
package enum MidTrainingExplosion {
  /// What the runs share: explicit inputs, not the lesson's configuration.
  package struct Setup: Sendable, Equatable {
    /// Hidden layers.
    package var depth: Int
    /// Units per hidden layer.
    package var width: Int
    /// The baseline's step schedule (the fixes divide its peak or clip its gradient).
    package var schedule: LearningRateSchedule
    /// SGD steps of every run.
    package var steps: Int
    /// Mini-batch size.
    package var batchSize: Int
    /// The smaller-step fix divides the peak by this.
    package var smallerStepDivisor: Double
    /// The clipping fix's threshold on the global gradient norm.
    package var clipNorm: Double
    /// Steps between two sharpness measurements.
    package var sharpnessEvery: Int
    /// Training images the sharpness is measured on (the first ones, the same at every step).
    package var sharpnessProbe: Int
    /// Steps between two histogram records of the lesson seed's runs.
    package var histogramEvery: Int
    /// The weight decay λ of the weight-decay remedy (`OtherRemedies`).
    package var weightDecay: Double
    /// The dropout rate p of the dropout remedy (`OtherRemedies`).
    package var dropoutRate: Double
  }

  /// One run of the comparison.
  package enum Variant: String, Sendable, CaseIterable {
    /// The warm-up to a peak the net cannot tolerate.
    case baseline
    /// The same warm-up to a peak `smallerStepDivisor` times lower.
    case smallerStep = "smaller_step"
    /// The baseline with its gradient clipped by global norm.
    case clipping
    /// The baseline with batch norm before every tanh.
    case batchNorm = "batch_norm"

  }

  /// One run's record.
  package struct Run: Sendable {
    /// Which run.
    package var variant: Variant
    /// The remedy the run added (nil: none, the runs of the mid-training step).
    package var remedy: OtherRemedies.Remedy? = nil
    /// The images the run's batches were drawn from.
    package var trainingExamples: Int = 0
    /// Every step's record (each with its η).
    package var history: TrainingHistory
    /// The steps at which the sharpness was measured, before that step's update.
    package var sharpnessSteps: [Int]
    /// λ_max at those steps.
    package var sharpness: [Double]
    /// The accuracy on the (unaugmented) training digits after the run, in evaluation mode (NaN
    /// if it went non-finite, nil if not measured).
    package var trainAccuracy: Double? = nil
    /// The accuracy on the held-out digits after the run (NaN if it went non-finite, nil if not measured).
    package var testAccuracy: Double? = nil

    /// Training accuracy minus test accuracy: how much the net overfits (nil if not measured).
    package var accuracyGap: Double? { trainAccuracy.flatMap { train in testAccuracy.map { train - $0 } } }

    /// The first step whose loss is non-finite or ≥ 10× its running minimum (nil: none).
    package var explosionStep: Int? { history.explosionStep(factor: 10) }
    /// η·λ_max at each sharpness step.
    package var stepTimesSharpness: [Double] {
      zip(sharpnessSteps, sharpness).map { step, lambda in (history.steps[step].learningRate ?? .nan) * lambda }
    }
    /// λ_max at step 0.
    package var initialSharpness: Double { sharpness.first ?? .nan }
    /// The flattest point before the explosion (or over the run): its step and λ_max.
    package var flattest: (step: Int, sharpness: Double)? {
      let end = explosionStep ?? Int.max
      return zip(sharpnessSteps, sharpness).filter { $0.0 < end && $0.1.isFinite }.min { $0.1 < $1.1 }
        .map { ($0.0, $0.1) }
    }
    /// The mean loss of the last 20 steps (NaN if the run exploded).
    package var finalLoss: Double { explosionStep == nil ? history.meanLoss(overLast: 20) : .nan }
    /// The layer (1…depth + 1, the last is the readout) whose weight gradient first reached
    /// `factor` times its own early level (its median over the first `earlySteps` steps), and
    /// that step: where the blow-up starts. Nil if no layer got there.
    package func leadingLayer(factor: Double = 10, earlySteps: Int = 20) -> (layer: Int, step: Int)? {
      guard let first = history.steps.first else { return nil }
      var best: (layer: Int, step: Int)? = nil
      for l in first.denseLayers.indices {
        let norms = history.steps.map {
          $0.denseLayers.indices.contains(l) ? $0.denseLayers[l].weightGradientNorm ?? .nan : .nan
        }
        let early = norms.prefix(earlySteps).filter(\.isFinite).sorted()
        guard !early.isEmpty else { continue }
        let level = early[early.count / 2]
        guard let step = norms.indices.first(where: { !norms[$0].isFinite || norms[$0] >= factor * level }) else {
          continue
        }
        if best.map({ step < $0.step }) ?? true { best = (l + 1, step) }
      }
      return best
    }
    /// The global gradient norm's median over the first `earlySteps` steps.
    package func earlyGradientNorm(earlySteps: Int = 20) -> Double {
      let early = history.steps.prefix(earlySteps).map(\.globalGradientNorm).filter(\.isFinite).sorted()
      return early.isEmpty ? .nan : early[early.count / 2]
    }
    /// The global gradient norm at `step` over its early median (+∞ if it was not finite).
    package func gradientGrowth(at step: Int) -> Double {
      guard history.steps.indices.contains(step) else { return .nan }
      let norm = history.steps[step].globalGradientNorm
      return norm.isFinite ? norm / earlyGradientNorm() : .infinity
    }
    /// The largest finite global gradient norm of the run over its early median.
    package var peakGradientGrowth: Double {
      (history.steps.map(\.globalGradientNorm).filter(\.isFinite).max() ?? .nan) / earlyGradientNorm()
    }
    /// The mean mini-batch loss over steps `range` (clamped to the steps taken; NaN if empty).
    package func meanLoss(_ range: Range<Int>) -> Double {
      let losses = history.steps[range.clamped(to: history.steps.indices)].map(\.loss)
      return losses.isEmpty ? .nan : losses.reduce(0, +) / Double(losses.count)
    }
    /// The share of steps from `step` on whose gradient was clipped (0 for a run without clipping).
    package func clippedShare(from step: Int) -> Double {
      let later = history.steps.dropFirst(step)
      return later.isEmpty ? 0 : Double(later.filter { $0.clip?.clipped ?? false }.count) / Double(later.count)
    }
    /// The median layer's update-to-data ratio at each step (for runs that measured it).
    package var medianUpdateRatio: [Double] {
      history.steps.map { record in
        let ratios = record.denseLayers.compactMap(\.updateToDataRatio).filter(\.isFinite).sorted()
        return ratios.isEmpty ? .nan : ratios[ratios.count / 2]
      }
    }
  }

  /// The four runs on one seed (weights and batch order), in `Variant` order. The lesson's seed
  /// also measures every layer's update-to-data ratio and, every `histogramEvery` steps, its
  /// histograms.
  package static func runs(
    _ setup: Setup, train: Dataset, seed: UInt64, detailed: Bool, progress: ((Int) -> Void)? = nil
  ) -> [Run] {
    Variant.allCases.enumerated().map { index, variant in
      run(
        setup, variant: variant, train: train, seed: seed, detailed: detailed,
        progress: { progress?(index * setup.steps + $0) })
    }
  }

  /// One run of `variant` on one seed (weights and batch order); see `runs`. Without
  /// `measuresSharpness` no sharpness is measured at all (nor with augmentation or weight decay;
  /// with dropout, which makes the loss random, it is the whole net's, in evaluation mode). With `remedy` the
  /// run adds it: the training digits and their one-pixel shifts,
  /// weight decay `setup.weightDecay`, or dropout `setup.dropoutRate` after every tanh, the
  /// weights the same draw as without. With `test` the run measures its training and test accuracy.
  package static func run(
    _ setup: Setup, variant: Variant, train: Dataset, seed: UInt64, detailed: Bool = false,
    measuresSharpness: Bool = true, remedy: OtherRemedies.Remedy? = nil, test: Dataset? = nil,
    progress: ((Int) -> Void)? = nil
  ) -> Run {
    let data = (remedy == .augmentation ? train.withShiftedCopies(side: 8) : train).withOneHotTargets
    let probe = data.subset(0..<Swift.min(setup.sharpnessProbe, data.count))
    let loss = HalfSquaredError()
    var rng = SeededGenerator(seed: seed, stream: "mid-training weights")
    let model = MLP.make(
      inputs: data.features, width: setup.width, depth: setup.depth, outputs: Digits.classes, activation: .tanh,
      initializer: .scaledNormal(gain2: 1), batchNorm: variant == .batchNorm ? BatchNorm.Settings() : nil,
      dropout: remedy == .dropout
        ? (setup.dropoutRate, SeededGenerator.streamSeed(seed, "mid-training dropout")) : nil,
      using: &rng)
    // Dropout makes the loss random: its run measures the whole net's sharpness (evaluation mode).
    let measuresSharpness = measuresSharpness && (remedy == nil || remedy == .dropout)
    let schedule =
      variant == .smallerStep
      ? LearningRateSchedule.linearWarmup(
        to: setup.schedule.peak / setup.smallerStepDivisor, over: setup.schedule.warmupSteps) : setup.schedule
    var sharpnessSteps: [Int] = []
    var sharpness: [Double] = []
    var vector: [Double]? = nil
    // The sharpness costs about a dozen gradients of the probe per measurement: it is measured
    // on every seed's baseline (the claim rests on it) and, a quarter as often, on the lesson seed's
    // smaller step (drawn beside it) and every seed's baseline with dropout.
    let sharpnessEvery: Int? =
      switch variant {
      case .baseline where measuresSharpness: remedy == .dropout ? 4 * setup.sharpnessEvery : setup.sharpnessEvery
      case .smallerStep where measuresSharpness && detailed: 4 * setup.sharpnessEvery
      default: nil
      }
    let history = Trainer.train(
      model, on: data, loss: loss, schedule: schedule, steps: setup.steps, batchSize: setup.batchSize,
      batchSeed: SeededGenerator.streamSeed(seed, "mid-training batches"),
      clipping: variant == .clipping ? .norm(setup.clipNorm) : .none,
      weightDecay: remedy == .weightDecay ? setup.weightDecay : 0, measuresUpdates: detailed,
      histogramEvery: detailed ? setup.histogramEvery : nil,
      observe: { step in
        guard let sharpnessEvery, step % sharpnessEvery == 0 else { return }
        // Warm-started power iteration: 20 products at step 0, then 6 from the last direction.
        model.isTraining = false
        defer { model.isTraining = true }
        let top = Sharpness.largestEigenvalue(
          model, input: probe.inputs, targets: probe.targets, loss: loss, iterations: vector == nil ? 20 : 6,
          start: vector, seed: seed)
        vector = top.value.isFinite ? top.vector : nil
        sharpnessSteps.append(step)
        sharpness.append(top.value)
      }, progress: progress)
    // Keep the measurements of the steps the run reached (the last may be the non-finite one).
    let kept = sharpnessSteps.indices.filter { sharpnessSteps[$0] < history.steps.count }
    return Run(
      variant: variant, remedy: remedy, trainingExamples: data.count, history: history,
      sharpnessSteps: kept.map { sharpnessSteps[$0] },
      sharpness: kept.map { sharpness[$0] }, trainAccuracy: test.map { _ in train.accuracy(of: model, after: history) },
      testAccuracy: test?.accuracy(of: model, after: history))
  }

  /// The four runs over `seeds` (the lesson's first, which is `detailed`), every (seed, variant)
  /// run on a core of its own (`ParallelSweep`); `progress` gets the runs done. With `test`
  /// every run measures its training and test accuracy.
  package static func overSeeds(
    _ setup: Setup, train: Dataset, test: Dataset? = nil, seeds: [UInt64], progress: (@Sendable (Int) -> Void)? = nil
  ) -> SeedRuns<Run> {
    let variants = Variant.allCases
    let perSeed = ParallelSweep.grid(rows: seeds.count, columns: variants.count, progress: progress) { row, column in
      run(setup, variant: variants[column], train: train, seed: seeds[row], detailed: row == 0, test: test)
    }
    return SeedRuns(seeds: seeds, perSeed: perSeed)
  }
}

extension SeedRuns where Run == MidTrainingExplosion.Run {
  /// The runs of `variant` on every seed.
  package func runs(_ variant: MidTrainingExplosion.Variant) -> [MidTrainingExplosion.Run] {
    perSeed.compactMap { $0.first { $0.variant == variant } }
  }
  /// On how many seeds `variant` exploded.
  package func explodedCount(_ variant: MidTrainingExplosion.Variant) -> Int {
    runs(variant).filter { $0.explosionStep != nil }.count
  }
}
