import NeuralNet
import Theory

/// The recurrent training runs of `.unclipped`, `.sweep` and `.direction`: the probe that measures the average gradient norm ḡ,
/// the unclipped run, the norm-clipping sweep τ = m·ḡ over several network seeds, and a
/// value-clipped run.
package enum ClippingRuns {
  /// One clipped run of the sweep.
  package struct SweepRun: Sendable {
    /// τ/ḡ, or nil for the user's own `--clip-norm`.
    package var multiple: Double?
    /// τ.
    package var threshold: Double
    /// The network seed.
    package var networkSeed: UInt64
    /// What the run measured.
    package var history: AddingProblemTrainer.History

    /// Whether the run learned the task: finite, and a final test loss (the mean of the last 3
    /// evaluations) below 1/24.
    package var learned: Bool { history.learned(belowTestLoss: ClippingConfiguration.learnedLoss) }
  }

  /// ḡ: the mean raw gradient norm over `probeSteps` updates at η/10 from network seed `seed`
  /// (Pascanu et al. take "the average norm over a sufficiently large number of updates"; a run at
  /// η/10 gives those updates without exploding).
  package static func averageGradientNorm(_ config: ClippingConfiguration, networkSeed: UInt64) -> Double {
    var settings = config.trainingSettings(clipping: .none, steps: config.probeSteps)
    settings.learningRate /= 10
    settings.evaluateEvery = config.probeSteps
    // The probe's test loss is not used: one test sequence keeps its evaluations cheap.
    var rng = SeededGenerator(seed: config.seed, stream: "gradient norm")
    let probeTest = AddingProblem.make(count: 1, length: config.length, using: &rng)
    let history = AddingProblemTrainer.train(
      config.makeRecurrentModel(seed: networkSeed), settings: settings, test: probeTest)
    return history.meanGradientNorm
  }

  /// The unclipped run from the lesson's own network seed, tracking σ₁(W_rec) at every step.
  package static func unclipped(
    _ config: ClippingConfiguration, test: (sequence: [Tensor], targets: Tensor), progress: ((Int) -> Void)? = nil
  ) -> AddingProblemTrainer.History {
    AddingProblemTrainer.train(
      config.makeRecurrentModel(seed: config.seed),
      settings: config.trainingSettings(clipping: .none, tracksSpectralNorm: true), test: test, progress: progress)
  }

  /// The network seeds of the sweep: the lesson's seed first.
  package static func networkSeeds(_ config: ClippingConfiguration) -> [UInt64] {
    SeedSpread.seeds(from: config.seed, count: config.sweepSeeds)
  }

  /// One run with `clipping` from network seed `networkSeed`.
  package static func run(
    _ config: ClippingConfiguration, networkSeed: UInt64, clipping: GradientClipping,
    test: (sequence: [Tensor], targets: Tensor), progress: ((Int) -> Void)? = nil
  ) -> AddingProblemTrainer.History {
    AddingProblemTrainer.train(
      config.makeRecurrentModel(seed: networkSeed), settings: config.trainingSettings(clipping: clipping), test: test,
      progress: progress)
  }

  /// The first step whose raw gradient norm exceeds `factor` × the median of the steps before it
  /// (at least five of them): a spike.
  package static func spikes(_ history: AddingProblemTrainer.History, factor: Double = 5) -> [Int] {
    var result: [Int] = []
    var previous: [Double] = []  // the finite norms before step i, kept sorted
    for (i, s) in history.steps.enumerated() {
      if i >= 5 && !previous.isEmpty {
        let median = previous[previous.count / 2]
        if !s.gradientNorm.isFinite || s.gradientNorm > factor * median { result.append(s.step) }
      }
      if s.gradientNorm.isFinite {
        let position = previous.firstIndex { $0 > s.gradientNorm } ?? previous.endIndex
        previous.insert(s.gradientNorm, at: position)
      }
    }
    return result
  }
}
