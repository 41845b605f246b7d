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

  public func forward(_ x: Tensor) -> Tensor {
    cachedBatch = input.images(in: x, layer: "MaxPooling")
    let (w, c) = (input.width, input.channels)
    let (oh, ow) = (output.height, output.width)
    let s = size
    var indices = [Int](repeating: 0, count: x.rows * output.count)
    let y = Tensor(shape: [x.rows, output.count]) { out in
      x.scalars.withUnsafeBufferPointer { source in
        indices.withUnsafeMutableBufferPointer { indices in
          // Wrapping index arithmetic: every offset is below the counts, and the overflow checks
          // cost more than the comparisons.
          for b in 0..<x.rows {
            for oy in 0..<oh {
              for ox in 0..<ow {
                Self.window(
                  source, corner: b &* input.count &+ ((oy &* s) &* w &+ ox &* s) &* c, size: s,
                  rowLength: w &* c, channels: c, into: out, indices,
                  at: b &* output.count &+ (oy &* ow &+ ox) &* c)
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

  /// The maximum of one size×size window for every channel, and where it was: `corner` is the
  /// offset of the window's top-left pixel, `rowLength` the offset from one image row to the
  /// next, `at` the offset of the window's output pixel.
  ///
  /// Eight channels at a time: compare and select lane by lane (which value is largest is a coin
  /// toss that a branch predictor cannot learn), remembering the offset of the winning pixel; the
  /// same rule one channel at a time for the rest. NaN never wins a comparison; it is kept
  /// visible by taking it.
  @inline(__always)
  private static func window(
    _ source: UnsafeBufferPointer<Float>, corner: Int, size s: Int, rowLength: Int, channels c: Int,
    into out: UnsafeMutableBufferPointer<Float>, _ indices: UnsafeMutableBufferPointer<Int>, at o: Int
  ) {
    var ch = 0
    while ch &+ 8 <= c {
      let first = corner &+ ch
      var value = load(source, first)
      var shiftWon = SIMD8<Int32>(repeating: 0)
      for dy in 0..<s {
        for dx in 0..<s {
          let shift: Int = dy &* rowLength &+ dx &* c
          let candidate = load(source, first &+ shift)
          let takes: SIMDMask<SIMD8<Int32>> = (candidate .> value) .| (candidate .!= candidate)
          value.replace(with: candidate, where: takes)
          shiftWon.replace(with: Int32(truncatingIfNeeded: shift), where: takes)
        }
      }
      UnsafeMutableRawPointer(out.baseAddress! + (o &+ ch)).storeBytes(of: value, as: SIMD8<Float>.self)
      for lane in 0..<8 { indices[o &+ ch &+ lane] = first &+ lane &+ Int(shiftWon[lane]) }
      ch &+= 8
    }
    while ch < c {
      var best = corner &+ ch
      for dy in 0..<s {
        for dx in 0..<s {
          let i = corner &+ dy &* rowLength &+ dx &* c &+ ch
          if source[i] > source[best] || source[i].isNaN { best = i }
        }
      }
      out[o &+ ch] = source[best]
      indices[o &+ ch] = best
      ch &+= 1
    }
  }

  /// Eight consecutive values from `offset`.
  @inline(__always)
  private static func load(_ source: UnsafeBufferPointer<Float>, _ offset: Int) -> SIMD8<Float> {
    UnsafeRawPointer(source.baseAddress! + offset).loadUnaligned(as: SIMD8<Float>.self)
  }
}
