import RealModule

/// A least-squares line through (x, log y): the per-step growth factor of a geometric sequence.
///
/// docs/theory.md §1: a per-layer factor is estimated from one network by least squares on log‖g_l‖
/// against l. The factor is exp(slope); non-finite or non-positive y are left out.
public struct LogLinearFit: Sendable, Equatable {
  /// The slope of log y against x.
  public var slope: Double
  /// The intercept of log y at x = 0.
  public var intercept: Double
  /// The number of points used.
  public var points: Int

  /// The per-unit-x multiplicative factor, exp(slope).
  public var factor: Double { Double.exp(slope) }

  /// Fits log y = intercept + slope·x by ordinary least squares; nil with fewer than two usable points.
  public init?(x: [Double], y: [Double]) {
    let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite && $0.1 > 0 }
    guard pairs.count >= 2 else { return nil }
    let n = Double(pairs.count)
    let meanX = pairs.map(\.0).reduce(0, +) / n
    let logs = pairs.map { Double.log($0.1) }
    let meanY = logs.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    for (pair, logY) in zip(pairs, logs) {
      sxy += (pair.0 - meanX) * (logY - meanY)
      sxx += (pair.0 - meanX) * (pair.0 - meanX)
    }
    guard sxx > 0 else { return nil }
    slope = sxy / sxx
    intercept = meanY - slope * meanX
    points = pairs.count
  }

  /// The standard error of the slope fitted to a random walk: Var[slope] ≈ 6v/(5L) for L points
  /// whose increments have variance v (the least-squares slope of Brownian motion over a span L),
  /// divided by the number of independent walks averaged.
  ///
  /// At finite width, log‖g_l‖ random-walks across layers (docs/theory.md §1), so this is how far a
  /// fitted per-layer factor may honestly sit from its prediction.
  public static func randomWalkSlopeStandardError(perStepVariance v: Double, points: Int, walks: Int = 1) -> Double {
    (6 * v / (5 * Double(points) * Double(walks))).squareRoot()
  }

  /// The relative tolerance a fitted per-step factor is held to: three standard errors of a random
  /// walk's slope (`randomWalkSlopeStandardError`), and at least 2%.
  public static func randomWalkSlopeTolerance(perStepVariance v: Double, points: Int, walks: Int = 1) -> Double {
    Swift.max(0.02, 3 * randomWalkSlopeStandardError(perStepVariance: v, points: points, walks: walks))
  }

  /// The sample variance of the log increments log(y_{k+1}/y_k) over consecutive finite, positive
  /// values: the per-step variance v of a random walk's steps, measured. Nil with fewer than three
  /// such values.
  public static func incrementVariance(of y: [Double]) -> Double? {
    let steps = zip(y, y.dropFirst()).compactMap { a, b -> Double? in
      a.isFinite && b.isFinite && a > 0 && b > 0 ? Double.log(b / a) : nil
    }
    guard steps.count >= 2 else { return nil }
    return SampleMean(steps).variance
  }

  /// The factor t of the band [g/t, g·t] a fitted per-step factor is held to when the prediction
  /// g is the factor of the MEAN: t = exp(3·SE + v/2), with SE the random walk's slope error
  /// (`randomWalkSlopeStandardError`). The v/2 is the walk's own drift below log g: a step factor
  /// X with E[X] = g has E[log X] ≈ log g − Var[log X]/2 (exact for a log-normal X).
  public static func randomWalkFactorTolerance(perStepVariance v: Double, points: Int, walks: Int = 1) -> Double {
    Double.exp(3 * randomWalkSlopeStandardError(perStepVariance: v, points: points, walks: walks) + v / 2)
  }
}
