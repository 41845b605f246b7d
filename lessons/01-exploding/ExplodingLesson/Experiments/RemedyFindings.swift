import NeuralNet
import Theory

/// What one remedy did over the seeds, beside the runs without it on the same seeds.
struct RemedyFindings {
  /// The remedy (nil: the mid-training step's own runs).
  var remedy: OtherRemedies.Remedy?
  /// Its warm-up to the explosive peak on every seed.
  var explosive: [MidTrainingExplosion.Run]
  /// Its warm-up to the smaller peak on every seed.
  var smaller: [MidTrainingExplosion.Run]
  /// The seeds.
  var seeds: [UInt64]

  /// On how many seeds the explosive warm-up exploded.
  var explodedCount: Int { explosive.filter { $0.explosionStep != nil }.count }
  /// The smaller peak's training-minus-test accuracy on every seed.
  var gap: SeedSpread { SeedSpread(seeds: seeds, values: smaller.map { $0.accuracyGap ?? .nan }) }
  /// The smaller peak's test accuracy on every seed.
  var testAccuracy: SeedSpread { SeedSpread(seeds: seeds, values: smaller.map { $0.testAccuracy ?? .nan }) }
  /// The smaller peak's training accuracy on every seed.
  var trainAccuracy: SeedSpread { SeedSpread(seeds: seeds, values: smaller.map { $0.trainAccuracy ?? .nan }) }
  /// The explosion step on each seed where this run and `other` both exploded, as (seed, this, other).
  func explosionSteps(against other: RemedyFindings) -> [(seed: UInt64, own: Int, other: Int)] {
    zip(seeds, zip(explosive, other.explosive)).compactMap { seed, pair in
      pair.0.explosionStep.flatMap { a in pair.1.explosionStep.map { (seed, a, $0) } }
    }
  }
  /// The median delay of the explosion against `other` on the seeds where both exploded, in
  /// steps (NaN if there is none).
  func medianDelay(against other: RemedyFindings) -> Double {
    let pairs = explosionSteps(against: other)
    guard !pairs.isEmpty else { return .nan }
    return SeedSpread(seeds: pairs.map(\.seed), values: pairs.map { Double($0.own - $0.other) }).median
  }
  /// The median explosion step of the explosive warm-up over the seeds where it exploded (NaN if
  /// it exploded on none).
  var medianExplosionStep: Double {
    let exploded = zip(seeds, explosive).compactMap { seed, run in run.explosionStep.map { (seed, Double($0)) } }
    return exploded.isEmpty ? .nan : SeedSpread(seeds: exploded.map(\.0), values: exploded.map(\.1)).median
  }
  /// η·λ_max at the explosive run's last sharpness measurement, on every seed (NaN where none).
  var finalStepTimesSharpness: SeedSpread {
    SeedSpread(seeds: seeds, values: explosive.map { $0.stepTimesSharpness.last ?? .nan })
  }
  /// The largest η·λ_max any seed's explosive run measured (NaN if none was measured).
  var largestStepTimesSharpness: Double {
    explosive.flatMap(\.stepTimesSharpness).filter(\.isFinite).max() ?? .nan
  }
  /// On how many seeds the smaller peak's gap is below `other`'s.
  func narrowerGapCount(than other: RemedyFindings) -> Int {
    zip(gap.values, other.gap.values).filter { $0 < $1 }.count
  }
}
