extension Tensor {
  /// Σ xᵢ², accumulated in Double (`VectorMath.sumOfSquares`: blocks of 256 in Float, added in
  /// Double).
  ///
  /// Double cannot overflow on squares of finite Floats ((3.4e38)² ≈ 1.2e77 ≪ 1.8e308), so the result
  /// is non-finite exactly when some element is. This is why the instrumentation can tell "the norm
  /// is huge" from "a value overflowed" — a Float32 sum of squares (what most code computes) already
  /// overflows once values pass 1.8e19.
  public func sumOfSquares() -> Double {
    scalars.withUnsafeBufferPointer { VectorMath.sumOfSquares($0) }
  }

  /// The Euclidean (Frobenius) norm ‖x‖ = √(Σ xᵢ²), computed in Double.
  public func norm() -> Double { sumOfSquares().squareRoot() }

  /// True when every element is finite (no NaN, no ±Inf).
  public var isFinite: Bool { sumOfSquares().isFinite }

  /// Mean, standard deviation and extreme fractions of the elements, in one pass, in Double.
  ///
  /// One read of the data (`VectorMath.moments`) gives Σxᵢ, Σxᵢ² (bit for bit `sumOfSquares`)
  /// and the two threshold counts; then mean = Σxᵢ/n, E[x²] = Σxᵢ²/n and
  /// σ = √max(E[x²] − mean², 0).
  ///
  /// - Parameters:
  ///   - lowThreshold: elements `<= lowThreshold` are counted in `fractionAtOrBelowLow`.
  ///   - highMagnitude: elements with `|x| >= highMagnitude` are counted in `fractionAtOrAboveHigh`.
  public func summary(lowThreshold: Float = 0, highMagnitude: Float = .infinity) -> TensorSummary {
    scalars.withUnsafeBufferPointer { x in
      let n = x.count
      guard n > 0 else {
        return TensorSummary(
          mean: 0, standardDeviation: 0, meanSquare: 0, fractionAtOrBelowLow: 0, fractionAtOrAboveHigh: 0)
      }
      return TensorSummary(moments: VectorMath.moments(x, low: lowThreshold, high: highMagnitude), count: n)
    }
  }
}

/// Summary statistics of one tensor (see `Tensor.summary`).
public struct TensorSummary: Sendable, Equatable {
  /// The mean of the elements.
  public var mean: Double
  /// The (population) standard deviation of the elements.
  public var standardDeviation: Double
  /// The mean of the squared elements, E[x²].
  public var meanSquare: Double
  /// The fraction of elements at or below the low threshold (dead ReLU units: x ≤ 0).
  public var fractionAtOrBelowLow: Double
  /// The fraction of elements at or above the high magnitude (saturated tanh/sigmoid units).
  public var fractionAtOrAboveHigh: Double
}

extension TensorSummary {
  /// The summary of `count` (> 0) elements from their one-pass sums (`VectorMath.moments`):
  /// mean = Σxᵢ/n, E[x²] = Σxᵢ²/n, σ = √max(E[x²] − mean², 0), and the two fractions.
  init(moments m: (sum: Double, sumOfSquares: Double, atOrBelowLow: Int, atOrAboveHigh: Int), count n: Int) {
    let count = Double(n)
    let mean = m.sum / count
    let meanSquare = m.sumOfSquares / count
    let variance = Swift.max(meanSquare - mean * mean, 0)
    self.init(
      mean: mean, standardDeviation: variance.squareRoot(), meanSquare: meanSquare,
      fractionAtOrBelowLow: Double(m.atOrBelowLow) / count,
      fractionAtOrAboveHigh: Double(m.atOrAboveHigh) / count)
  }
}
