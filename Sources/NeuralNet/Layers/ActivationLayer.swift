import Nonlinearity

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
    cachedOutput = Self.apply(activation, to: input)
    return cachedOutput
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    precondition(outputGradient.shape == cachedOutput.shape, "backward before forward")
    return Self.backward(activation, outputGradient, output: cachedOutput)
  }

  /// ReLU sums its output as it writes it (`VectorMath.reluMoments`: the statistics are those of
  /// `Sequential.summarize`, bit for bit, without a second read of the output); other
  /// nonlinearities use the two passes.
  public func forwardSummarized(_ input: Tensor) -> (output: Tensor, summary: TensorSummary) {
    guard activation == .relu, !input.scalars.isEmpty else { return forwardThenSummary(input) }
    var moments = (sum: 0.0, sumOfSquares: 0.0, atOrBelowLow: 0, atOrAboveHigh: 0)
    cachedOutput = Tensor(shape: input.shape) { out in
      input.scalars.withUnsafeBufferPointer { moments = VectorMath.reluMoments($0, into: out, low: 0, high: .infinity) }
    }
    return (cachedOutput, TensorSummary(moments: moments, count: input.scalars.count))
  }

  /// ReLU sums the squares of its input gradient as it writes it (`VectorMath.reluBackwardSquares`:
  /// the bits of `backward` then `norm()`); other nonlinearities use the two passes.
  public func backwardWithNorm(_ outputGradient: Tensor) -> (inputGradient: Tensor, norm: Double) {
    guard activation == .relu else { return backwardThenNorm(outputGradient) }
    precondition(outputGradient.shape == cachedOutput.shape, "backward before forward")
    var squares = 0.0
    let gradient = Tensor(shape: outputGradient.shape) { out in
      outputGradient.scalars.withUnsafeBufferPointer { g in
        cachedOutput.scalars.withUnsafeBufferPointer {
          squares = VectorMath.reluBackwardSquares(g, output: $0, into: out)
        }
      }
    }
    return (gradient, squares.squareRoot())
  }

  /// φ(h) elementwise.
  public static func apply(_ activation: Activation, to input: Tensor) -> Tensor {
    Tensor(shape: input.shape) { out in
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
  }

  /// ∂L/∂h = φ'(h) ⊙ ∂L/∂y from the output y = φ(h): for ReLU y > 0 ? g : 0, for tanh g·(1 − y²),
  /// for the sigmoid g·y·(1 − y), for the identity g.
  public static func backward(_ activation: Activation, _ outputGradient: Tensor, output: Tensor) -> Tensor {
    precondition(outputGradient.shape == output.shape, "the gradient and the output differ in shape")
    if activation == .identity { return outputGradient }
    return Tensor(shape: outputGradient.shape) { out in
      outputGradient.scalars.withUnsafeBufferPointer { g in
        output.scalars.withUnsafeBufferPointer { y in
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
