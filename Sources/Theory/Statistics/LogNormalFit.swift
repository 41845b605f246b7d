import RealModule

/// A log-normal fit of magnitudes: ln|x| ~ N(μ, σ²), with μ and σ the mean and standard deviation
/// of the logs of the nonzero magnitudes, and the share of magnitudes it puts below a threshold,
///
///     P(|x| < t) = Φ((ln t − μ)/σ) = ½·erfc((μ − ln t)/(σ√2)).
///
/// Gradient magnitudes across a layer are close to log-normal (their logs are sums of many
/// per-layer log-factors; lesson 1's histograms), which is how Micikevicius et al. (2018, Fig. 3)
/// read off the share of gradients Float16 flushes to zero and the loss scale that saves them: with
/// t = 2⁻²⁴ (Float16's smallest subnormal), the share below t·S after scaling by S is
/// Φ((ln t − ln S − μ)/σ).
public struct LogNormalFit: Sendable, Equatable {
  /// μ, the mean of ln|x|.
  public var mu: Double
  /// σ, the standard deviation of ln|x| (the population one, over n).
  public var sigma: Double
  /// How many nonzero magnitudes the fit is over.
  public var count: Int

  /// The fit of the nonzero, finite magnitudes of `values`; nil for fewer than two of them.
  public init?(_ values: some Sequence<Float>) {
    var n = 0
    var sum = 0.0
    var sumOfSquares = 0.0
    for value in values where value != 0 && value.isFinite {
      let log = Double.log(Double(abs(value)))
      n += 1
      sum += log
      sumOfSquares += log * log
    }
    guard n >= 2 else { return nil }
    mu = sum / Double(n)
    sigma = Swift.max(sumOfSquares / Double(n) - mu * mu, 0).squareRoot()
    count = n
  }

  /// A fit with these parameters.
  public init(mu: Double, sigma: Double, count: Int) {
    (self.mu, self.sigma, self.count) = (mu, sigma, count)
  }

  /// Φ((ln t − μ)/σ): the share of magnitudes below `threshold`.
  public func shareBelow(_ threshold: Double) -> Double {
    guard threshold > 0 else { return 0 }
    guard sigma > 0 else { return Double.log(threshold) > mu ? 1 : 0 }
    return 0.5 * Double.erfc((mu - Double.log(threshold)) / (sigma * 2.squareRoot()))
  }

  /// The smallest scale S that lifts all but `share` of the magnitudes above `threshold`:
  /// S = t·e^(−(μ + z·σ)) with Φ(z) = `share`, found by bisection on ln S (z has no closed form).
  public func scaleKeeping(allBut share: Double, above threshold: Double) -> Double {
    precondition(share > 0 && share < 1, "a share in (0, 1)")
    var low = -200.0
    var high = 200.0
    for _ in 0..<200 {
      let middle = (low + high) / 2
      if shareBelow(threshold / Double.exp(middle)) > share { low = middle } else { high = middle }
    }
    return Double.exp(high)
  }
}
