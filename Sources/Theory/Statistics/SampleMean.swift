/// The mean of independent measurements (one per network, per draw, …) with its standard error,
/// and the tolerance a lesson holds such a mean to: three standard errors of the measurements' own
/// spread, never below a floor.
public struct SampleMean: Sendable, Equatable {
  /// The number of measurements.
  public var count: Int
  /// Their mean.
  public var mean: Double
  /// Their unbiased variance (with n − 1; 0 for fewer than two).
  public var variance: Double

  /// The statistics of `values` (at least one).
  public init(_ values: [Double]) {
    precondition(!values.isEmpty, "a sample mean needs at least one value")
    count = values.count
    mean = values.reduce(0, +) / Double(values.count)
    let m = mean
    variance = values.count > 1 ? values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1) : 0
  }

  /// The sample standard deviation √variance.
  public var standardDeviation: Double { variance.squareRoot() }
  /// The standard error of the mean, √(variance/n).
  public var standardError: Double { (variance / Double(count)).squareRoot() }

  /// max(`floor`, 3·SE/|`reference`|): the relative tolerance of the mean against a prediction.
  public func relativeTolerance(around reference: Double, floor: Double) -> Double {
    Swift.max(floor, 3 * standardError / abs(reference))
  }
}
