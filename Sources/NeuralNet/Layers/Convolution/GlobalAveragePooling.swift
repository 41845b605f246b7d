/// Global average pooling (Keras `GlobalAveragePooling2D`): the mean of each channel over all
/// pixels, `[batch, H·W·C]` (NHWC) → `[batch, C]`. Backward spreads ∂L/∂y_c equally:
/// ∂L/∂x_{p,c} = ∂L/∂y_c / (H·W).
public final class GlobalAveragePooling: Layer {
  /// The input image shape.
  public let input: ImageShape
  private var cachedBatch = 0

  /// Pooling over `input` images.
  public init(input: ImageShape) { self.input = input }

  public var kind: LayerKind { .pooling }

  public func forward(_ x: Tensor) -> Tensor {
    cachedBatch = input.images(in: x, layer: "GlobalAveragePooling")
    let (p, c) = (input.pixels, input.channels)
    let scale = 1 / Float(p)
    var y = Tensor(shape: [x.rows, c])
    // Wrapping index arithmetic (every offset is below the counts): with overflow checks the
    // compiler does not vectorize the channel loop. Each channel still sums its pixels in order.
    y.scalars.withUnsafeMutableBufferPointer { out in
      x.scalars.withUnsafeBufferPointer { source in
        for b in 0..<x.rows {
          let image = source.baseAddress! + b &* p &* c
          let row = out.baseAddress! + b &* c
          for pixel in 0..<p {
            let values = image + pixel &* c
            for ch in 0..<c { row[ch] += values[ch] }
          }
          for ch in 0..<c { row[ch] *= scale }
        }
      }
    }
    return y
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    precondition(
      outputGradient.rows == cachedBatch && outputGradient.columns == input.channels, "backward before forward")
    let (p, c) = (input.pixels, input.channels)
    let scale = 1 / Float(p)
    return Tensor(shape: [cachedBatch, input.count]) { dx in
      outputGradient.scalars.withUnsafeBufferPointer { g in
        for b in 0..<cachedBatch {
          let row = g.baseAddress! + b &* c
          for pixel in 0..<p {
            let target = dx.baseAddress! + (b &* p &+ pixel) &* c
            for ch in 0..<c { target[ch] = row[ch] * scale }
          }
        }
      }
    }
  }
}
