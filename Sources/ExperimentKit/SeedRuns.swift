import Theory

/// The same runs repeated once per seed: for each seed (the lesson's own first), one run per
/// entry of a fixed list, in the same order. A figure of entry `index` over the seeds is a
/// `SeedSpread`; an outcome is counted "k of n" with `count(_:where:)`.
public struct SeedRuns<Run: Sendable>: Sendable {
  /// The seeds, the lesson's own first.
  public let seeds: [UInt64]
  /// For each seed, its runs in list order.
  public let perSeed: [[Run]]

  /// Runs `perSeed[s]` for each of `seeds`, each seed's list as long as the first.
  public init(seeds: [UInt64], perSeed: [[Run]]) {
    precondition(!seeds.isEmpty && seeds.count == perSeed.count, "one list of runs per seed, at least one seed")
    precondition(perSeed.allSatisfy { $0.count == perSeed[0].count }, "every seed runs the same list")
    self.seeds = seeds
    self.perSeed = perSeed
  }

  /// The same seeds with each seed's runs regrouped by `transform` (e.g. flat jobs into the
  /// results they make up).
  public func regrouped<T: Sendable>(_ transform: ([Run]) -> [T]) -> SeedRuns<T> {
    SeedRuns<T>(seeds: seeds, perSeed: perSeed.map(transform))
  }

  /// The lesson's own seed's runs.
  public var main: [Run] { perSeed[0] }

  /// Entry `index`'s `value` over the seeds.
  public func spread(_ index: Int, _ value: (Run) -> Double) -> SeedSpread {
    SeedSpread(seeds: seeds, values: perSeed.map { value($0[index]) })
  }

  /// On how many seeds entry `index` satisfies `predicate`.
  public func count(_ index: Int, where predicate: (Run) -> Bool) -> Int {
    perSeed.filter { predicate($0[index]) }.count
  }
}
