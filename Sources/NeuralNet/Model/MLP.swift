/// Builders for plain multilayer perceptrons: `depth` hidden blocks Dense(width) → φ, then a
/// linear readout Dense(outputs).
public enum MLP {
  /// A plain MLP with weights drawn by `initializer` from `rng`, biases zero.
  ///
  /// Depth counts hidden blocks: depth 50 means 50 Dense+φ blocks and a 51st, linear, readout layer.
  public static func make(
    inputs: Int, width: Int, depth: Int, outputs: Int, activation: Activation,
    initializer: Initializer, readoutInitializer: Initializer? = nil, bias: Bool = true,
    using rng: inout SeededGenerator
  ) -> Sequential {
    precondition(depth >= 0 && width > 0 && inputs > 0 && outputs > 0, "invalid MLP sizes")
    var layers: [any Layer] = []
    var fanIn = inputs
    for _ in 0..<depth {
      let weight = initializer.makeWeights(fanOut: width, fanIn: fanIn, using: &rng)
      layers.append(Dense(weight: weight, bias: bias))
      layers.append(ActivationLayer(activation))
      fanIn = width
    }
    let readout = (readoutInitializer ?? initializer).makeWeights(
      fanOut: outputs, fanIn: fanIn, using: &rng)
    layers.append(Dense(weight: readout, bias: bias))
    return Sequential(layers)
  }
}
