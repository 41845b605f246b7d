import NeuralNet

extension DocumentsCNN {
  /// The same convolution followed by 2×2 max pooling and a flatten instead of global average
  /// pooling (the layout of Keras' MNIST examples), so the dense layers see where the strokes are:
  /// Conv2D(32, 3×3, relu) → MaxPooling2D(2) → Flatten → Dense(64, relu) → Dense(10).
  package static func makePooled(initializer: Initializer = .xavierUniform, seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    let conv = Conv2D(input: input, outChannels: 32, kernel: 3, initializer: initializer, using: &rng)
    let pool = MaxPooling(input: conv.output, size: 2)
    return Sequential([
      conv, ActivationLayer(.relu), pool, Flatten(input: pool.output),
      Dense(weight: initializer.makeWeights(fanOut: 64, fanIn: pool.output.count, using: &rng)), ActivationLayer(.relu),
      Dense(weight: initializer.makeWeights(fanOut: 10, fanIn: 64, using: &rng)),
    ])
  }
}
