import RealModule

/// The mean-field theory of signal propagation in deep random networks (Poole et al. 2016,
/// Schoenholz et al. 2017; THEORY.md §4).
///
/// Weights W ~ N(0, σ_w²/n_in), biases b ~ N(0, σ_b²). At infinite width a pre-activation h of layer
/// l is N(0, q_l), with the length map
///
///     q_{l+1} = σ_w²·E_z[φ(√q_l·z)²] + σ_b²,
///
/// and going backward the squared gradient norm is multiplied per layer by
/// χ_l = σ_w²·E_z[φ'(√q_l·z)²]. At the fixed point q* this is χ₁: below 1 gradients vanish
/// (ordered phase), above 1 they explode (chaotic phase), and the gradient depth scale is
/// ξ_∇ = −1/ln χ₁.
public struct MeanField: Sendable, Equatable {
  /// The nonlinearities the theory is evaluated for.
  public enum Nonlinearity: String, Sendable, CaseIterable {
    case linear
    case relu
    case tanh
    case sigmoid
  }

  /// φ.
  public var nonlinearity: Nonlinearity
  /// σ_w²: the weight variance times fan-in.
  public var weightVariance: Double
  /// σ_b²: the bias variance.
  public var biasVariance: Double

  /// The theory for φ with weights N(0, σ_w²/n_in) and biases N(0, σ_b²).
  public init(_ nonlinearity: Nonlinearity, weightVariance: Double, biasVariance: Double = 0) {
    self.nonlinearity = nonlinearity
    self.weightVariance = weightVariance
    self.biasVariance = biasVariance
  }

  /// E[φ(h)²] for h ~ N(0, q).
  public func meanSquareActivation(_ q: Double) -> Double {
    switch nonlinearity {
    case .linear: return q
    case .relu: return q / 2
    case .tanh:
      return MeanField.gaussianExpectation(variance: q) { h in
        let t = Double.tanh(h); return t * t
      }
    case .sigmoid:
      return MeanField.gaussianExpectation(variance: q) { h in
        let s = MeanField.sigmoid(h); return s * s
      }
    }
  }

  /// E[φ'(h)²] for h ~ N(0, q).
  public func meanSquareDerivative(_ q: Double) -> Double {
    switch nonlinearity {
    case .linear: return 1
    case .relu: return 0.5  // E[1{h > 0}] = ½ for symmetric h
    case .tanh:
      return MeanField.gaussianExpectation(variance: q) { h in
        let t = Double.tanh(h)
        let d = 1 - t * t
        return d * d
      }
    case .sigmoid:
      return MeanField.gaussianExpectation(variance: q) { h in
        let s = MeanField.sigmoid(h)
        let d = s * (1 - s)
        return d * d
      }
    }
  }

  /// One step of the length map: q ↦ σ_w²·E[φ(√q·z)²] + σ_b².
  public func lengthMap(_ q: Double) -> Double {
    weightVariance * meanSquareActivation(q) + biasVariance
  }

  /// χ at variance q: σ_w²·E[φ'(√q·z)²], the per-layer factor of the squared gradient norm.
  public func gradientFactor(atVariance q: Double) -> Double {
    weightVariance * meanSquareDerivative(q)
  }

  /// The fixed point q* of the length map reached from q = 1, or nil if q grows without bound
  /// (linear and ReLU above their critical σ_w²).
  ///
  /// For tanh without bias and σ_w² ≤ 1 the fixed point is 0 (approached only like 1/l).
  public var fixedPoint: Double? {
    switch nonlinearity {
    case .linear, .relu:
      let slope = nonlinearity == .linear ? weightVariance : weightVariance / 2
      guard slope < 1 else { return biasVariance == 0 && slope == 1 ? 1 : nil }
      return biasVariance / (1 - slope)
    case .tanh where biasVariance == 0 && weightVariance <= 1:
      return 0
    case .tanh, .sigmoid:
      var q = 1.0
      for _ in 0..<100_000 {
        let next = lengthMap(q)
        if abs(next - q) <= 1e-13 * Swift.max(1, q) { return next }
        q = next
      }
      return q
    }
  }

  /// χ₁ = σ_w²·E[φ'(√q*·z)²]: the gradient factor per layer at the fixed point (NaN without one).
  public var chi1: Double {
    guard let q = fixedPoint else { return .nan }
    return gradientFactor(atVariance: q)
  }

  /// The gradient depth scale ξ_∇ = −1/ln χ₁ (infinite at χ₁ = 1, negative in the chaotic phase).
  public var gradientDepthScale: Double { -1 / Double.log(chi1) }

  /// The variances q_l and gradient factors χ_l of layers 1…`layers`, starting from q₁.
  public func profile(firstVariance q1: Double, layers: Int) -> (variance: [Double], gradientFactor: [Double]) {
    var q = q1
    var variances: [Double] = []
    var factors: [Double] = []
    for _ in 0..<layers {
      variances.append(q)
      factors.append(gradientFactor(atVariance: q))
      q = lengthMap(q)
    }
    return (variances, factors)
  }

  /// The σ_w² on the edge of chaos (χ₁ = 1) for a bias variance σ_b², found by bisection.
  ///
  /// tanh: 1 at σ_b² = 0, 1.7610 at σ_b² = 0.05 (THEORY.md §4). ReLU and linear: 2 and 1, and only
  /// at σ_b² = 0 (their χ₁ does not depend on q, so a bias only moves q*).
  public static func criticalWeightVariance(_ nonlinearity: Nonlinearity, biasVariance: Double) -> Double {
    switch nonlinearity {
    case .linear: return 1
    case .relu: return 2
    case .tanh, .sigmoid: break
    }
    var low = 0.01
    var high = 100.0
    for _ in 0..<200 {
      let middle = (low + high) / 2
      let chi = MeanField(nonlinearity, weightVariance: middle, biasVariance: biasVariance).chi1
      if chi < 1 { low = middle } else { high = middle }
      if high - low < 1e-12 { break }
    }
    return (low + high) / 2
  }

  /// E f(h) for h ~ N(0, q).
  ///
  /// Gauss–Hermite with 100 nodes for q ≤ 1 (THEORY.md §4), where it is accurate to 1e-9 for tanh
  /// and sigmoid. For larger q it is not: the poles of tanh at ±iπ/2 move to ±iπ/(2√q) in z, and at
  /// q = 16 the 100-node rule is 9% off for E[sech⁴]. There the trapezoid rule on a grid of step
  /// 0.02/√q over z ∈ [−10, 10] is used instead (exponentially accurate for smooth integrands that
  /// decay like the Gaussian).
  public static func gaussianExpectation(variance q: Double, _ f: (Double) -> Double) -> Double {
    guard q > 0 else { return f(0) }
    let s = q.squareRoot()
    if q <= 1 { return GaussHermite.standard.expectation { f(s * $0) } }
    let step = 0.02 / s
    let count = Int((20 / step).rounded(.up))
    let h = 20 / Double(count)
    let norm = 1 / (2 * Double.pi).squareRoot()
    var sum = 0.0
    for i in 0...count {
      let z = -10 + Double(i) * h
      let weight = i == 0 || i == count ? 0.5 : 1
      sum += weight * f(s * z) * Double.exp(-z * z / 2)
    }
    return sum * h * norm
  }

  static func sigmoid(_ x: Double) -> Double { 1 / (1 + Double.exp(-x)) }
}
