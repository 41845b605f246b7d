extension Tensor {
  /// Σ xᵢ², accumulated in Double.
  ///
  /// Double cannot overflow on squares of finite Floats ((3.4e38)² ≈ 1.2e77 ≪ 1.8e308), so the result
  /// is non-finite exactly when some element is. This is why the instrumentation can tell "the norm
  /// is huge" from "a value overflowed" — a Float32 sum of squares (what most code computes) already
  /// overflows once values pass 1.8e19.
  public func sumOfSquares() -> Double {
    scalars.withUnsafeBufferPointer { Tensor.sumOfSquares($0) }
  }

  /// The Euclidean (Frobenius) norm ‖x‖ = √(Σ xᵢ²), computed in Double.
  public func norm() -> Double { sumOfSquares().squareRoot() }

  /// True when every element is finite (no NaN, no ±Inf).
  public var isFinite: Bool { sumOfSquares().isFinite }

  /// Σ xᵢ² in blocks of 256: each block is summed in Float (16 lanes, fast), then added in Double.
  /// A block whose Float sum is not finite is summed again in Double, so overflow of the Float
  /// partial sums never turns finite inputs into Inf. Relative error ≈ 256·2⁻²⁴ ≈ 1.5e-5 at most.
  static func sumOfSquares(_ x: UnsafeBufferPointer<Float>) -> Double {
    let n = x.count
    guard let base = x.baseAddress else { return 0 }
    var total = 0.0
    var start = 0
    while start < n {
      let end = Swift.min(start + 256, n)
      var lanes = SIMD16<Float>.zero
      var i = start
      while i + 16 <= end {
        let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<Float>.self)
        lanes += v * v
        i += 16
      }
      var block = lanes.sum()
      while i < end {
        block += x[i] * x[i]
        i += 1
      }
      if block.isFinite {
        total += Double(block)
      } else {
        for j in start..<end { total += Double(x[j]) * Double(x[j]) }
      }
      start = end
    }
    return total
  }

  /// Mean, standard deviation and extreme fractions of the elements, in one pass, in Double.
  ///
  /// One read of the data gives Σxᵢ (eight Double lanes), Σxᵢ² (blocks of 256 as in
  /// `sumOfSquares`, with its overflow fallback) and the two threshold counts (lane masks); the
  /// sums are added in the same order as the two separate passes this replaces, so the results
  /// are bit for bit theirs.
  ///
  /// - Parameters:
  ///   - lowThreshold: elements `<= lowThreshold` are counted in `fractionAtOrBelowLow`.
  ///   - highMagnitude: elements with `|x| >= highMagnitude` are counted in `fractionAtOrAboveHigh`.
  public func summary(lowThreshold: Float = 0, highMagnitude: Float = .infinity) -> TensorSummary {
    scalars.withUnsafeBufferPointer { x in
      let n = x.count
      guard let base = x.baseAddress, n > 0 else {
        return TensorSummary(
          mean: 0, standardDeviation: 0, meanSquare: 0, fractionAtOrBelowLow: 0, fractionAtOrAboveHigh: 0)
      }
      var lanes = SummaryLanes(lowThreshold: lowThreshold, highMagnitude: highMagnitude)
      var squares = 0.0
      var scalarTail = n  // where the eight-lane part of Σxᵢ ends
      var start = 0
      while start < n {
        let end = Swift.min(start + 256, n)
        var squareLanes = SIMD16<Float>.zero
        var i = start
        while i + 16 <= end {
          let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<Float>.self)
          squareLanes += v * v
          lanes.add(v.lowHalf)
          lanes.add(v.highHalf)
          i += 16
        }
        var block = squareLanes.sum()
        for j in i..<end { block += x[j] * x[j] }
        if end == n {  // the last block: eight more lanes of Σxᵢ, then one at a time
          if i + 8 <= n {
            lanes.add(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self))
            i += 8
          }
          scalarTail = i
        }
        if block.isFinite {
          squares += Double(block)
        } else {
          for j in start..<end { squares += Double(x[j]) * Double(x[j]) }
        }
        start = end
      }
      var sum = lanes.sum.sum()
      var low = -Int(lanes.low.wrappedSum())
      var high = -Int(lanes.high.wrappedSum())
      for j in scalarTail..<n {
        let v = x[j]
        sum += Double(v)
        if v <= lowThreshold { low += 1 }
        if abs(v) >= highMagnitude { high += 1 }
      }
      let count = Double(n)
      let mean = sum / count
      let meanSquare = squares / count
      let variance = Swift.max(meanSquare - mean * mean, 0)
      return TensorSummary(
        mean: mean, standardDeviation: variance.squareRoot(), meanSquare: meanSquare,
        fractionAtOrBelowLow: Double(low) / count, fractionAtOrAboveHigh: Double(high) / count)
    }
  }
}

/// The eight-lane accumulators of `Tensor.summary`: Σxᵢ in Double and the two threshold counts
/// (as negated lane masks).
private struct SummaryLanes {
  var sum = SIMD8<Double>.zero
  var low = SIMD8<Int32>.zero
  var high = SIMD8<Int32>.zero
  let lowThreshold: SIMD8<Float>
  let highMagnitude: SIMD8<Float>

  init(lowThreshold: Float, highMagnitude: Float) {
    self.lowThreshold = SIMD8(repeating: lowThreshold)
    self.highMagnitude = SIMD8(repeating: highMagnitude)
  }

  @inline(__always) mutating func add(_ v: SIMD8<Float>) {
    sum += SIMD8<Double>(v)
    low &+= SIMD8<Int32>(truncatingIfNeeded: (v .<= lowThreshold).toInt())
    let magnitude = v.replacing(with: -v, where: v .< 0)
    high &+= SIMD8<Int32>(truncatingIfNeeded: (magnitude .>= highMagnitude).toInt())
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

extension SIMDMask where Storage == SIMD8<Int32> {
  /// The mask as integers: −1 where true, 0 where false.
  @inline(__always) fileprivate func toInt() -> SIMD8<Int32> {
    SIMD8<Int32>.zero.replacing(with: -1, where: self)
  }
}
