import Numerics
import Testing

import NeuralNet

/// Convolution, pooling and channel batch norm: gradients against finite differences, forward
/// against a direct loop, and Keras' output sizes.
@Suite("Convolutional layers")
struct ConvolutionTests {
  /// Direct cross-correlation of NHWC images, for comparison.
  static func direct(_ conv: Conv2D, _ x: Tensor, padTop: Int, padLeft: Int) -> [Float] {
    let (i, o) = (conv.input, conv.output)
    var out: [Float] = []
    for b in 0..<x.rows {
      for oy in 0..<o.height {
        for ox in 0..<o.width {
          for oc in 0..<o.channels {
            var sum = conv.bias.value.scalars[oc]
            for ky in 0..<conv.kernelHeight {
              for kx in 0..<conv.kernelWidth {
                let iy = oy * conv.stride + ky - padTop
                let ix = ox * conv.stride + kx - padLeft
                guard iy >= 0 && iy < i.height && ix >= 0 && ix < i.width else { continue }
                for c in 0..<i.channels {
                  sum +=
                    x[b, (iy * i.width + ix) * i.channels + c]
                    * conv.weight.value[oc, (ky * conv.kernelWidth + kx) * i.channels + c]
                }
              }
            }
            out.append(sum)
          }
        }
      }
    }
    return out
  }

  @Test(arguments: [
    (Conv2D.Padding.valid, 1, 0, 0), (.valid, 2, 0, 0), (.same, 1, 1, 1), (.same, 2, 1, 1),
  ])
  func convolutionMatchesADirectLoopAndFiniteDifferences(padding: Conv2D.Padding, stride: Int, top: Int, left: Int) {
    var rng = SeededGenerator(seed: 3)
    let conv = Conv2D(
      input: ImageShape(height: 5, width: 5, channels: 2), outChannels: 3, kernel: 3, stride: stride, padding: padding,
      initializer: .heNormal, using: &rng)
    conv.bias.value.scalars = [0.1, -0.2, 0.3]
    let x = GradientCheckTests.randomInput(rows: 2, columns: 50, seed: 4)
    let y = conv.forward(x)
    let expected = Self.direct(conv, x, padTop: top, padLeft: left)
    #expect(y.count == expected.count)
    for (a, b) in zip(y.scalars, expected) { #expect(abs(a - b) < 1e-5) }
    GradientCheckTests.checkLayer(conv, input: x, seed: 5)
  }

  /// Keras' variance of each initializer for a convolution kernel, from its fans
  /// fan_in = kh·kw·in and fan_out = kh·kw·out (`keras.src.initializers._compute_fans`):
  /// glorot 2/(fan_in + fan_out), he 2/fan_in, lecun 1/fan_in, variance scaling s/fan_in; uniform
  /// variants have the same variance as the normal ones (limit² / 3). Orthogonal depends on the
  /// shape only: the kernel flattened to a (kh·kw·in) × out matrix with orthonormal columns has
  /// variance 1/max(kh·kw·in, out).
  @Test(arguments: [
    (Initializer.xavierNormal, "glorot_normal"), (.xavierUniform, "glorot_uniform"), (.heNormal, "he_normal"),
    (.heUniform, "he_uniform"), (.lecunNormal, "lecun_normal"),
    (.scaledNormal(gain2: 3), "variance_scaling(scale=3, mode='fan_in')"), (.orthogonal(gain: 1), "orthogonal"),
  ])
  func convolutionInitVarianceMatchesKeras(initializer: Initializer, kerasName: String) {
    let (kernel, inChannels, outChannels) = (3, 16, 32)
    let fanIn = Double(kernel * kernel * inChannels)
    let fanOut = Double(kernel * kernel * outChannels)
    let keras: Double =
      switch kerasName {
      case "glorot_normal", "glorot_uniform": 2 / (fanIn + fanOut)
      case "he_normal", "he_uniform": 2 / fanIn
      case "lecun_normal": 1 / fanIn
      case "orthogonal": 1 / Double(max(outChannels, kernel * kernel * inChannels))  // the flattened (kh·kw·in, out) kernel
      default: 3 / fanIn
      }
    // Pool several kernels so the sampling error is small: each has 32·144 = 4608 weights.
    var rng = SeededGenerator(seed: 9)
    var values: [Double] = []
    for _ in 0..<8 {
      let conv = Conv2D(
        input: ImageShape(height: 8, width: 8, channels: inChannels), outChannels: outChannels, kernel: kernel,
        initializer: initializer, using: &rng)
      values += conv.weight.value.scalars.map(Double.init)
    }
    let n = Double(values.count)
    let variance = values.map { $0 * $0 }.reduce(0, +) / n
    // Standard error of a second moment: √((E[w⁴] − σ⁴)/n), with E[w⁴] = 3σ⁴ (normal) or 1.8σ⁴ (uniform).
    let kurtosis = kerasName.hasSuffix("uniform") ? 1.8 : 3.0
    let standardError = keras * ((kurtosis - 1) / n).squareRoot()
    #expect(
      abs(variance - keras) <= 4 * standardError,
      "\(kerasName): variance \(variance), Keras \(keras) (±\(4 * standardError))")
  }

  @Test func kerasOutputSizes() {
    var rng = SeededGenerator(seed: 1)
    let valid = Conv2D(
      input: Digits28.shape, outChannels: 32, kernel: 3, initializer: .heNormal, using: &rng)
    #expect(valid.output == ImageShape(height: 26, width: 26, channels: 32))
    let same = Conv2D(
      input: ImageShape(height: 5, width: 7, channels: 1), outChannels: 1, kernel: 3, stride: 2, padding: .same,
      initializer: .heNormal, using: &rng)
    #expect(same.output.height == 3 && same.output.width == 4)
    // An even 4×4 input, 3×3 kernel, stride 2, "same": 2×2 out, one pixel of padding in all, at the
    // bottom/right (TensorFlow's rule), so the top-left output sees input rows/columns 0…2.
    let even = Conv2D(
      input: ImageShape(height: 4, width: 4, channels: 1), weight: Tensor(shape: [1, 9], repeating: 1),
      kernelHeight: 3, kernelWidth: 3, stride: 2, padding: .same)
    let ones = Tensor(shape: [1, 16], repeating: 1)
    #expect(even.forward(ones).scalars == [9, 6, 6, 4])
    #expect(
      MaxPooling(input: ImageShape(height: 5, width: 4, channels: 2)).output
        == ImageShape(height: 2, width: 2, channels: 2))
  }

  @Test func poolingLayersMatchFiniteDifferences() {
    let shape = ImageShape(height: 4, width: 4, channels: 3)
    // Distinct values, so that the maximum of each window is unique under the ±1e-2 step.
    var rng = SeededGenerator(seed: 8)
    let values = (0..<(2 * shape.count)).map { Float($0) * 0.05 }.shuffled(using: &rng)
    let x = Tensor(shape: [2, shape.count], scalars: values)
    GradientCheckTests.checkLayer(MaxPooling(input: shape), input: x, seed: 9)
    GradientCheckTests.checkLayer(GlobalAveragePooling(input: shape), input: x, seed: 10)
    let pooled = GlobalAveragePooling(input: shape).forward(x)
    let channel0 = (0..<16).map { values[$0 * 3] }.reduce(0, +) / 16
    #expect(abs(pooled[0, 0] - channel0) < 1e-5)
    let flat = Flatten(input: shape)
    #expect(flat.forward(x) == x && flat.backward(x) == x)
  }

  /// Max pooling over 11 channels (eight at a time, then three one by one) against a direct loop:
  /// the same maxima, NaN taken wherever it appears in a window (the last one if several), ties
  /// to the first pixel, and the gradient routed to the winning pixel.
  @Test func maxPoolingMatchesADirectLoopWithNaNAndTies() {
    let shape = ImageShape(height: 4, width: 6, channels: 11)
    var rng = SeededGenerator(seed: 21)
    var values = rng.gaussians(count: 3 * shape.count, scale: 1)
    for i in stride(from: 5, to: values.count, by: 37) { values[i] = .nan }
    for i in stride(from: 0, to: values.count, by: 29) { values[i] = 7 }  // ties across windows
    let x = Tensor(shape: [3, shape.count], scalars: values)
    let pool = MaxPooling(input: shape)
    let y = pool.forward(x)
    let g = Tensor(shape: y.shape, scalars: (0..<y.count).map { Float($0 + 1) })
    let dx = pool.backward(g)
    var expected = [Float](repeating: 0, count: y.count)
    var expectedGradient = [Float](repeating: 0, count: x.count)
    let (o, c) = (pool.output, shape.channels)
    for b in 0..<3 {
      for oy in 0..<o.height {
        for ox in 0..<o.width {
          for ch in 0..<c {
            var best = -1
            for dy in 0..<2 {
              for dx in 0..<2 {
                let i = b * shape.count + ((2 * oy + dy) * shape.width + 2 * ox + dx) * c + ch
                if best < 0 || values[i].isNaN || (!values[best].isNaN && values[i] > values[best]) { best = i }
              }
            }
            let out = b * o.count + (oy * o.width + ox) * c + ch
            expected[out] = values[best]
            expectedGradient[best] += g.scalars[out]
          }
        }
      }
    }
    #expect(y.scalars.map(\.bitPattern) == expected.map(\.bitPattern))
    #expect(dx.scalars == expectedGradient)
    #expect(y.scalars.contains { $0.isNaN })
  }

  @Test func channelBatchNormNormalizesEachChannelOverBatchAndPixelsAndMatchesFiniteDifferences() {
    let shape = ImageShape(height: 3, width: 3, channels: 2)
    var x = GradientCheckTests.randomInput(rows: 4, columns: shape.count, seed: 12)
    for i in stride(from: 1, to: x.count, by: 2) { x.scalars[i] = 5 + 3 * x.scalars[i] }  // channel 1: mean 5, std 3
    let bn = ChannelBatchNorm(shape: shape, epsilon: 0)
    let y = bn.forward(x)
    for c in 0..<2 {
      let values = stride(from: c, to: y.count, by: 2).map { Double(y.scalars[$0]) }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
      #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-4, "channel \(c)")
    }
    GradientCheckTests.checkLayer(ChannelBatchNorm(shape: shape), input: x, seed: 13)
  }

  @Test func sequentialReportsConvolutionWeightGradients() {
    var rng = SeededGenerator(seed: 2)
    let shape = ImageShape(height: 6, width: 6, channels: 1)
    let conv = Conv2D(input: shape, outChannels: 4, kernel: 3, initializer: .heNormal, using: &rng)
    let model = Sequential([
      conv, ActivationLayer(.relu), GlobalAveragePooling(input: conv.output),
      Dense(weight: Initializer.xavierNormal.makeWeights(fanOut: 3, fanIn: 4, using: &rng)),
    ])
    let x = GradientCheckTests.randomInput(rows: 5, columns: 36, seed: 3)
    let record = model.measureGradients(input: x, targets: .labels([0, 1, 2, 0, 1]), loss: SoftmaxCrossEntropy())
    let convRecord = record.layers[0]
    #expect(convRecord.kind == .convolution)
    #expect(abs(convRecord.weightGradientNorm! - conv.weight.gradient.norm()) < 1e-9)
    let total = model.parameters.map { $0.gradient.sumOfSquares() }.reduce(0, +).squareRoot()
    #expect(abs(record.globalGradientNorm - total) < 1e-9 * Swift.max(1, total))
  }

  @Test func digitsAt28x28KeepTheLabelsAndTheBorder() throws {
    let constant = Digits28.upsample([Float](repeating: 0.5, count: 64))
    #expect(constant.count == 784)
    for y in 0..<28 {
      for x in 0..<28 {
        let inside = (2..<26).contains(y) && (2..<26).contains(x)
        #expect(constant[y * 28 + x] == (inside ? 0.5 : 0))
      }
    }
    let (train8, _) = try Digits.trainTestSplit(seed: 42)
    let (train28, _) = try Digits28.trainTestSplit(seed: 42)
    #expect(train28.targets == train8.targets && train28.features == 784)
    // Interpolation keeps the ink: the mean of the 24×24 interior is close to the 8×8 mean.
    let mean8 = train8.inputs.scalars[0..<64].reduce(0, +) / 64
    let mean24 = train28.inputs.scalars[0..<784].reduce(0, +) / 576
    #expect(abs(mean8 - mean24) < 0.05)
  }
}
