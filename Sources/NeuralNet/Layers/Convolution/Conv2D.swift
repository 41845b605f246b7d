/// A 2-D convolution (cross-correlation, as in every deep-learning library) over NHWC images,
/// computed as im2col + one `cblas_sgemm`:
///
///     cols[(b, oy, ox), (ky, kx, c)] = x[b, oy·s + ky − padTop, ox·s + kx − padLeft, c]  (0 outside)
///     y[(b, oy, ox), o] = Σ_k cols[(b, oy, ox), k]·W[o, k] + bias[o]
///
/// so y = cols·Wᵀ is already the NHWC output. Backward: ∂L/∂W = Gᵀ·cols, ∂L/∂b = Σ_rows G,
/// ∂L/∂cols = G·W, scattered back into ∂L/∂x by col2im. Padding "valid" uses no padding; "same"
/// pads like TensorFlow/Keras: out = ⌈in/stride⌉, the odd pixel of padding at the bottom/right.
/// W is `[outChannels, kh·kw·inChannels]`, fan-in kh·kw·inChannels.
public final class Conv2D: WeightedLayer {
  /// Keras' two padding modes.
  public enum Padding: String, Sendable, CaseIterable {
    /// No padding: out = ⌊(in − k)/stride⌋ + 1.
    case valid
    /// Zero padding so that out = ⌈in/stride⌉.
    case same
  }

  /// The kernel, `[outChannels, kernelHeight·kernelWidth·inChannels]`.
  public let weight: Parameter
  /// One bias per output channel.
  public let bias: Parameter
  /// The input image shape.
  public let input: ImageShape
  /// The output image shape.
  public let output: ImageShape
  /// Kernel rows.
  public let kernelHeight: Int
  /// Kernel columns.
  public let kernelWidth: Int
  /// The step between two output pixels.
  public let stride: Int
  /// The padding mode.
  public let padding: Padding
  private let padTop: Int
  private let padLeft: Int
  private var cachedColumns = Tensor(shape: [0, 0])
  private var cachedBatch = 0

  /// A convolution of `input` images with `weight` `[outChannels, kh·kw·inChannels]` and a zero bias.
  public init(
    input: ImageShape, weight: Tensor, kernelHeight: Int, kernelWidth: Int, stride: Int = 1, padding: Padding = .valid
  ) {
    precondition(kernelHeight > 0 && kernelWidth > 0 && stride > 0, "kernel and stride must be positive")
    precondition(
      weight.shape.count == 2 && weight.columns == kernelHeight * kernelWidth * input.channels,
      "Conv2D weight must be [out, \(kernelHeight)·\(kernelWidth)·\(input.channels)], got \(weight.shape)")
    let (outHeight, top) = Self.outputSize(input.height, kernelHeight, stride, padding)
    let (outWidth, left) = Self.outputSize(input.width, kernelWidth, stride, padding)
    precondition(outHeight > 0 && outWidth > 0, "the kernel is larger than the \(input) image")
    self.input = input
    self.output = ImageShape(height: outHeight, width: outWidth, channels: weight.rows)
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.stride = stride
    self.padding = padding
    self.padTop = top
    self.padLeft = left
    self.weight = Parameter(name: "weight", value: weight)
    self.bias = Parameter(name: "bias", value: Tensor(shape: [weight.rows]))
  }

  /// A convolution with weights drawn by `initializer` (fan-in kh·kw·inChannels, fan-out
  /// kh·kw·outChannels, as Keras counts them).
  public convenience init(
    input: ImageShape, outChannels: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
    initializer: Initializer, using rng: inout SeededGenerator
  ) {
    let field = kernel * kernel
    let weights = initializer.makeWeights(
      rows: outChannels, columns: field * input.channels, fanIn: field * input.channels,
      fanOut: field * outChannels, using: &rng)
    self.init(
      input: input, weight: weights, kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding)
  }

  /// (output size, padding before) along one axis.
  static func outputSize(_ size: Int, _ kernel: Int, _ stride: Int, _ padding: Padding) -> (Int, Int) {
    switch padding {
    case .valid:
      return (size >= kernel ? (size - kernel) / stride + 1 : 0, 0)
    case .same:
      let out = (size + stride - 1) / stride
      let total = Swift.max((out - 1) * stride + kernel - size, 0)
      return (out, total / 2)
    }
  }

  public var kind: LayerKind { .convolution }
  public var biasParameter: Parameter? { bias }
  public var parameters: [Parameter] { [weight, bias] }

  public func forward(_ x: Tensor) -> Tensor {
    cachedBatch = input.images(in: x, layer: "Conv2D")
    cachedColumns = im2col(x)
    var y = Tensor.matmul(cachedColumns, weight.value, transposeB: true)  // [B·P, out]
    y.addToEveryRow(bias.value)
    return y.reshaped([x.rows, output.count])
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    let g = backwardToWeights(outputGradient)
    return col2im(Tensor.matmul(g, weight.value))
  }

  /// ∂L/∂W = Gᵀ·cols and ∂L/∂b = Σ_rows G, without ∂L/∂x (the G·W product and col2im).
  public func backwardToParameters(_ outputGradient: Tensor) {
    _ = backwardToWeights(outputGradient)
  }

  /// Sets ∂L/∂W and ∂L/∂b and returns G as `[batch·outPixels, outChannels]`.
  private func backwardToWeights(_ outputGradient: Tensor) -> Tensor {
    precondition(
      outputGradient.rows == cachedBatch && outputGradient.columns == output.count, "backward before forward")
    let g = outputGradient.reshaped([cachedBatch * output.pixels, output.channels])
    weight.gradient.assignMatmul(g, cachedColumns, transposeA: true)
    bias.gradient = g.columnSums()
    return g
  }

  /// The im2col matrix `[batch·outPixels, kh·kw·inChannels]`.
  ///
  /// For one output pixel and one kernel row ky, the kw·c entries of the row are the kw
  /// consecutive input pixels (ix₀ … ix₀ + kw − 1, whatever the stride) with their c channels,
  /// which are consecutive in NHWC too: each is one copy of a span, zeros where it leaves the
  /// image. (Copying pixel by pixel spent more time in `memmove` calls than in the data.)
  private func im2col(_ x: Tensor) -> Tensor {
    let span = kernelWidth * input.channels
    return Tensor(shape: [x.rows * output.pixels, kernelHeight * span]) { cols in
      x.scalars.withUnsafeBufferPointer { source in
        let (from, to) = (source.baseAddress!, cols.baseAddress!)
        forEachSpan(batch: x.rows) { column, pixel in
          Self.copy(from + pixel, to: to + column, count: span)
        } edge: { column, pixel, first, last in
          let target = to + column
          guard let pixel, first < last else {
            Self.fill(target, count: span)
            return
          }
          Self.fill(target, count: first)
          Self.copy(from + pixel + first, to: target + first, count: last - first)
          Self.fill(target + last, count: span - last)
        }
      }
    }
  }

  /// Scatters ∂L/∂cols back to ∂L/∂x (adding where receptive fields overlap), one span of kw·c
  /// values per output pixel and kernel row, as `im2col` gathered them.
  private func col2im(_ dCols: Tensor) -> Tensor {
    let span = kernelWidth * input.channels
    var dx = Tensor(shape: [cachedBatch, input.count])
    dx.scalars.withUnsafeMutableBufferPointer { target in
      dCols.scalars.withUnsafeBufferPointer { cols in
        let (from, to) = (cols.baseAddress!, target.baseAddress!)
        forEachSpan(batch: cachedBatch) { column, pixel in
          Self.add(from + column, to: to + pixel, count: span)
        } edge: { column, pixel, first, last in
          guard let pixel, first < last else { return }
          Self.add(from + column + first, to: to + pixel + first, count: last - first)
        }
      }
    }
    return dx
  }

  /// Walks the im2col layout that `im2col` fills and `col2im` reads, in the order batch, output
  /// row, kernel row, output column: for each span of kw·c values, `column` is its offset in the
  /// im2col matrix and `pixel` the offset in the batch of NHWC images of the input pixel it starts
  /// at (ix₀ = ox·s − padLeft). A span wholly inside the image goes to `inside`; one that leaves
  /// it goes to `edge`, with [first, last) the part inside (`pixel` nil when the kernel row lies
  /// above or below the image, and then ix₀ may lie left of it).
  ///
  /// col2im adds into each input value in the order of (output row, output column): for one
  /// output row an input row is reached through one kernel row only, so this is the order of
  /// walking kernel rows innermost. The index arithmetic wraps (`&+`, `&*`): every offset is
  /// below the tensors' counts, and the overflow checks cost more than the copies of short spans.
  @inline(__always)
  private func forEachSpan(
    batch: Int, inside: (_ column: Int, _ pixel: Int) -> Void,
    edge: (_ column: Int, _ pixel: Int?, _ first: Int, _ last: Int) -> Void
  ) {
    let (h, w, c) = (input.height, input.width, input.channels)
    let (oh, ow) = (output.height, output.width)
    let (kh, kw, s) = (kernelHeight, kernelWidth, stride)
    let span = kw &* c
    let rowLength = kh &* span
    for b in 0..<batch {
      for oy in 0..<oh {
        for ky in 0..<kh {
          let iy = oy &* s &+ ky &- padTop
          let start = (b &* oh &+ oy) &* ow &* rowLength &+ ky &* span
          guard iy >= 0 && iy < h else {
            for ox in 0..<ow { edge(start &+ ox &* rowLength, nil, 0, 0) }
            continue
          }
          let sourceRow = (b &* h &+ iy) &* w &* c
          for ox in 0..<ow {
            let ix0 = ox &* s &- padLeft
            let column = start &+ ox &* rowLength
            if ix0 >= 0 && ix0 &+ kw <= w {
              inside(column, sourceRow &+ ix0 &* c)
            } else {
              let first = Swift.max(0, -ix0) &* c
              let last = Swift.min(kw, w &- ix0) &* c
              edge(column, sourceRow &+ ix0 &* c, first, last)
            }
          }
        }
      }
    }
  }

  /// `vector(i)` for i = 0, 8, 16, … while eight values remain, then `scalar(i)` for the rest:
  /// the spans are short (kw·c values), so a loop beats a `memmove`/`memset` call.
  @inline(__always)
  private static func eightLanes(_ count: Int, vector: (Int) -> Void, scalar: (Int) -> Void) {
    var i = 0
    while i &+ 8 <= count {
      vector(i)
      i &+= 8
    }
    while i < count {
      scalar(i)
      i &+= 1
    }
  }

  /// Writes `count` zeros.
  @inline(__always)
  private static func fill(_ target: UnsafeMutablePointer<Float>, count: Int) {
    eightLanes(count) {
      UnsafeMutableRawPointer(target + $0).storeBytes(of: .zero, as: SIMD8<Float>.self)
    } scalar: {
      target[$0] = 0
    }
  }

  /// Copies `count` values.
  @inline(__always)
  private static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    eightLanes(count) {
      let v = UnsafeRawPointer(source + $0).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(target + $0).storeBytes(of: v, as: SIMD8<Float>.self)
    } scalar: {
      target[$0] = source[$0]
    }
  }

  /// Adds `count` values into `target`.
  @inline(__always)
  private static func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    eightLanes(count) {
      let v = UnsafeRawPointer(source + $0).loadUnaligned(as: SIMD8<Float>.self)
      let t = UnsafeRawPointer(target + $0).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(target + $0).storeBytes(of: t + v, as: SIMD8<Float>.self)
    } scalar: {
      target[$0] += source[$0]
    }
  }
}
