/// What a loss compares the network's output with.
public enum Targets: Sendable, Equatable {
  /// One class index per example (for softmax cross-entropy).
  case labels([Int])
  /// One target vector per example, `[batchSize, outputs]` (for mean squared error).
  case values(Tensor)

  /// The number of examples.
  public var count: Int {
    switch self {
    case .labels(let labels): labels.count
    case .values(let values): values.rows
    }
  }

  /// The targets of the examples at `indices`, in that order.
  public func gathering(_ indices: some Collection<Int>) -> Targets {
    switch self {
    case .labels(let labels): .labels(indices.map { labels[$0] })
    case .values(let values): .values(values.gatheringRows(indices))
    }
  }
}
