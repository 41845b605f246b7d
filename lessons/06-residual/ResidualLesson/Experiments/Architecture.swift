import NeuralNet

/// The digit classifiers compared in lesson 6, each with `depth` weight layers between the input
/// projection and the readout (a two-layer residual block counts as two). Every one has the same
/// Xavier-normal readout (`readout`), so that a comparison differs in the skips and the
/// normalization alone.
package enum Architecture: String, Sendable, CaseIterable {
  /// A plain ReLU MLP with He init.
  case plain = "plain"
  /// Two-layer residual blocks x + α·W₂ReLU(W₁x) with α = 1/√blocks, no normalization.
  case residual = "residual, α = 1/√L"
  /// A plain MLP with batch norm before every ReLU.
  case batchNorm = "BN only"
  /// Pre-activation residual blocks x + W·ReLU(BN(x)).
  case batchNormResidual = "BN + residual"
  /// Two-layer residual blocks with α = 1 and the standard init.
  case residualUnscaled = "residual, α = 1"
  /// Two-layer residual blocks with α = 1 and Fixup's init.
  case fixup = "Fixup"
  /// Two-layer residual blocks with a learnable α starting at 0.
  case skipInit = "SkipInit (α = 0, learned)"

  /// The readout's init, shared by every architecture.
  package static let readout = Initializer.xavierNormal

  /// A fresh digit classifier (64 inputs, 10 classes) with `depth` weight layers of `width` units.
  package func make(depth: Int, width: Int, seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    let blocks = Swift.max(depth / 2, 1)
    switch self {
    case .plain:
      return MLP.make(
        inputs: Digits.pixels, width: width, depth: depth, outputs: Digits.classes, activation: .relu,
        initializer: .heNormal, readoutInitializer: Self.readout, using: &rng)
    case .batchNorm:
      return MLP.make(
        inputs: Digits.pixels, width: width, depth: depth, outputs: Digits.classes, activation: .relu,
        initializer: .heNormal, readoutInitializer: Self.readout, batchNorm: .standard, using: &rng)
    case .batchNormResidual:
      return ResidualMLP.make(
        inputs: Digits.pixels, width: width, blocks: depth, outputs: Digits.classes, activation: .relu,
        initializer: .heNormal, readoutInitializer: Self.readout, batchNorm: .standard, using: &rng)
    case .residual, .residualUnscaled, .fixup, .skipInit:
      let scale: Residual.Scale =
        switch self {
        case .residual: .fixed(Float(1 / Double(blocks).squareRoot()))
        case .skipInit: .learnable(initial: 0)
        default: .fixed(1)
        }
      return TwoLayerResidualMLP.make(
        inputs: Digits.pixels, width: width, blocks: blocks, outputs: Digits.classes, scale: scale,
        initialization: self == .fixup ? .fixup : .standard, using: &rng)
    }
  }
}
