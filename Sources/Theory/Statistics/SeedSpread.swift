/// One figure measured once per seed (weights and batch order): the values, with their mean,
/// smallest and largest. A result that depends on the seed is reported this way, never as the
/// value of one seed. A non-finite value (a run that blew up) makes the mean, min and max NaN, so
/// a spread is never quietly computed over the runs that happened to survive; count those with
/// `count(where:)` instead ("k of n").
public struct SeedSpread: Sendable, Equatable {
  /// The seeds, in run order (the lesson's own seed first).
  public let seeds: [UInt64]
  /// The value measured for each seed.
  public let values: [Double]

  /// The spread of `values`, one per seed.
  public init(seeds: [UInt64], values: [Double]) {
    precondition(!seeds.isEmpty && seeds.count == values.count, "one value per seed, at least one seed")
    self.seeds = seeds
    self.values = values
  }

  /// `count` seeds derived from `seed`: seed, seed + 1, … (the lesson's own seed first).
  public static func seeds(from seed: UInt64, count: Int) -> [UInt64] {
    (0..<UInt64(count)).map { seed &+ $0 }
  }

  private var allFinite: Bool { values.allSatisfy(\.isFinite) }

  /// The mean over seeds (NaN if a value is not finite).
  public var mean: Double { allFinite ? values.reduce(0, +) / Double(values.count) : .nan }
  /// The smallest value (NaN if a value is not finite).
  public var min: Double { allFinite ? values.min()! : .nan }
  /// The largest value (NaN if a value is not finite).
  public var max: Double { allFinite ? values.max()! : .nan }
  /// The median over the seeds (the mean of the two middle values for an even count), NaN if any
  /// value is not finite.
  public var median: Double {
    guard allFinite else { return .nan }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
  /// How many seeds' values satisfy `predicate`.
  public func count(where predicate: (Double) -> Bool) -> Int { values.filter(predicate).count }
}
