import RealModule

/// A layer applying an `Activation` elementwise: y = φ(h).
public final class ActivationLayer: Layer {
  /// The nonlinearity.
  public let activation: Activation
  private var cachedOutput = Tensor(shape: [0])

  /// A layer applying `activation`.
  public init(_ activation: Activation) {
    self.activation = activation
  }

  public var kind: LayerKind { .activation(activation) }
  public var parameters: [Parameter] { [] }

  public func forward(_ input: Tensor) -> Tensor {
    let activation = self.activation
    let output = Tensor(shape: input.shape) { out in
      input.scalars.withUnsafeBufferPointer { x in
        switch activation {
        case .relu:
          for i in 0..<x.count { out[i] = x[i] > 0 ? x[i] : (x[i].isNaN ? x[i] : 0) }
        case .tanh:
          for i in 0..<x.count { out[i] = Float.tanh(x[i]) }
        case .sigmoid:
          for i in 0..<x.count { out[i] = 1 / (1 + Float.exp(-x[i])) }
        case .identity:
          _ = out.initialize(from: x)
        }
      }
    }
    cachedOutput = output
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    precondition(outputGradient.shape == cachedOutput.shape, "backward before forward")
    if activation == .identity { return outputGradient }
    let activation = self.activation
    return Tensor(shape: outputGradient.shape) { out in
      outputGradient.scalars.withUnsafeBufferPointer { g in
        cachedOutput.scalars.withUnsafeBufferPointer { y in
          switch activation {
          case .relu:
            for i in 0..<g.count { out[i] = y[i] > 0 ? g[i] : 0 }
          case .tanh:
            for i in 0..<g.count { out[i] = g[i] * (1 - y[i] * y[i]) }
          case .sigmoid:
            for i in 0..<g.count { out[i] = g[i] * y[i] * (1 - y[i]) }
          case .identity:
            _ = out.initialize(from: g)
          }
        }
      }
    }
  }
}
