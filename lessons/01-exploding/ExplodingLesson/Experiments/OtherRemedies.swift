import ExperimentKit
import NeuralNet
import Theory

/// The other remedies the documents offer against explosion, tried on the mid-training explosion
/// (`MidTrainingExplosion`): more data (data augmentation) and regularization (weight decay,
/// dropout).
///
/// Each remedy is added to two runs of the same net, weights and batch seed: the warm-up to the
/// peak that explodes (does the remedy remove or delay the explosion?) and the warm-up to the
/// smaller peak that trains (does it do what it is for: narrow the gap between training and test
/// accuracy?). The runs without a remedy are the mid-training step's own, on the same seeds.
///
/// - Augmentation: every training digit and its four one-pixel shifts (5 × 1438 images; LeCun et
///   al. 1998, Simard et al. 2003). The sampler draws the same number of batches from the larger
///   set, so the runs see the same number of examples.
/// - Weight decay: SGD on L + (λ/2)‖θ‖², each step multiplying θ by 1 − η·λ (Krogh & Hertz 1992).
/// - Dropout: each tanh unit zeroed with probability p in training, the survivors scaled by
///   1/(1 − p) (Srivastava et al. 2014); evaluation uses the whole net.
package enum OtherRemedies {
  /// One remedy.
  package enum Remedy: String, Sendable, CaseIterable {
    /// The digits and their one-pixel shifts.
    case augmentation
    /// L2 weight decay.
    case weightDecay = "weight_decay"
    /// Dropout after every hidden layer.
    case dropout
  }

  /// The two runs each remedy is added to: the warm-up that explodes and the smaller peak.
  package static let peaks: [MidTrainingExplosion.Variant] = [.baseline, .smallerStep]

  /// Every remedy on both peaks over `seeds`, each (seed, remedy, peak) run on a core of its own
  /// (`ParallelSweep`), with its training and test accuracy; `progress` gets the runs done. Each
  /// seed's runs are in `Remedy` order, the explosive peak before the smaller one.
  package static func overSeeds(
    _ setup: MidTrainingExplosion.Setup, train: Dataset, test: Dataset, seeds: [UInt64],
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> SeedRuns<MidTrainingExplosion.Run> {
    let cases = Remedy.allCases.flatMap { remedy in peaks.map { (remedy, $0) } }
    let perSeed = ParallelSweep.grid(rows: seeds.count, columns: cases.count, progress: progress) { row, column in
      MidTrainingExplosion.run(
        setup, variant: cases[column].1, train: train, seed: seeds[row], remedy: cases[column].0, test: test)
    }
    return SeedRuns(seeds: seeds, perSeed: perSeed)
  }
}

extension SeedRuns where Run == MidTrainingExplosion.Run {
  /// The runs of `variant` with `remedy` (nil: without one) on every seed.
  package func runs(_ variant: MidTrainingExplosion.Variant, remedy: OtherRemedies.Remedy?) -> [MidTrainingExplosion
    .Run]
  {
    perSeed.compactMap { $0.first { $0.variant == variant && $0.remedy == remedy } }
  }
}
