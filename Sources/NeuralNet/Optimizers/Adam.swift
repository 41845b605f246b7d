import RealModule

/// Adam (Kingma & Ba 2015, Algorithm 1), with Keras' defaults as the documents use it:
///
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²,
///     m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),   θ ← θ − η·m̂/(√v̂ + ε).
///
/// Every step moves each coordinate by about η at most, whatever the gradient's size: Adam rescales
/// the gradient per coordinate, which is why it tolerates badly scaled gradients better than SGD
/// (and why an exploding gradient shows up in m and v rather than in the step length).
public final class Adam: Optimizer {
  /// The step size η (Keras: 0.001).
  public let learningRate: Float
  /// β₁ (0.9).
  public let beta1: Float
  /// β₂ (0.999).
  public let beta2: Float
  /// ε (Keras: 1e-7; PyTorch and the paper: 1e-8).
  public let epsilon: Float
  /// Updates applied so far (t).
  public private(set) var steps = 0
  private var moments: [ObjectIdentifier: (m: [Float], v: [Float])] = [:]

  /// Adam with the given hyper-parameters.
  public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
    precondition(
      learningRate > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0, "invalid Adam settings")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public func update(_ parameters: [Parameter]) {
    steps += 1
    let t = Double(steps)
    let correction1 = Float(1 - Double.pow(Double(beta1), t))
    let correction2 = Float(1 - Double.pow(Double(beta2), t))
    let (b1, b2, lr, eps) = (beta1, beta2, learningRate, epsilon)
    for p in parameters {
      let key = ObjectIdentifier(p)
      // Taken out of the dictionary while updated, so that writing to them copies nothing.
      var state =
        moments.removeValue(forKey: key)
        ?? ([Float](repeating: 0, count: p.value.count), [Float](repeating: 0, count: p.value.count))
      p.gradient.scalars.withUnsafeBufferPointer { g in
        p.value.scalars.withUnsafeMutableBufferPointer { theta in
          state.m.withUnsafeMutableBufferPointer { m in
            state.v.withUnsafeMutableBufferPointer { v in
              VectorMath.adamUpdate(
                theta: theta, gradient: g, m: m, v: v, beta1: b1, beta2: b2, correction1: correction1,
                correction2: correction2, learningRate: lr, epsilon: eps)
            }
          }
        }
      }
      moments[key] = state
    }
  }
}
