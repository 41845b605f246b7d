/// Max pooling over non-overlapping `size`×`size` windows (Keras `MaxPooling2D` with its default
/// stride = size and "valid" padding: a leftover row or column is dropped). Backward routes
/// ∂L/∂y to the input pixel that was the maximum of its window (the first one on ties).
public final class MaxPooling: Layer {
  /// The input image shape.
  public let input: ImageShape
  /// The output image shape.
  public let output: ImageShape
  /// The window side.
  public let size: Int
  private var argmax: [Int] = []
  private var cachedBatch = 0

  /// Pooling of `input` images over `size`×`size` windows.
  public init(input: ImageShape, size: Int = 2) {
    precondition(size >= 1 && input.height >= size && input.width >= size, "pool size \(size) does not fit \(input)")
    self.input = input
    self.size = size
    output = ImageShape(height: input.height / size, width: input.width / size, channels: input.channels)
  }

  public var kind: LayerKind { .pooling }
  public var parameters: [Parameter] { [] }

  public func forward(_ x: Tensor) -> Tensor {
    precondition(x.columns == input.count, "MaxPooling expects \(input) images, got \(x.columns) values")
    cachedBatch = x.rows
    let (w, c) = (input.width, input.channels)
    let (oh, ow) = (output.height, output.width)
    let s = size
    var indices = [Int](repeating: 0, count: x.rows * output.count)
    let y = Tensor(shape: [x.rows, output.count]) { out in
      x.scalars.withUnsafeBufferPointer { source in
        indices.withUnsafeMutableBufferPointer { indices in
          for b in 0..<x.rows {
            let base = b * input.count
            for oy in 0..<oh {
              for ox in 0..<ow {
                for ch in 0..<c {
                  var best = base + ((oy * s) * w + ox * s) * c + ch
                  for dy in 0..<s {
                    for dx in 0..<s {
                      let i = base + ((oy * s + dy) * w + ox * s + dx) * c + ch
                      // NaN never wins a comparison; keep it visible by taking it.
                      if source[i] > source[best] || source[i].isNaN { best = i }
                    }
                  }
                  let o = b * output.count + (oy * ow + ox) * c + ch
                  out[o] = source[best]
                  indices[o] = best
                }
              }
            }
          }
        }
      }
    }
    argmax = indices
    return y
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    precondition(
      outputGradient.rows == cachedBatch && outputGradient.columns == output.count, "backward before forward")
    var dx = Tensor(shape: [cachedBatch, input.count])
    dx.scalars.withUnsafeMutableBufferPointer { dx in
      outputGradient.scalars.withUnsafeBufferPointer { g in
        argmax.withUnsafeBufferPointer { argmax in
          for (o, i) in argmax.enumerated() { dx[i] += g[o] }
        }
      }
    }
    return dx
  }
}
