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
          ActivationLayer.reluForward(x, into: out)
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
            ActivationLayer.reluBackward(g, output: y, into: out)
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

  /// y = max(x, 0), eight lanes at a time; NaN stays NaN (it must propagate to be detected).
  static func reluForward(_ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
    let n = x.count
    var i = 0
    let zero = SIMD8<Float>.zero
    while i + 8 <= n {
      let v = UnsafeRawPointer(x.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
      // v .< 0 is false for NaN, so NaN lanes keep their value.
      UnsafeMutableRawPointer(out.baseAddress! + i).storeBytes(
        of: v.replacing(with: zero, where: v .< zero), as: SIMD8<Float>.self)
      i += 8
    }
    while i < n {
      out[i] = x[i] < 0 ? 0 : x[i]
      i += 1
    }
  }

  /// ∂L/∂h = ∂L/∂y · [y > 0], eight lanes at a time.
  static func reluBackward(
    _ g: UnsafeBufferPointer<Float>, output y: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>
  ) {
    let n = g.count
    var i = 0
    let zero = SIMD8<Float>.zero
    while i + 8 <= n {
      let gv = UnsafeRawPointer(g.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
      let yv = UnsafeRawPointer(y.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(out.baseAddress! + i).storeBytes(
        of: zero.replacing(with: gv, where: yv .> zero), as: SIMD8<Float>.self)
      i += 8
    }
    while i < n {
      out[i] = y[i] > 0 ? g[i] : 0
      i += 1
    }
  }
}
