import Theory

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

  public func forward(_ input: Tensor) -> Tensor {
    let activation = self.activation
    let output = Tensor(shape: input.shape) { out in
      input.scalars.withUnsafeBufferPointer { x in
        switch activation {
        case .relu:
          VectorMath.relu(x, into: out)
        case .tanh:
          VectorMath.tanh(x, into: out)
        case .sigmoid:
          VectorMath.sigmoid(x, into: out)
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
            VectorMath.reluBackward(g, output: y, into: out)
          case .tanh:
            VectorMath.tanhBackward(g, output: y, into: out)
          case .sigmoid:
            VectorMath.sigmoidBackward(g, output: y, into: out)
          case .identity:
            _ = out.initialize(from: g)
          }
        }
      }
    }
  }
}
