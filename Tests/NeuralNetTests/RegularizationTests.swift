import Testing

import NeuralNet

/// Dropout, weight decay and shifted digits against their definitions.
@Suite("Regularization and augmentation")
struct RegularizationTests {
  /// Inverted dropout keeps each unit with probability 1 − p, scaled by 1/(1 − p): the kept share
  /// is 1 − p within sampling error, the mean is preserved, backward applies the same mask, and
  /// evaluation is the identity.
  @Test func dropoutKeepsOneMinusPScaledAndBackwardUsesTheSameMask() {
    let p = 0.25
    let layer = Dropout(rate: p, using: SeededGenerator(seed: 7, stream: "dropout test"))
    let n = 40_000
    let input = Tensor(shape: [200, n / 200], scalars: (0..<n).map { Float($0 % 7) + 1 })
    let output = layer.forward(input)
    let kept = zip(output.scalars, input.scalars).filter { $0.0 != 0 }
    // Binomial(n, 0.75): standard deviation √(n·p·(1 − p)) ≈ 87; allow 5 of them.
    #expect(abs(Double(kept.count) - (1 - p) * Double(n)) < 5 * (Double(n) * p * (1 - p)).squareRoot())
    #expect(kept.allSatisfy { abs($0.0 - $0.1 / Float(1 - p)) < 1e-5 })
    let gradient = layer.backward(Tensor(shape: input.shape, repeating: 1))
    #expect(zip(gradient.scalars, output.scalars).allSatisfy { ($0.0 == 0) == ($0.1 == 0) })
    #expect(gradient.scalars.allSatisfy { $0 == 0 || abs($0 - Float(1 / (1 - p))) < 1e-6 })
    // A fresh mask per call, and none in evaluation.
    #expect(layer.forward(input) != output)
    layer.setTraining(false)
    #expect(layer.forward(input) == input && layer.backward(input) == input)
  }

  /// An MLP with dropout: the mask of a forward pass is the one backward differentiates, so with
  /// the mask held fixed (one draw, replayed by reseeding) the gradient matches finite differences.
  @Test func anMLPWithDropoutHasTheGradientOfItsMaskedNet() {
    func model() -> Sequential {
      var rng = SeededGenerator(seed: 3)
      return MLP.make(
        inputs: 5, width: 8, depth: 2, outputs: 3, activation: .tanh, initializer: .heNormal,
        dropout: (0.3, 11), using: &rng)
    }
    var rng = SeededGenerator(seed: 4)
    let input = Tensor(shape: [6, 5], scalars: rng.gaussians(count: 30, scale: 1))
    let targets = Targets.labels([0, 1, 2, 0, 1, 2])
    let net = model()
    #expect(net.layers.filter { $0.kind == .dropout }.count == 2)
    #expect(net.readableLayerNames.contains("the dropout after hidden layer 2"))
    net.computeGradients(input: input, targets: targets, loss: SoftmaxCrossEntropy())
    let weight = net.denseLayers[0].weight
    let indices = [0, 7, 19, 33]
    // Each evaluation rebuilds the net with the same weights and dropout seed: the same masks.
    let numeric = FiniteDifference.gradient(of: weight, step: 1e-2, indices: indices) {
      let fresh = model()
      fresh.denseLayers[0].weight.value = weight.value
      return SoftmaxCrossEntropy().evaluate(fresh.forward(input), targets).value
    }
    for (i, expected) in zip(indices, numeric) {
      #expect(abs(Double(weight.gradient.scalars[i]) - expected) < 2e-3 * max(1, abs(expected)), "w[\(i)]")
    }
  }

  /// SGD with weight decay λ: θ ← θ − η·(g + λ·θ), with a zero gradient θ·(1 − η·λ).
  @Test func weightDecayShrinksEachParameterByOneMinusEtaLambdaBeforeTheStep() {
    let p = Parameter(name: "w", value: Tensor(shape: [3], scalars: [2, -1, 0.5]))
    p.gradient = Tensor(shape: [3], scalars: [0.5, 0, -1])
    SGD(learningRate: 0.1, weightDecay: 0.2).update([p])
    for (value, expected) in zip(p.value.scalars, [2 - 0.1 * (0.5 + 0.2 * 2), -1 * (1 - 0.02), 0.5 - 0.1 * (-1 + 0.1)])
    {
      #expect(abs(Double(value) - expected) < 1e-6)
    }
  }

  /// Each shifted copy moves every pixel of an 8×8 digit by one place with zeros shifted in, the
  /// originals first and the labels repeated.
  @Test func shiftedCopiesMoveEveryPixelByOneWithZerosShiftedIn() throws {
    let digits = try Digits.load().subset(0..<20)
    let augmented = digits.withShiftedCopies(side: 8)
    #expect(augmented.count == 5 * digits.count)
    #expect(augmented.targets == digits.targets.gathering((0..<100).map { $0 % 20 }))
    for (copy, shift) in Dataset.onePixelShifts.enumerated() {
      for example in [0, 13] {
        let row = (copy + 1) * digits.count + example
        for y in 0..<8 {
          for x in 0..<8 {
            let (fromY, fromX) = (y - shift.rows, x - shift.columns)
            let expected =
              (0..<8).contains(fromY) && (0..<8).contains(fromX) ? digits.inputs[example, fromY * 8 + fromX] : 0
            #expect(augmented.inputs[row, y * 8 + x] == expected)
          }
        }
      }
    }
    #expect(augmented.subset(0..<20) == digits)
  }
}

/// Santurkar et al.'s noise layer against its definition.
@Suite("Distribution noise")
struct DistributionNoiseTests {
  /// y = s·x + m per unit, with s and m in their ranges, the same for every row; backward scales by
  /// s; `resample()` makes the upcoming draw current, which `appliesUpcoming` showed beforehand;
  /// evaluation is the identity.
  @Test func noiseScalesAndShiftsEachUnitAndResamplesOnlyWhenAsked() {
    let layer = DistributionNoise(
      features: 4, scaleSpread: 0.5, shiftSpread: 1, using: SeededGenerator(seed: 2, stream: "noise test"))
    let input = Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) - 5 })
    #expect(layer.forward(input) == input)  // s = 1, m = 0 before the first draw
    layer.appliesUpcoming = true
    let upcoming = layer.forward(input)
    layer.appliesUpcoming = false
    layer.resample()
    let output = layer.forward(input)
    #expect(output == upcoming && layer.forward(input) == output)
    #expect(layer.scales.allSatisfy { (0.5...1.5).contains($0) } && layer.shifts.allSatisfy { (-1...1).contains($0) })
    for row in 0..<3 {
      for j in 0..<4 {
        #expect(abs(output[row, j] - (layer.scales[j] * input[row, j] + layer.shifts[j])) < 1e-6)
      }
    }
    let gradient = layer.backward(Tensor(shape: [3, 4], repeating: 2))
    #expect((0..<12).allSatisfy { gradient.scalars[$0] == 2 * layer.scales[$0 % 4] })
    layer.resample()
    #expect(layer.forward(input) != output)
    layer.setTraining(false)
    #expect(layer.forward(input) == input)
  }
}
