/// One measured-vs-predicted row: a number measured by a run next to the published prediction,
/// with the tolerance it is held to. Experiments return their checks with their results, so that
/// tests can hold them at other sizes; the notebook shows them.
public struct TheoryCheck: Sendable, Equatable {
  /// How the tolerance is applied.
  public enum Tolerance: Sendable, Equatable {
    /// |measured − predicted| ≤ t·|predicted|.
    case relative(Double)
    /// |measured − predicted| ≤ t.
    case absolute(Double)
    /// predicted/t ≤ measured ≤ t·predicted (t > 1): a band that is symmetric in log scale, for a
    /// positive, right-skewed statistic such as the mean of log-normal values.
    case factor(Double)
    /// measured ≥ predicted: `predicted` is a floor (a stated minimum, not a prediction).
    case atLeast
    /// measured ≤ predicted: `predicted` is a ceiling (a stated maximum, not a prediction).
    case atMost

    /// "relative", "absolute", "factor", "at_least" or "at_most", as written in metrics.json.
    public var kind: String {
      switch self {
      case .relative: "relative"
      case .absolute: "absolute"
      case .factor: "factor"
      case .atLeast: "at_least"
      case .atMost: "at_most"
      }
    }

    /// The numeric tolerance as written in metrics.json.
    public var value: Double {
      switch self {
      case .relative(let t), .absolute(let t), .factor(let t): t
      case .atLeast, .atMost: 0
      }
    }
  }

  /// What is compared, e.g. "per-layer gradient factor, σ_w² = 3".
  public var name: String
  /// The measured value (may be non-finite, which fails the check).
  public var measured: Double
  /// The predicted value.
  public var predicted: Double
  /// The allowed deviation.
  public var tolerance: Tolerance
  /// Where the prediction comes from ("docs/theory.md §1").
  public var source: String

  /// A check of `measured` against `predicted` within `tolerance`.
  public init(name: String, measured: Double, predicted: Double, tolerance: Tolerance, source: String) {
    self.name = name
    self.measured = measured
    self.predicted = predicted
    self.tolerance = tolerance
    self.source = source
  }

  /// Whether the measurement is within tolerance of the prediction.
  public var passed: Bool {
    guard measured.isFinite && predicted.isFinite else { return false }
    switch tolerance {
    case .relative(let t): return abs(measured - predicted) <= t * abs(predicted)
    case .absolute(let t): return abs(measured - predicted) <= t
    case .factor(let t): return measured >= predicted / t && measured <= predicted * t
    case .atLeast: return measured >= predicted
    case .atMost: return measured <= predicted
    }
  }
}
