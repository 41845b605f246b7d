import Nonlinearity
import RealModule

/// The mean-field theory of signal propagation in deep random networks (Poole et al. 2016,
/// Schoenholz et al. 2017; docs/theory.md §4).
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
  /// φ.
  public var nonlinearity: Activation
  /// σ_w²: the weight variance times fan-in.
  public var weightVariance: Double
  /// σ_b²: the bias variance.
  public var biasVariance: Double

  /// The theory for φ with weights N(0, σ_w²/n_in) and biases N(0, σ_b²).
  public init(_ nonlinearity: Activation, weightVariance: Double, biasVariance: Double = 0) {
    self.nonlinearity = nonlinearity
    self.weightVariance = weightVariance
    self.biasVariance = biasVariance
  }

  /// E[φ(h)²] for h ~ N(0, q).
  public func meanSquareActivation(_ q: Double) -> Double {
    switch nonlinearity {
    case .identity: return q
    case .relu: return q / 2
    case .tanh, .sigmoid:
      return expectedSquare(q, of: nonlinearity.value)
    }
  }

  /// E[φ'(h)²] for h ~ N(0, q).
  public func meanSquareDerivative(_ q: Double) -> Double {
    switch nonlinearity {
    case .identity: return 1
    case .relu: return 0.5  // E[1{h > 0}] = ½ for symmetric h
    case .tanh, .sigmoid:
      return expectedSquare(q, of: nonlinearity.derivative)
    }
  }

  /// E[f(h)²] for h ~ N(0, q), by `MeanField.gaussianExpectation`.
  private func expectedSquare(_ q: Double, of f: (Double) -> Double) -> Double {
    MeanField.gaussianExpectation(variance: q) { h in
      let v = f(h)
      return v * v
    }
  }

  /// E[φ'(h)⁴]/E[φ'(h)²]² for h ~ N(0, q): how unevenly the units pass the gradient (1 for linear,
  /// 2 for ReLU, large for a saturated tanh where few units pass anything).
  ///
  /// It sets the finite-width fluctuation of a layer's gradient factor: at width n,
  /// Var[log‖g_l‖²/‖g_{l+1}‖²] ≈ (3·K − 1)/n with K this ratio (5/n for ReLU, 2/n for linear,
  /// docs/theory.md §1), using E[z⁴] = 3 for the Gaussian (Wᵀg)ᵢ.
  public func derivativeKurtosis(_ q: Double) -> Double {
    switch nonlinearity {
    case .identity: return 1
    case .relu: return 2
    case .tanh, .sigmoid:
      let fourth = MeanField.gaussianExpectation(variance: q) { h in
        let d = nonlinearity.derivative(h)
        return d * d * d * d
      }
      let second = meanSquareDerivative(q)
      return fourth / (second * second)
    }
  }

  /// Var[log‖g_l‖] per layer at width n and variance q: (3·K − 1)/(4n), K from `derivativeKurtosis`.
  public func logNormVariancePerLayer(_ q: Double, width: Int) -> Double {
    (3 * derivativeKurtosis(q) - 1) / (4 * Double(width))
  }

  /// One step of the length map: q ↦ σ_w²·E[φ(√q·z)²] + σ_b².
  public func lengthMap(_ q: Double) -> Double {
    weightVariance * meanSquareActivation(q) + biasVariance
  }

  /// χ at variance q: σ_w²·E[φ'(√q·z)²], the per-layer factor of the squared gradient norm.
  public func gradientFactor(atVariance q: Double) -> Double {
    weightVariance * meanSquareDerivative(q)
  }

  /// The fixed point q* of the length map, or nil if q grows without bound (linear and ReLU at or
  /// above their critical σ_w² with a bias; at exactly critical without bias every q is fixed and 1
  /// is returned).
  ///
  /// For tanh without bias and σ_w² ≤ 1 the fixed point is 0 (approached only like 1/l). Otherwise,
  /// for tanh and sigmoid, F(q) = lengthMap(q) − q is positive near 0 and negative at
  /// q = σ_w² + σ_b² (since φ² ≤ 1), and the length map is increasing and concave, so the unique
  /// root is found by bisection to 1e-14 relative: fast and exact where plain iteration of the
  /// map crawls (near σ_w² = 1 its rate tends to 1).
  public var fixedPoint: Double? {
    switch nonlinearity {
    case .identity, .relu:
      let slope = nonlinearity == .identity ? weightVariance : weightVariance / 2
      guard slope < 1 else { return biasVariance == 0 && slope == 1 ? 1 : nil }
      return biasVariance / (1 - slope)
    case .tanh where biasVariance == 0 && weightVariance <= 1:
      return 0
    case .tanh, .sigmoid:
      var low = 0.0
      var high = weightVariance + biasVariance
      if biasVariance == 0 && nonlinearity == .tanh {
        // F(q) ≈ (σ_w² − 1)·q for small q: start just above 0 where F is still positive.
        low = Swift.min(1e-12, high / 2)
        while lengthMap(low) - low <= 0 && low > 1e-300 { low /= 16 }
      }
      for _ in 0..<200 {
        let middle = (low + high) / 2
        if lengthMap(middle) - middle > 0 { low = middle } else { high = middle }
        if high - low <= 1e-14 * high { break }
      }
      return (low + high) / 2
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

  /// E‖g_l‖²/E‖g_L‖² for l = 1…L: the squared back-propagated gradient norm at each layer relative to
  /// the top one, for a batch whose examples start at first-layer variances `firstVariances`.
  ///
  /// Each example follows its own length map from its q₁ (for tanh the gradient factor depends on
  /// q, so an example with a large ‖x‖ saturates more), and its squared gradient norm at layer l is
  /// Π_{k=l}^{L−1} χ_k times its top one; the batch norm sums examples, whose top norms are taken
  /// equal. For ReLU and linear every χ_k is σ_w²·E[φ'²] and this is (σ_w²·E[φ'²])^(L−l).
  /// `firstVariances` may be summarised by quantiles to save time (the map is smooth in q).
  public func squaredGradientRatios(firstVariances: [Double], layers: Int) -> [Double] {
    precondition(layers >= 1 && !firstVariances.isEmpty, "need at least one layer and one example")
    var sums = [Double](repeating: 0, count: layers)
    for q1 in firstVariances {
      let chi = profile(firstVariance: q1, layers: layers).gradientFactor
      var product = 1.0
      sums[layers - 1] += 1
      for l in stride(from: layers - 2, through: 0, by: -1) {
        product *= chi[l]
        sums[l] += product
      }
    }
    return sums.map { $0 / Double(firstVariances.count) }
  }

  /// The σ_w² on the edge of chaos (χ₁ = 1) for a bias variance σ_b², found by bisection.
  ///
  /// tanh: 1 at σ_b² = 0, 1.7610 at σ_b² = 0.05 (docs/theory.md §4). ReLU and linear: 2 and 1, and only
  /// at σ_b² = 0 (their χ₁ does not depend on q, so a bias only moves q*).
  public static func criticalWeightVariance(_ nonlinearity: Activation, biasVariance: Double) -> Double {
    switch nonlinearity {
    case .identity: return 1
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
  /// Gauss–Hermite with 100 nodes for q ≤ 1 (docs/theory.md §4), where it is accurate to 1e-9 for tanh
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
}
