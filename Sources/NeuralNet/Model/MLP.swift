import Nonlinearity

/// Builders for plain multilayer perceptrons: `depth` hidden blocks Dense(width) → φ, then a
/// linear readout Dense(outputs).
public enum MLP {
  /// A plain MLP with weights drawn by `initializer` from `rng`; biases are zero, or drawn
  /// N(0, σ_b²) in the hidden layers when `biasStd` = σ_b is positive (the mean-field setting of
  /// docs/theory.md §4; the readout bias stays zero).
  ///
  /// Depth counts hidden blocks: depth 50 means 50 Dense+φ blocks and a 51st, linear, readout layer.
  /// With `batchNorm` settings each block is Dense → BatchNorm → φ (normalization before the nonlinearity,
  /// as in Ioffe & Szegedy 2015 and Yang et al. 2019), and the hidden dense layers have no bias.
  /// With `dropout` each block ends in a `Dropout` layer of that rate (Srivastava et al. 2014),
  /// hidden layer l's masks drawn from the stream "dropout after hidden layer l" of its seed.
  public static func make(
    inputs: Int, width: Int, depth: Int, outputs: Int, activation: Activation,
    initializer: Initializer, readoutInitializer: Initializer? = nil, bias: Bool = true,
    biasStd: Double = 0, batchNorm: BatchNorm.Settings? = nil, dropout: (rate: Double, seed: UInt64)? = nil,
    using rng: inout SeededGenerator
  ) -> Sequential {
    precondition(depth >= 0 && width > 0 && inputs > 0 && outputs > 0, "invalid MLP sizes")
    precondition(biasStd >= 0 && (bias || biasStd == 0), "a bias std needs bias: true")
    var layers: [any Layer] = []
    var fanIn = inputs
    for layer in 0..<depth {
      let weight = initializer.makeWeights(fanOut: width, fanIn: fanIn, using: &rng)
      // With batch norm after the dense layer a bias would be subtracted right away: leave it out.
      let dense = Dense(weight: weight, bias: bias && batchNorm == nil)
      if biasStd > 0, let b = dense.bias {
        b.value.scalars = rng.gaussians(count: width, scale: biasStd)
      }
      layers.append(dense)
      if let batchNorm { layers.append(BatchNorm(features: width, settings: batchNorm)) }
      layers.append(ActivationLayer(activation))
      if let dropout {
        layers.append(
          Dropout(
            rate: dropout.rate,
            using: SeededGenerator(seed: dropout.seed, stream: "dropout after hidden layer \(layer + 1)")))
      }
      fanIn = width
    }
    let readout = (readoutInitializer ?? initializer).makeWeights(
      fanOut: outputs, fanIn: fanIn, using: &rng)
    layers.append(Dense(weight: readout, bias: bias))
    return Sequential(layers)
  }
}

/// Builders for residual MLPs: an input layer, `blocks` pre-activation residual blocks
/// x + α·W·φ(BN(x)) (He et al. 2016's ordering, with batch norm optional), and a readout.
public enum ResidualMLP {
  /// Dense(inputs → width) → `blocks` × [x + α·Dense(φ(BN(x)))] → [BN] → φ → Dense(width → outputs).
  /// The readout is drawn from `readoutInitializer` (default: `initializer`).
  public static func make(
    inputs: Int, width: Int, blocks: Int, outputs: Int, activation: Activation, initializer: Initializer,
    readoutInitializer: Initializer? = nil, batchNorm: BatchNorm.Settings?, alpha: Float = 1,
    using rng: inout SeededGenerator
  ) -> Sequential {
    precondition(blocks >= 0 && width > 0 && inputs > 0 && outputs > 0, "invalid residual MLP sizes")
    var layers: [any Layer] = [
      Dense(weight: initializer.makeWeights(fanOut: width, fanIn: inputs, using: &rng), bias: batchNorm == nil)
    ]
    for _ in 0..<blocks {
      var branch: [any Layer] = batchNorm.map { [BatchNorm(features: width, settings: $0)] } ?? []
      branch.append(ActivationLayer(activation))
      branch.append(
        Dense(weight: initializer.makeWeights(fanOut: width, fanIn: width, using: &rng), bias: batchNorm == nil))
      layers.append(Residual(branch, alpha: alpha))
    }
    if let batchNorm { layers.append(BatchNorm(features: width, settings: batchNorm)) }
    layers.append(ActivationLayer(activation))
    layers.append(
      Dense(weight: (readoutInitializer ?? initializer).makeWeights(fanOut: outputs, fanIn: width, using: &rng)))
    return Sequential(layers)
  }
}

/// Residual MLPs with two-layer branches, the block of docs/theory.md §9: x + α·W₂·ReLU(W₁x), with
/// W₁ ~ N(0, 2/n) and W₂ ~ N(0, 1/n), so that E‖x_{l+1}‖² = (1 + α²)·E‖x_l‖² at init.
public enum TwoLayerResidualMLP {
  /// How the blocks are initialized.
  public enum Initialization: Sendable, Equatable {
    /// W₁ He normal, W₂ N(0, 1/n), readout Xavier.
    case standard
    /// Fixup (Zhang et al. 2019): W₁ He normal scaled by L^(−1/(2m−2)) = L^(−1/2) for m = 2 layers
    /// per branch, W₂ = 0 and the readout = 0, so every block is the identity at init.
    case fixup
  }

  /// Dense(inputs → width) → ReLU → `blocks` × [x + α·W₂·ReLU(W₁x)] → Dense(width → outputs).
  public static func make(
    inputs: Int, width: Int, blocks: Int, outputs: Int, scale: Residual.Scale,
    initialization: Initialization = .standard,
    using rng: inout SeededGenerator
  ) -> Sequential {
    precondition(blocks >= 0 && width > 0 && inputs > 0 && outputs > 0, "invalid residual MLP sizes")
    var layers: [any Layer] = [
      Dense(weight: Initializer.heNormal.makeWeights(fanOut: width, fanIn: inputs, using: &rng)),
      ActivationLayer(.relu),
    ]
    let fixupScale = Float(1 / Double(Swift.max(blocks, 1)).squareRoot())
    for _ in 0..<blocks {
      var first = Initializer.heNormal.makeWeights(fanOut: width, fanIn: width, using: &rng)
      var second = Initializer.lecunNormal.makeWeights(fanOut: width, fanIn: width, using: &rng)
      // Fixup draws the same weights as the standard init and rescales them, so that both inits
      // share the random stream and differ only by Fixup's factors.
      if initialization == .fixup {
        first.scale(by: fixupScale)
        second.scale(by: 0)
      }
      layers.append(Residual([Dense(weight: first), ActivationLayer(.relu), Dense(weight: second)], scale: scale))
    }
    var readout = Initializer.xavierNormal.makeWeights(fanOut: outputs, fanIn: width, using: &rng)
    if initialization == .fixup { readout.scale(by: 0) }
    layers.append(Dense(weight: readout))
    return Sequential(layers)
  }

  /// The stem of a model `make` built: the input projection and its ReLU, x ↦ x₀.
  public static func stem(of model: Sequential) -> ArraySlice<any Layer> { model.layers[0..<2] }

  /// The residual blocks of a model `make` built, x_l ↦ x_{l+1}, in order (the readout excluded).
  public static func blocks(of model: Sequential) -> ArraySlice<any Layer> {
    model.layers[2..<(model.layers.count - 1)]
  }
}
