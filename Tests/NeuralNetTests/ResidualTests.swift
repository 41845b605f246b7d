import Testing

import NeuralNet

/// Residual blocks with fixed and learnable α, and the (1 + α²)^L growth at init (docs/theory.md §9).
@Suite("Residual blocks")
struct ResidualTests {
  @Test(arguments: [Float(0), 0.7])
  func learnableAlphaMatchesFiniteDifferences(initial: Float) {
    var rng = SeededGenerator(seed: 21)
    let block = Residual(
      [
        Dense(weight: Initializer.heNormal.makeWeights(fanOut: 3, fanIn: 3, using: &rng)), ActivationLayer(.tanh),
        Dense(weight: Initializer.heNormal.makeWeights(fanOut: 3, fanIn: 3, using: &rng)),
      ], scale: .learnable(initial: initial))
    #expect(block.parameters.last?.name == "alpha" && block.alpha == initial)
    GradientCheckTests.checkLayer(block, input: GradientCheckTests.randomInput(rows: 4, columns: 3, seed: 22), seed: 23)
  }

  /// ‖x_L‖²/‖x_0‖² through L blocks x + α·W₂·ReLU(W₁x), averaged over a batch of wide inputs.
  static func growth(alpha: Float, blocks: Int, seed: UInt64) -> Double {
    var rng = SeededGenerator(seed: seed)
    let width = 512
    let model = TwoLayerResidualMLP.make(
      inputs: width, width: width, blocks: blocks, outputs: 2, scale: .fixed(alpha), using: &rng)
    let x = GradientCheckTests.randomInput(rows: 64, columns: width, seed: seed &+ 1)
    #expect(TwoLayerResidualMLP.blocks(of: model).count == blocks)
    #expect(TwoLayerResidualMLP.blocks(of: model).allSatisfy { $0 is Residual })
    let start = TwoLayerResidualMLP.stem(of: model).reduce(x) { $1.forward($0) }
    var h = start
    for layer in TwoLayerResidualMLP.blocks(of: model) { h = layer.forward(h) }
    return h.sumOfSquares() / start.sumOfSquares()
  }

  @Test func blocksGrowTheSquaredNormByOnePlusAlphaSquaredPerBlock() {
    // α = 1: 2^10 = 1024; α = 1/√L: (1 + 1/L)^L = 2.594 at L = 10; α = 0: exactly 1.
    let cases: [(Float, Double)] = [(1, 1024), (Float(1 / 10.0.squareRoot()), 2.5937)]
    for (alpha, predicted) in cases {
      // Each network's ratio is a product of 10 random factors; hold the mean over 8 networks to
      // three standard errors of that spread (and at least 5%).
      let ratios = (1...8).map { Self.growth(alpha: alpha, blocks: 10, seed: UInt64($0)) }
      let mean = ratios.reduce(0, +) / Double(ratios.count)
      let sd = (ratios.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(ratios.count - 1)).squareRoot()
      let tolerance = Swift.max(0.05, 3 * sd / Double(ratios.count).squareRoot() / mean)
      #expect(abs(mean / predicted - 1) < tolerance, "α = \(alpha): \(mean) vs \(predicted) (±\(tolerance))")
    }
    #expect(Self.growth(alpha: 0, blocks: 10, seed: 1) == 1)
  }

  @Test func fixupAndSkipInitStartAsTheIdentity() {
    var rng = SeededGenerator(seed: 5)
    let fixup = TwoLayerResidualMLP.make(
      inputs: 6, width: 8, blocks: 4, outputs: 3, scale: .fixed(1), initialization: .fixup, using: &rng)
    let skip = TwoLayerResidualMLP.make(
      inputs: 6, width: 8, blocks: 4, outputs: 3, scale: .learnable(initial: 0), using: &rng)
    let x = GradientCheckTests.randomInput(rows: 5, columns: 6, seed: 6)
    for model in [fixup, skip] {
      let entry = model.layers[1].forward(model.layers[0].forward(x))
      var h = entry
      for layer in model.layers[2..<6] { h = layer.forward(h) }
      #expect(h == entry)
    }
    // Fixup's readout is zero, so its outputs are zero at init; its first branch layer is scaled by 1/√L.
    #expect(fixup.forward(x).scalars.allSatisfy { $0 == 0 })
  }
}
