import RealModule

/// How far the mean of n independent log-normal values strays from its expectation: the band a
/// lesson holds such a mean to.
///
/// A value whose log is normal with variance σ² has a right-skewed distribution, and so has the
/// mean of n of them: three standard errors of a normal approximation undercover its upper
/// tail. Fenton (1960) and Wilkinson approximate the mean by a log-normal with the same first
/// two moments: relative to its expectation m, its log has variance
///
///     s² = ln(1 + (e^σ² − 1)/n)
///
/// and mean −s²/2. Three of its standard deviations, plus that offset, give a factor
/// t = e^(3s + s²/2): the mean lies in [m/t, m·t] with about the probability of a 3σ band.
public enum LogNormalMean {
  /// The log-scale variance s² of the mean of `count` log-normal values whose logs have variance
  /// `logVariance`.
  public static func logVarianceOfMean(logVariance: Double, count: Int) -> Double {
    Double.log(1 + Double.expMinusOne(logVariance) / Double(count))
  }

  /// The factor t = e^(3s + s²/2) of the 3σ band [m/t, m·t] (`TheoryCheck.Tolerance.factor`).
  public static func factorTolerance(logVariance: Double, count: Int) -> Double {
    let s2 = logVarianceOfMean(logVariance: logVariance, count: count)
    return Double.exp(3 * s2.squareRoot() + s2 / 2)
  }
}
