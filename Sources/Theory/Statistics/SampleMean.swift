import RealModule

/// The mean of independent measurements (one per network, per draw, …) with its standard error,
/// and the tolerance a lesson holds such a mean to: the band of the measurements' own spread that
/// covers as a normal 3σ band does (Student's t, `coverageMultiplier`), never below a floor.
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

  /// max(`floor`, k·SE/|`reference`|), k = `coverageMultiplier`: the relative tolerance of the mean
  /// against a prediction.
  public func relativeTolerance(around reference: Double, floor: Double) -> Double {
    Swift.max(floor, coverageMultiplier * standardError / abs(reference))
  }

  /// The k of a band mean ± k·SE that holds the true mean as often as a normal ±3σ band does.
  public var coverageMultiplier: Double { Self.coverageMultiplier(count: count) }

  /// The k of a band mean ± k·SE, with the SE estimated from the same `count` values, that holds the
  /// true mean with probability P(|Z| ≤ 3) = 0.9973 (a normal 3σ band).
  ///
  /// With the SE estimated, (mean − μ)/SE follows Student's t with ν = n − 1 degrees of freedom,
  /// whose tails are wider: 3·SE covers only 99.1% at n = 16 and 94.2% at n = 4. So k is the t
  /// quantile, found by bisection on the closed form of P(|T| ≤ t) for integer ν (Abramowitz &
  /// Stegun 26.7.3–4, with θ = arctan(t/√ν)):
  ///
  ///     ν odd:  (2/π)·(θ + sin θ·(cos θ + (2/3)cos³θ + … + (2·4⋯(ν−3))/(1·3⋯(ν−2))·cos^(ν−2)θ))
  ///     ν even: sin θ·(1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3⋯(ν−3))/(2·4⋯(ν−2))·cos^(ν−2)θ)
  ///
  /// (k = 9.22 at n = 4, 3.59 at n = 16, 3.13 at n = 60, 3.04 at n = 200, and 3 in the limit). Written by hand:
  /// no statistics library is on this machine. Fewer than two values: 3 (there is no spread to
  /// scale, and `relativeTolerance` then gives its floor).
  public static func coverageMultiplier(count: Int) -> Double {
    guard count >= 2 else { return 3 }
    let nu = count - 1
    let target = Double.erf(3 / 2.squareRoot())
    var low = 3.0
    var high = 3.0
    while studentCentralProbability(high, degreesOfFreedom: nu) < target { high *= 2 }
    for _ in 0..<100 {
      let mid = (low + high) / 2
      if studentCentralProbability(mid, degreesOfFreedom: nu) < target { low = mid } else { high = mid }
    }
    return high
  }

  /// P(|T| ≤ t) for Student's t with `degreesOfFreedom` ν ≥ 1 (Abramowitz & Stegun 26.7.3–4).
  static func studentCentralProbability(_ t: Double, degreesOfFreedom nu: Int) -> Double {
    let theta = Double.atan(t / Double(nu).squareRoot())
    let c = Double.cos(theta)
    let sine = Double.sin(theta)
    if nu % 2 == 1 {
      guard nu > 1 else { return 2 * theta / Double.pi }
      var term = c
      var sum = c
      for k in stride(from: 2, through: nu - 2, by: 2) {
        term *= Double(k) / Double(k + 1) * c * c
        sum += term
      }
      return 2 / Double.pi * (theta + sine * sum)
    }
    var term = 1.0
    var sum = 1.0
    for k in stride(from: 2, through: nu - 2, by: 2) {
      term *= Double(k - 1) / Double(k) * c * c
      sum += term
    }
    return sine * sum
  }
}
