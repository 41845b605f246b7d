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
            for r in 0..<rows {
              for j in 0..<f { mean[j] += Double(x[r * f + j]) }
            }
            for j in 0..<f { mean[j] /= Double(rows) }
            for r in 0..<rows {
              for j in 0..<f {
                let d = Double(x[r * f + j]) - mean[j]
                variance[j] += d * d
              }
            }
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
                  for j in 0..<f {
                    let v = (h[r * f + j] - meanF[j]) * inverseStd[j]
                    h[r * f + j] = v
                    y[r * f + j] = g[j] * v + b[j]
                  }
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
            for r in 0..<rows {
              for j in 0..<f {
                sumG[j] += Double(g[r * f + j])
                sumGX[j] += Double(g[r * f + j]) * Double(h[r * f + j])
              }
            }
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
                  for j in 0..<f { dx[row + j] = scale[j] * (dx[row + j] - meanG[j] - h[row + j] * meanGX[j]) }
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
}
