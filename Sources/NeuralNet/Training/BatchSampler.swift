/// Mini-batch indices drawn without replacement: each epoch is a fresh permutation from the
/// sampler's own generator, cut into full batches (a short remainder is skipped), so the batch order
/// is fixed by the seed and identical for every run that uses the same seed.
public struct BatchSampler: Sendable {
  private let count: Int
  private let batchSize: Int
  private var rng: SeededGenerator
  private var order: [Int] = []
  private var position = 0

  /// A sampler over `count` examples; `batchSize` must be in 1…count.
  public init(count: Int, batchSize: Int, seed: UInt64) {
    precondition(batchSize >= 1 && batchSize <= count, "batch size \(batchSize) not in 1…\(count)")
    self.count = count
    self.batchSize = batchSize
    self.rng = SeededGenerator(seed: seed)
  }

  /// The indices of the next mini-batch.
  public mutating func next() -> ArraySlice<Int> {
    if position + batchSize > order.count {
      order = batchSize == count ? Array(0..<count) : Array(0..<count).shuffled(using: &rng)
      position = 0
    }
    defer { position += batchSize }
    return order[position..<(position + batchSize)]
  }
}
