import Foundation
import NeuralNet
import Testing
import Theory

/// The storage formats of mixed precision, against their definition (IEEE 754-2008; Kalamkar et
/// al. 2019 for BFloat16), and GradScaler's rule for dynamic loss scaling.
@Suite("Number formats and loss scaling")
struct PrecisionTests {
  /// The nearest number of `format` to `x` by the definition, found apart from `round`: the two
  /// numbers of the format around x (bit patterns one step apart) and the nearer of them, a tie
  /// going to the one whose last significand bit is 0; past the largest finite number the next
  /// value is the one an unbounded exponent would give, and choosing it means ±∞.
  static func nearest(_ x: Float, in format: NumberFormat) -> Float {
    switch format {
    case .float32: return x
    case .float16:
      // Float16's neighbours of x, enumerated from the Float16 bit patterns.
      let magnitude = Double(abs(x))
      var low: UInt16 = 0
      var high: UInt16 = 0x7C00  // +∞
      while high - low > 1 {  // the largest pattern whose value is ≤ |x|
        let middle = low + (high - low) / 2
        if Double(Float16(bitPattern: middle)) <= magnitude { low = middle } else { high = middle }
      }
      let below = Float16(bitPattern: low)
      let above = Float16(bitPattern: low + 1)
      let chosen: Float16
      if Double(below) == magnitude {
        chosen = below
      } else if above.isInfinite {
        // Past the largest finite: ∞ from the midpoint to the next binade's first value on.
        let limit = Double(Float16.greatestFiniteMagnitude) + Double(Float16.greatestFiniteMagnitude.ulp) / 2
        chosen = magnitude >= limit ? .infinity : below
      } else {
        let down = magnitude - Double(below)
        let up = Double(above) - magnitude
        chosen = down < up ? below : up < down ? above : (low & 1 == 0 ? below : above)
      }
      return x.sign == .minus ? -Float(chosen) : Float(chosen)
    case .bfloat16:
      let bits = x.bitPattern & 0x7FFF_FFFF
      let below = Float(bitPattern: bits & 0xFFFF_0000)
      let above = Float(bitPattern: (bits & 0xFFFF_0000) &+ 0x1_0000)
      let magnitude = Double(abs(x))
      // Past the largest finite number the next value is 2¹²⁸ (spacing 2¹²⁰), which rounds to ∞.
      let aboveValue = above.isInfinite ? Double(below) + 0x1p120 : Double(above)
      let down = magnitude - Double(below)
      let up = aboveValue - magnitude
      let evenBelow = (bits >> 16) & 1 == 0
      let chosen = down < up ? below : up < down ? above : (evenBelow ? below : above)
      return x.sign == .minus ? -chosen : chosen
    }
  }

  @Test func theFormatsLimitsAreTheirDefinitions() {
    #expect(NumberFormat.float16.largestFinite == 65504)
    #expect(NumberFormat.float16.largestFinite == Double(Float16.greatestFiniteMagnitude))
    #expect(NumberFormat.float16.smallestNormal == Double(Float16.leastNormalMagnitude))
    #expect(NumberFormat.float16.smallestSubnormal == Double(Float16.leastNonzeroMagnitude))
    #expect(NumberFormat.float32.largestFinite == Double(Float.greatestFiniteMagnitude))
    #expect(NumberFormat.float32.smallestNormal == Double(Float.leastNormalMagnitude))
    #expect(NumberFormat.float32.smallestSubnormal == Double(Float.leastNonzeroMagnitude))
    // BFloat16 is the top half of a Float32: its limits are bit patterns.
    #expect(NumberFormat.bfloat16.largestFinite == Double(Float(bitPattern: 0x7F7F_0000)))
    #expect(NumberFormat.bfloat16.smallestNormal == Double(Float(bitPattern: 0x0080_0000)))
    #expect(NumberFormat.bfloat16.smallestSubnormal == Double(Float(bitPattern: 0x0001_0000)))
    #expect(NumberFormat.allCases.map(\.unitRoundoff) == [0x1p-24, 0x1p-11, 0x1p-8])
    // Rounding gives 0 at or below the flush threshold and ∞ at or above the overflow threshold,
    // and neither one step inside them.
    #expect(NumberFormat.float16.flushThreshold == 0x1p-25 && NumberFormat.float16.overflowThreshold == 65520)
    for format in [NumberFormat.float16, .bfloat16] {
      let flush = Float(format.flushThreshold)
      let overflow = Float(format.overflowThreshold)
      #expect(format.round(flush) == 0 && format.round(flush.nextUp) == Float(format.smallestSubnormal), "\(format)")
      #expect(format.round(overflow).isInfinite && format.round(overflow.nextDown).isFinite, "\(format)")
    }
  }

  /// Edge cases of rounding to BFloat16: exact values, ties to even, the carry into the exponent,
  /// overflow to ∞, subnormals, signed zero and NaN.
  @Test func bfloat16RoundsToNearestEvenOnEdgeCases() {
    let round = NumberFormat.bfloat16.round
    #expect(round(1) == 1 && round(-2.5) == -2.5 && round(0x1.fep0) == 0x1.fep0)
    #expect(round(1 + 0x1p-8) == 1)  // halfway, to the even neighbour 1
    #expect(round(1 + 0x1p-7 + 0x1p-8) == 1 + 0x1p-6)  // halfway between 1 + 2⁻⁷ (odd) and 1 + 2⁻⁶
    #expect(round(1 + 0x1p-8 + 0x1p-20) == 1 + 0x1p-7)  // just past halfway: up
    #expect(round(0x1.ffp0) == 2)  // carries into the exponent
    #expect(round(Float(bitPattern: 0x7F7F_0000)) == Float(bitPattern: 0x7F7F_0000))
    #expect(round(Float(bitPattern: 0x7F7F_7FFF)) == Float(bitPattern: 0x7F7F_0000))  // below the midpoint
    #expect(round(Float(bitPattern: 0x7F7F_8000)) == .infinity)  // the midpoint, odd below: up to ∞
    #expect(round(-.greatestFiniteMagnitude) == -.infinity)
    #expect(round(.infinity) == .infinity)
    #expect(round(Float(bitPattern: 0x0001_8000)) == Float(bitPattern: 0x0002_0000))  // subnormal tie to even
    #expect(round(Float(bitPattern: 0x0000_8000)) == 0)  // half the smallest subnormal: to even, 0
    let negativeZero = round(-0.0)
    #expect(negativeZero == 0 && negativeZero.sign == .minus)
    #expect(round(.nan).isNaN && round(-.nan).isNaN && round(-.nan).sign == .minus)
  }

  /// Over 200,000 values spread over every binade (normal, subnormal, past the largest finite
  /// number) and both signs, `round` gives the nearest number of the format by the definition.
  @Test(arguments: [NumberFormat.float16, .bfloat16])
  func roundingMatchesTheDefinitionOnALargeSample(format: NumberFormat) {
    var generator = SeededGenerator(seed: 7)
    var mismatches: [String] = []
    var sample: [Float] = [65504, 65519.99, 65520, -65520, 0x1p-24, 0x1p-25, 0x1.000002p-25, 0x1.8p-24, 0, -0.0]
    for _ in 0..<200_000 {
      let exponent = Float.random(in: -140...128, using: &generator)
      let magnitude = Float(pow(2, Double(exponent)))
      let x = Bool.random(using: &generator) ? magnitude : -magnitude
      if x.isFinite { sample.append(x) }
    }
    // A tensor is rounded by another path (Float16: the CPU's conversion instructions, where it
    // has them): both are held to the definition, sign of zero included.
    let tensor = format.rounded(Tensor(shape: [sample.count], scalars: sample)).scalars
    for (x, fromTensor) in zip(sample, tensor) {
      let want = Self.nearest(x, in: format)
      for got in [format.round(x), fromTensor] where got.bitPattern != want.bitPattern && mismatches.count < 5 {
        mismatches.append("\(x): \(got), definition \(want)")
      }
    }
    #expect(mismatches.isEmpty, "\(format.name): \(mismatches)")
    let special = format.rounded(Tensor(shape: [3], scalars: [.infinity, -.infinity, .nan])).scalars
    #expect(special[0] == .infinity && special[1] == -.infinity && special[2].isNaN)
  }

  /// The largest relative rounding error over values in the normal range is the unit roundoff
  /// 2⁻ᵖ, reached within 1%: rounding to nearest loses at most half a spacing.
  @Test(arguments: NumberFormat.allCases)
  func theLargestRelativeErrorIsTheUnitRoundoff(format: NumberFormat) {
    var generator = SeededGenerator(seed: 11)
    var largest = 0.0
    for _ in 0..<100_000 {
      let x = Float.random(in: 1..<2, using: &generator) * 4
      largest = max(largest, abs(Double(format.round(x)) - Double(x)) / Double(x))
    }
    if format == .float32 {
      #expect(largest == 0)
    } else {
      #expect(largest <= format.unitRoundoff && largest > 0.99 * format.unitRoundoff, "\(format.name): \(largest)")
    }
  }

  /// Float16 overflows where Float32 and BFloat16 do not, and flushes what BFloat16 keeps.
  @Test func float16sRangeEndsWhereTheOthersGoOn() {
    #expect(NumberFormat.float16.round(70000).isInfinite)
    #expect(NumberFormat.bfloat16.round(70000) == 70144)  // 1.00010001011…₂·2¹⁶ rounds up to 1.0001001₂·2¹⁶
    #expect(NumberFormat.float16.round(1e-8) == 0)
    #expect(NumberFormat.bfloat16.round(1e-8) > 0)
    let tensor = Tensor(shape: [3], scalars: [1e-8, 1, 7e4])
    #expect(NumberFormat.float16.rounded(tensor).scalars == [0, 1, .infinity])
    #expect(NumberFormat.float32.rounded(tensor) == tensor)
  }

  /// GradScaler's rule on a sequence of steps, by hand: growth after `growthInterval` good steps
  /// in a row, back-off and a skipped step on an overflow, the count reset by either.
  @Test func theLossScalerFollowsGradScalersRule() {
    var scaler = LossScaler(scale: 1024, growthInterval: 3)
    let overflows = [false, false, true, false, false, false, false, true, true, false]
    let decisions = overflows.map { scaler.update(foundNonFinite: $0) }
    #expect(decisions.map { $0 == .skip } == overflows)
    // 1024 → (overflow) 512 → (3 good) 1024 → (overflow, overflow) 512, 256; one good step since.
    #expect(scaler.scale == 256 && scaler.goodSteps == 1 && scaler.skippedSteps == 3)
    var defaults = LossScaler()
    #expect(defaults.scale == 65536)
    for _ in 0..<1999 { _ = defaults.update(foundNonFinite: false) }
    #expect(defaults.scale == 65536)
    _ = defaults.update(foundNonFinite: false)
    #expect(defaults.scale == 131072 && defaults.goodSteps == 0)
  }

  // MARK: Mixed-precision steps

  /// A ReLU net (He init) and 64 digits, built the same way for every call.
  static func net(seed: UInt64 = 5) throws -> (Sequential, Dataset) {
    var rng = SeededGenerator(seed: seed)
    let model = MLP.make(
      inputs: 64, width: 32, depth: 4, outputs: 10, activation: .relu, initializer: .heNormal, using: &rng)
    return (model, try Digits.load().subset(0..<64))
  }

  static func gradients(_ model: Sequential) -> [[Float]] { model.parameters.map(\.gradient.scalars) }

  /// In Float32, a mixed-precision step is the ordinary step: bit for bit with a scale of 1, and
  /// with a power-of-two scale (exact in binary arithmetic) too.
  @Test func inFloat32TheStepIsTheOrdinaryOneWithOrWithoutAPowerOfTwoScale() throws {
    let (model, digits) = try Self.net()
    let loss = SoftmaxCrossEntropy()
    let reference = model.computeGradients(input: digits.inputs, targets: digits.targets, loss: loss)
    let expected = Self.gradients(model)
    for scale: Float in [1, 0x1p12] {
      let step = model.computeMixedPrecisionGradients(
        input: digits.inputs, targets: digits.targets, loss: loss, storage: .float32, lossScale: scale)
      #expect(step.loss == reference && !step.foundNonFinite)
      #expect(Self.gradients(model) == expected, "scale \(scale)")
    }
  }

  /// Cross-entropy multiplied by 2⁻²⁰, as the loss of a nearly trained net is small: every
  /// gradient is 2²⁰ times smaller than cross-entropy's.
  struct ShrunkLoss: Loss {
    var name: String { "cross-entropy × 2⁻²⁰" }
    func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor) {
      var (value, gradient) = SoftmaxCrossEntropy().evaluate(output, targets)
      gradient.scale(by: 0x1p-20)
      return (value * 0x1p-20, gradient)
    }
  }

  /// With a loss 2²⁰ times smaller, the gradients reaching the first layer are about 1e-9:
  /// stored in Float16 without scaling, nearly all of them underflow to zero; with S = 2¹⁶ they
  /// come back within 1% of the Float32 gradient. A scale of 2³⁰ on cross-entropy
  /// itself overflows Float16 (a skipped step) and neither Float32 nor BFloat16.
  @Test func lossScalingBringsBackTheGradientsFloat16Flushes() throws {
    let (model, digits) = try Self.net()
    let loss = ShrunkLoss()
    model.computeGradients(input: digits.inputs, targets: digits.targets, loss: loss)
    let exact = model.parameters[0].gradient
    func relativeError(_ g: Tensor) -> Double {
      zip(g.scalars, exact.scalars).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +).squareRoot()
        / exact.norm()
    }
    let unscaled = model.computeMixedPrecisionGradients(
      input: digits.inputs, targets: digits.targets, loss: loss, storage: .float16)
    #expect(
      unscaled.zeroShare[0] > 0.9 && relativeError(model.parameters[0].gradient) > 0.9, "\(unscaled.zeroShare[0])")
    let scaled = model.computeMixedPrecisionGradients(
      input: digits.inputs, targets: digits.targets, loss: loss, storage: .float16, lossScale: 0x1p16)
    let zeroInFloat32 = Double(exact.scalars.filter { $0 == 0 }.count) / Double(exact.count)
    #expect(scaled.zeroShare[0] < zeroInFloat32 + 0.01 && !scaled.foundNonFinite, "\(scaled.zeroShare[0])")
    #expect(relativeError(model.parameters[0].gradient) < 0.01)
    for format in NumberFormat.allCases {
      let huge = model.computeMixedPrecisionGradients(
        input: digits.inputs, targets: digits.targets, loss: SoftmaxCrossEntropy(), storage: format, lossScale: 0x1p30)
      #expect(huge.foundNonFinite == (format == .float16), "\(format.name)")
    }
  }

  // MARK: Training in mixed precision

  /// In Float32 without scaling, mixed-precision training is `Trainer`'s SGD: the same losses and
  /// the same weights, bit for bit.
  @Test func inFloat32WithoutScalingItIsTrainersSGD() throws {
    let (plain, digits) = try Self.net()
    let (mixed, _) = try Self.net()
    let reference = Trainer.train(
      plain, on: digits, loss: SoftmaxCrossEntropy(), schedule: .constant(0.1), steps: 20, batchSize: 16, batchSeed: 3)
    let history = MixedPrecisionTrainer.train(
      mixed, on: digits, loss: SoftmaxCrossEntropy(), schedule: .constant(0.1), steps: 20, batchSize: 16, batchSeed: 3,
      storage: .float32, scaling: .none)
    #expect(history.steps.map(\.loss) == reference.steps.map(\.loss))
    #expect(mixed.parameterVector == plain.parameterVector)
  }

  /// Dynamic scaling from S = 2³⁰ in Float16: a step is skipped exactly when its scaled gradient
  /// overflowed, each skip halves S and nothing else changes it (the growth interval is longer
  /// than the run); the first steps overflow one after another until S·g fits (11 of them, to
  /// S = 2¹⁹, on the Zen kernel), a few more skips come later as the gradient's size varies, and
  /// the net trains.
  @Test func dynamicScalingSkipsTheStepsThatOverflowAndBacksOff() throws {
    let (model, digits) = try Self.net()
    let history = MixedPrecisionTrainer.train(
      model, on: digits, loss: SoftmaxCrossEntropy(), schedule: .constant(0.1), steps: 60, batchSize: 16,
      batchSeed: 3, storage: .float16, scaling: .dynamic(LossScaler(scale: 0x1p30, growthInterval: 1000)))
    let steps = history.steps
    #expect(history.nonFiniteStep == nil && steps.count == 60)
    for (step, next) in zip(steps, steps.dropFirst()) {
      #expect(step.skipped == !step.gradientNorm.isFinite)
      #expect(next.scale == (step.skipped ? step.scale / 2 : step.scale))
    }
    let firstTaken = try #require(steps.firstIndex { !$0.skipped })
    #expect(firstTaken >= 8 && steps[firstTaken].scale == 0x1p30 / pow(2, Double(firstTaken)))
    #expect(history.skippedCount < 20)
    let last = steps.suffix(10).map(\.loss).reduce(0, +) / 10
    #expect(last < steps[firstTaken].loss - 0.3, "first \(steps[firstTaken].loss), last \(last)")
  }

  /// A net whose forward pass overflows Float16 whatever the scale (N(0, 1) weights, 20 ReLU
  /// layers of 256): every step is skipped and halves S, which the overflow check cannot tell
  /// from a scale too large; S reaches 0 in Float32 after 2¹⁶ has been halved 166 times (below
  /// 2⁻¹⁴⁹, the smallest subnormal) and the run stops there instead of dividing by 0.
  @Test func aScaleHalvedOnEveryStepVanishesAndTheRunStops() throws {
    var rng = SeededGenerator(seed: 3)
    let model = MLP.make(
      inputs: 64, width: 256, depth: 20, outputs: 10, activation: .relu, initializer: .naive, using: &rng)
    let history = MixedPrecisionTrainer.train(
      model, on: try Digits.load().subset(0..<64), loss: SoftmaxCrossEntropy(), schedule: .constant(0.1), steps: 300,
      batchSize: 16, batchSeed: 3, storage: .float16, scaling: .dynamic(LossScaler()))
    #expect(history.steps.allSatisfy(\.skipped) && history.steps.allSatisfy { !$0.loss.isFinite })
    #expect(history.scaleVanishedStep == 166 && history.steps.count == 166 && history.nonFiniteStep == nil)
    #expect(history.steps.last?.scale == 0x1p16 * pow(2, -165))
  }

  /// Clipping at τ after unscaling applies min(‖g‖, τ); clipping the scaled gradient applies
  /// min(‖g‖, τ/S), here 1024 times smaller.
  @Test func clippingTheScaledGradientClipsTheTrueOneAtTauOverS() throws {
    let tau = 0.5
    for order in [MixedPrecisionTrainer.ClipOrder.afterUnscaling, .beforeUnscaling] {
      let (model, digits) = try Self.net()
      let history = MixedPrecisionTrainer.train(
        model, on: digits, loss: SoftmaxCrossEntropy(), schedule: .constant(0.1), steps: 10, batchSize: 16,
        batchSeed: 3, storage: .float32, scaling: .fixed(1024), clipNorm: tau, clipOrder: order)
      let limit = order == .afterUnscaling ? tau : tau / 1024
      for step in history.steps {
        let expected = min(step.gradientNorm, limit)
        #expect(abs(step.appliedNorm - expected) <= 1e-5 * expected, "\(order): \(step.appliedNorm), \(expected)")
      }
      #expect(history.steps.contains { $0.gradientNorm > tau })
    }
  }

  // MARK: Overflow sooner

  /// Lesson 1's naive net (N(0, 1) weights, ReLU, width 256, 64 digits) with its activations
  /// stored in each format: the first hidden layer holding ±∞ is the one `RangeOverflow` predicts
  /// for the format's largest value from E[h²]'s growth of width/2 per layer (docs/theory.md §1),
  /// within one layer (measured: exactly, at layer 5 in Float16 and 37 in Float32 and BFloat16).
  @Test(arguments: NumberFormat.allCases)
  func theNaiveNetOverflowsAtTheLayerPredictedForTheFormat(format: NumberFormat) throws {
    var rng = SeededGenerator(seed: 3)
    let width = 256
    let model = MLP.make(
      inputs: 64, width: width, depth: 50, outputs: 10, activation: .relu, initializer: .naive, bias: false,
      using: &rng)
    let batch = try Digits.load().subset(0..<64)
    var x = format.rounded(batch.inputs)
    var hidden = 0
    var firstInfinite: Int?
    for layer in model.layers.dropLast() {
      x = format.rounded(layer.forward(x))
      guard layer is Dense else { continue }
      hidden += 1
      if firstInfinite == nil && x.scalars.contains(where: { !$0.isFinite }) { firstInfinite = hidden }
    }
    let range = RangeOverflow(largestFinite: format.largestFinite)
    let predicted = range.firstLayerWithOverflowingValue(
      initialMeanSquare: batch.inputs.sumOfSquares() / Double(batch.count),
      growth: PlainNetworkTheory.squaredGrowthPerLayer(.relu, gain2: Double(width)), valuesPerLayer: 64 * width)
    let measured = try #require(firstInfinite, "\(format.name): no overflow in 50 layers")
    #expect(abs(measured - predicted) <= 1, "\(format.name): measured \(measured), predicted \(predicted)")
    #expect(format == .float16 ? measured <= 6 : measured >= 30, "\(format.name): \(measured)")
  }

  // MARK: Underflow, predicted from a log-normal fit

  /// On 100,000 magnitudes whose logs are N(−10, 2²), the fit recovers μ and σ within five
  /// standard errors, its shares below e^(μ−σ), e^μ and e^(μ+2σ) match the sample's within five
  /// binomial standard errors, and the scale it proposes leaves exactly the asked share below.
  @Test func aLogNormalFitPredictsTheShareBelowAThreshold() throws {
    var rng = SeededGenerator(seed: 17)
    let n = 100_000
    let logs = (0..<n).map { _ in
      -10 + 2 * (-2 * Double.log(Double.random(in: Double.ulpOfOne..<1, using: &rng))).squareRoot()
        * Double.cos(2 * Double.pi * Double.random(in: 0..<1, using: &rng))
    }
    let values = logs.map { Float(Double.exp($0)) }
    let fit = try #require(LogNormalFit(values))
    #expect(
      abs(fit.mu + 10) < 5 * 2 / Double(n).squareRoot() && abs(fit.sigma - 2) < 5 * 2 / Double(2 * n).squareRoot())
    for z in [-1.0, 0, 2] {
      let threshold = Double.exp(fit.mu + z * fit.sigma)
      let sample = Double(values.filter { Double($0) < threshold }.count) / Double(n)
      let predicted = fit.shareBelow(threshold)
      #expect(abs(sample - predicted) < 5 * (predicted * (1 - predicted) / Double(n)).squareRoot(), "z = \(z)")
    }
    let scale = fit.scaleKeeping(allBut: 0.01, above: 0x1p-24)
    #expect(abs(fit.shareBelow(0x1p-24 / scale) - 0.01) < 1e-9)
  }

  /// The first layer's weight gradient of the net with a loss 2²⁰ times smaller, stored in
  /// Float16: the share of its nonzero entries flushed to zero is 1 without scaling and falls
  /// with every larger S, below 0.5% at S = 2¹⁶. (A log-normal fit of the Float32 gradient
  /// predicts 91% at S = 1, 33% at 2⁴ and 1.3% at 2⁸ where 100%, 26% and 2.9% are flushed: the
  /// gradients flowing back through the layers are stored in Float16 too, and flush first.)
  @Test func theShareFloat16FlushesFallsWithTheScale() throws {
    let (model, digits) = try Self.net()
    let loss = ShrunkLoss()
    model.computeGradients(input: digits.inputs, targets: digits.targets, loss: loss)
    let exact = model.parameters[0].gradient.scalars
    let exactZeros = Double(exact.filter { $0 == 0 }.count) / Double(exact.count)
    let flushed = [Float(1), 0x1p4, 0x1p8, 0x1p12, 0x1p16].map { scale in
      let step = model.computeMixedPrecisionGradients(
        input: digits.inputs, targets: digits.targets, loss: loss, storage: .float16, lossScale: scale)
      return (step.zeroShare[0] - exactZeros) / (1 - exactZeros)
    }
    #expect(flushed[0] == 1 && zip(flushed, flushed.dropFirst()).allSatisfy { $0 > $1 }, "\(flushed)")
    #expect(flushed[4] < 0.005, "\(flushed)")
  }
}
