import NeuralNet
import Theory

/// A lesson's configuration: every random choice of an experiment derives from its `seed`, so the
/// same experiment on another seed is the same configuration with another seed.
package protocol SeededConfiguration: Sendable {
  /// The seed every random choice derives from.
  var seed: UInt64 { get set }
}

extension SeededConfiguration {
  /// This configuration with `seed` instead of its own.
  package func reseeded(_ seed: UInt64) -> Self {
    var copy = self
    copy.seed = seed
    return copy
  }
}

extension SeedRuns {
  /// The same experiment over `count` seeds: `body` on `config` reseeded with every seed of
  /// `SeedSpread.seeds(from: config.seed, count:)` (the lesson's own first), each seed on a core of
  /// its own (`ParallelSweep`); `body` returns that seed's runs. `progress` gets the seeds done.
  ///
  /// Seeds share nothing and every job runs with a one-thread BLAS, so the result is the same bit
  /// for bit whatever the schedule (`ParallelSweep`).
  package static func parallel<Configuration: SeededConfiguration>(
    _ config: Configuration, seeds count: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @Sendable (_ seeded: Configuration) -> [Run]
  ) -> SeedRuns {
    let seeds = SeedSpread.seeds(from: config.seed, count: count)
    return SeedRuns(
      seeds: seeds, perSeed: ParallelSweep.map(seeds.count, progress: progress) { body(config.reseeded(seeds[$0])) })
  }

  /// `parallel` with finer jobs: `body(seeded, run)` for every seed and every `run` in
  /// `0..<runsPerSeed`, each (seed, run) job on a core of its own; `perSeed[s][r]` is job (s, r).
  /// `progress` gets the jobs done.
  package static func parallel<Configuration: SeededConfiguration>(
    _ config: Configuration, seeds count: Int, runsPerSeed: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @Sendable (_ seeded: Configuration, _ run: Int) -> Run
  ) -> SeedRuns {
    parallel(seeds: SeedSpread.seeds(from: config.seed, count: count), runsPerSeed: runsPerSeed, progress: progress) {
      body(config.reseeded($0), $1)
    }
  }

  /// `body(seed, run)` for each of `seeds` and every `run` in `0..<runsPerSeed`, each (seed, run)
  /// job on a core of its own (`ParallelSweep`); `perSeed[s][r]` is job (s, r). `progress` gets the
  /// jobs done.
  package static func parallel(
    seeds: [UInt64], runsPerSeed: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @Sendable (_ seed: UInt64, _ run: Int) -> Run
  ) -> SeedRuns {
    SeedRuns(seeds: seeds, perSeed: jobs(seeds: seeds, runsPerSeed: runsPerSeed, progress: progress, body))
  }

  /// `body(seed, run)` for every (seed, run) pair, one job per core, grouped by seed: the work of
  /// `parallel(seeds:…)` and `extending`, which may have no seeds to run.
  private static func jobs(
    seeds: [UInt64], runsPerSeed: Int, progress: (@Sendable (Int) -> Void)?,
    _ body: @Sendable (_ seed: UInt64, _ run: Int) -> Run
  ) -> [[Run]] {
    ParallelSweep.grid(rows: seeds.count, columns: runsPerSeed, progress: progress) { body(seeds[$0], $1) }
  }
}

extension SeedRuns {
  /// `main`, the lesson's own seed's runs (already made, often with more recorded), and the same
  /// runs for the other seeds of `SeedSpread.seeds(from: config.seed, count:)`:
  /// `body(config.reseeded(seed), r)` remakes run r, each (seed, run) job on a core of its own
  /// (`ParallelSweep`). `progress` gets the jobs done, (count − 1)·main.count in all.
  package static func extending<Configuration: SeededConfiguration>(
    _ main: [Run], _ config: Configuration, seeds count: Int, progress: (@Sendable (Int) -> Void)? = nil,
    _ body: @Sendable (_ seeded: Configuration, _ run: Int) -> Run
  ) -> SeedRuns {
    let seeds = SeedSpread.seeds(from: config.seed, count: count)
    let others = jobs(seeds: Array(seeds.dropFirst()), runsPerSeed: main.count, progress: progress) {
      body(config.reseeded($0), $1)
    }
    return SeedRuns(seeds: seeds, perSeed: [main] + others)
  }
}
