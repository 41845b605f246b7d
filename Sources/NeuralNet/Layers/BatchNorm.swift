/// Batch normalization of dense activations (Ioffe & Szegedy 2015): per feature j,
///
///     training:   y = γ_j·(x − μ_j)/√(σ_j² + ε) + β_j,  μ_j, σ_j² the batch mean and biased variance;
///     evaluation: the same with the running mean and variance in place of the batch's.
///
/// In training the running statistics are updated as r ← (1 − m)·r + m·(batch value), with the
/// unbiased variance B/(B−1)·σ² for the running variance (the convention of PyTorch, whose
/// `momentum` is this m; Keras's momentum is 1 − m).
///
/// Backward in training, with x̂ = (x − μ)/√(σ² + ε) and g = ∂L/∂y over a batch of B rows:
/// ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g, and
/// ∂L/∂x = γ/(B·√(σ² + ε))·(B·g − Σ g − x̂·Σ(g·x̂)): the batch statistics depend on every row, so
/// the gradient is projected away from the constant and x̂ directions. In evaluation the map is
/// affine and ∂L/∂x = γ·g/√(r_var + ε).
public final class BatchNorm: Layer {
  /// ε and momentum, for builders that insert many batch-norm layers.
  public struct Settings: Sendable, Equatable {
    /// ε added to the variance.
    public var epsilon: Float
    /// The weight of a new batch in the running statistics, in (0, 1].
    public var momentum: Float
    /// Settings with the given ε and momentum.
    public init(epsilon: Float = 1e-5, momentum: Float = 0.1) {
      self.epsilon = epsilon
      self.momentum = momentum
    }
    /// ε = 1e-5, momentum 0.1 (PyTorch's defaults).
    public static let standard = Settings()
  }

  /// The scale γ, `[features]`, initially 1.
  public let gamma: Parameter
  /// The shift β, `[features]`, initially 0.
  public let beta: Parameter
  /// ε added to the variance.
  public let epsilon: Float
  /// The weight m of a new batch in the running statistics, in (0, 1].
  public let momentum: Float
  /// The running mean, used in evaluation.
  public private(set) var runningMean: [Float]
  /// The running (unbiased) variance, used in evaluation.
  public private(set) var runningVariance: [Float]
  /// Whether the layer normalizes with batch statistics (training) or running ones (evaluation).
  public private(set) var isTraining = true

  private var normalized = Tensor(shape: [0, 0])
  private var inverseStd: [Float] = []

  /// A layer over `features` features.
  public init(features: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
    precondition(features > 0, "batch norm needs at least one feature")
    precondition(epsilon >= 0, "ε must not be negative")
    precondition(momentum > 0 && momentum <= 1, "momentum must be in (0, 1]")
    gamma = Parameter(name: "gamma", value: Tensor(shape: [features], scalars: [Float](repeating: 1, count: features)))
    beta = Parameter(name: "beta", value: Tensor(shape: [features]))
    self.epsilon = epsilon
    self.momentum = momentum
    runningMean = [Float](repeating: 0, count: features)
    runningVariance = [Float](repeating: 1, count: features)
  }

  /// A layer over `features` features with `settings`.
  public convenience init(features: Int, settings: Settings) {
    self.init(features: features, epsilon: settings.epsilon, momentum: settings.momentum)
  }

  /// The number of features.
  public var features: Int { gamma.value.count }

  public var kind: LayerKind { .batchNorm }
  public var parameters: [Parameter] { [gamma, beta] }

  public func setTraining(_ training: Bool) { isTraining = training }

  /// The running mean and variance.
  public var state: [Tensor] {
    [Tensor(shape: [features], scalars: runningMean), Tensor(shape: [features], scalars: runningVariance)]
  }

  public func setState(_ tensors: [Tensor]) {
    precondition(
      tensors.count == 2 && tensors.allSatisfy { $0.shape == [features] }, "batch norm state: mean and variance")
    runningMean = tensors[0].scalars
    runningVariance = tensors[1].scalars
  }

  public func forward(_ input: Tensor) -> Tensor {
    let rows = input.rows
    let f = features
    precondition(input.columns == f, "BatchNorm expects \(f) features, got \(input.columns)")
    var mean = [Double](repeating: 0, count: f)
    var variance = [Double](repeating: 0, count: f)
    if isTraining {
      // A batch of one has variance 0: every x̂ is 0 and the output is β. The running statistics
      // are left alone (the unbiased variance is undefined); PyTorch refuses such a batch instead.
      input.scalars.withUnsafeBufferPointer { x in
        mean.withUnsafeMutableBufferPointer { mean in
          variance.withUnsafeMutableBufferPointer { variance in
            BatchNorm.columnMeanAndSquaredDeviations(x, rows: rows, into: mean, variance)
          }
        }
      }
      for j in 0..<f { variance[j] /= Double(rows) }
      for j in 0..<f where rows >= 2 {
        let unbiased = variance[j] * Double(rows) / Double(rows - 1)
        runningMean[j] = (1 - momentum) * runningMean[j] + momentum * Float(mean[j])
        runningVariance[j] = (1 - momentum) * runningVariance[j] + momentum * Float(unbiased)
      }
    } else {
      for j in 0..<f {
        mean[j] = Double(runningMean[j])
        variance[j] = Double(runningVariance[j])
      }
    }
    inverseStd = (0..<f).map { Float(1 / (variance[$0] + Double(epsilon)).squareRoot()) }
    let meanF = mean.map(Float.init)
    var xHat = input
    var output = input
    xHat.scalars.withUnsafeMutableBufferPointer { h in
      output.scalars.withUnsafeMutableBufferPointer { y in
        gamma.value.scalars.withUnsafeBufferPointer { g in
          beta.value.scalars.withUnsafeBufferPointer { b in
            meanF.withUnsafeBufferPointer { meanF in
              inverseStd.withUnsafeBufferPointer { inverseStd in
                for r in 0..<rows {
                  BatchNorm.normalizeRow(
                    h.baseAddress! + r * f, output: y.baseAddress! + r * f, features: f, mean: meanF.baseAddress!,
                    inverseStd: inverseStd.baseAddress!, gamma: g.baseAddress!, beta: b.baseAddress!)
                }
              }
            }
          }
        }
      }
    }
    normalized = xHat
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    let rows = outputGradient.rows
    let f = features
    precondition(rows == normalized.rows, "backward before forward")
    var sumG = [Double](repeating: 0, count: f)
    var sumGX = [Double](repeating: 0, count: f)
    outputGradient.scalars.withUnsafeBufferPointer { g in
      normalized.scalars.withUnsafeBufferPointer { h in
        sumG.withUnsafeMutableBufferPointer { sumG in
          sumGX.withUnsafeMutableBufferPointer { sumGX in
            BatchNorm.columnSums(g, products: h, rows: rows, into: sumG, sumGX)
          }
        }
      }
    }
    gamma.gradient = Tensor(shape: [f], scalars: sumGX.map(Float.init))
    beta.gradient = Tensor(shape: [f], scalars: sumG.map(Float.init))
    // Per feature: γⱼ/σⱼ and, in training mode, the two means; then one row-major pass.
    let n = Float(rows)
    let scale = (0..<f).map { gamma.value.scalars[$0] * inverseStd[$0] }
    let meanG = sumG.map { isTraining ? Float($0) / n : 0 }
    let meanGX = sumGX.map { isTraining ? Float($0) / n : 0 }
    var inputGradient = outputGradient
    inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
      normalized.scalars.withUnsafeBufferPointer { h in
        scale.withUnsafeBufferPointer { scale in
          meanG.withUnsafeBufferPointer { meanG in
            meanGX.withUnsafeBufferPointer { meanGX in
              for r in 0..<rows {
                let row = r * f
                if isTraining {
                  BatchNorm.projectRow(
                    dx.baseAddress! + row, normalized: h.baseAddress! + row, features: f, scale: scale.baseAddress!,
                    meanG: meanG.baseAddress!, meanGX: meanGX.baseAddress!)
                } else {
                  for j in 0..<f { dx[row + j] *= scale[j] }
                }
              }
            }
          }
        }
      }
    }
    return inputGradient
  }

  // MARK: The row-major passes, eight features at a time
  //
  // Each feature's sums run over the rows in order, as a loop per feature would add them, so
  // these give the bits of the plain loops; the lanes only take eight features at once. (The
  // plain loops were 17% of a full batchnorm run under perf, these about 3%.)

  /// Per column j of the `rows × mean.count` matrix x: Σ_r x_rj into `mean`, divided by the rows,
  /// then Σ_r (x_rj − mean_j)² into `variance` (not divided).
  static func columnMeanAndSquaredDeviations(
    _ x: UnsafeBufferPointer<Float>, rows: Int, into mean: UnsafeMutableBufferPointer<Double>,
    _ variance: UnsafeMutableBufferPointer<Double>
  ) {
    let f = mean.count
    let x = x.baseAddress!
    let m = mean.baseAddress!
    let v = variance.baseAddress!
    let wide = f - f % 8
    for r in 0..<rows {
      let row = x + r * f
      var j = 0
      while j < wide {
        store(load(m + j) + SIMD8<Double>(loadFloats(row + j)), m + j)
        j += 8
      }
      while j < f {
        m[j] += Double(row[j])
        j += 1
      }
    }
    for j in 0..<f { m[j] /= Double(rows) }
    for r in 0..<rows {
      let row = x + r * f
      var j = 0
      while j < wide {
        let d = SIMD8<Double>(loadFloats(row + j)) - load(m + j)
        store(load(v + j) + d * d, v + j)
        j += 8
      }
      while j < f {
        let d = Double(row[j]) - m[j]
        v[j] += d * d
        j += 1
      }
    }
  }

  /// Per column j: Σ_r g_rj into `sumG` and Σ_r g_rj·h_rj into `sumGX`, in Double.
  static func columnSums(
    _ g: UnsafeBufferPointer<Float>, products h: UnsafeBufferPointer<Float>, rows: Int,
    into sumG: UnsafeMutableBufferPointer<Double>, _ sumGX: UnsafeMutableBufferPointer<Double>
  ) {
    let f = sumG.count
    let s = sumG.baseAddress!
    let p = sumGX.baseAddress!
    let wide = f - f % 8
    for r in 0..<rows {
      let gRow = g.baseAddress! + r * f
      let hRow = h.baseAddress! + r * f
      var j = 0
      while j < wide {
        let gv = SIMD8<Double>(loadFloats(gRow + j))
        store(load(s + j) + gv, s + j)
        store(load(p + j) + gv * SIMD8<Double>(loadFloats(hRow + j)), p + j)
        j += 8
      }
      while j < f {
        s[j] += Double(gRow[j])
        p[j] += Double(gRow[j]) * Double(hRow[j])
        j += 1
      }
    }
  }

  /// One row of the forward map: x̂ = (x − μ)·(1/σ) in place of x, y = γ·x̂ + β.
  static func normalizeRow(
    _ h: UnsafeMutablePointer<Float>, output y: UnsafeMutablePointer<Float>, features f: Int,
    mean: UnsafePointer<Float>, inverseStd: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
    beta: UnsafePointer<Float>
  ) {
    var j = 0
    while j + 8 <= f {
      let v = (loadFloats(h + j) - loadFloats(mean + j)) * loadFloats(inverseStd + j)
      storeFloats(v, h + j)
      storeFloats(loadFloats(gamma + j) * v + loadFloats(beta + j), y + j)
      j += 8
    }
    while j < f {
      let v = (h[j] - mean[j]) * inverseStd[j]
      h[j] = v
      y[j] = gamma[j] * v + beta[j]
      j += 1
    }
  }

  /// One row of the training-mode backward map: dx = (γ/σ)·(g − mean(g) − x̂·mean(g·x̂)), in place of g.
  static func projectRow(
    _ dx: UnsafeMutablePointer<Float>, normalized h: UnsafePointer<Float>, features f: Int,
    scale: UnsafePointer<Float>, meanG: UnsafePointer<Float>, meanGX: UnsafePointer<Float>
  ) {
    var j = 0
    while j + 8 <= f {
      let value =
        loadFloats(scale + j)
        * (loadFloats(dx + j) - loadFloats(meanG + j) - loadFloats(h + j) * loadFloats(meanGX + j))
      storeFloats(value, dx + j)
      j += 8
    }
    while j < f {
      dx[j] = scale[j] * (dx[j] - meanG[j] - h[j] * meanGX[j])
      j += 1
    }
  }

  @inline(__always) private static func load(_ p: UnsafeMutablePointer<Double>) -> SIMD8<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
  }
  @inline(__always) private static func store(_ v: SIMD8<Double>, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Double>.self)
  }
  @inline(__always) private static func loadFloats(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }
  @inline(__always) private static func loadFloats(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }
  @inline(__always) private static func storeFloats(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }
}
