import NeuralNet

/// The documents' CNN (“Generalize better”), layer for layer:
///
///     Conv2D(32, (3, 3), activation='relu', input_shape=(28, 28, 1))
///     GlobalAveragePooling2D()
///     Dense(64, activation='relu')
///     Dense(10, activation='softmax')      # with sparse_categorical_crossentropy
///
/// Keras' default init is Glorot (Xavier) uniform for kernels and zeros for biases; the softmax is
/// folded into the cross-entropy loss. `batchNorm` inserts batch norm after the convolution (per
/// channel) and after the 64-unit dense layer, before their ReLUs.
package enum DocumentsCNN {
  /// The input shape, 28×28×1.
  package static let input = Digits28.shape

  /// A fresh model drawn from `seed`.
  package static func make(initializer: Initializer = .xavierUniform, batchNorm: Bool = false, seed: UInt64)
    -> Sequential
  {
    var rng = SeededGenerator(seed: seed)
    let conv = Conv2D(input: input, outChannels: 32, kernel: 3, initializer: initializer, using: &rng)
    var layers: [any Layer] = [conv]
    if batchNorm { layers.append(ChannelBatchNorm(shape: conv.output)) }
    layers.append(ActivationLayer(.relu))
    layers.append(GlobalAveragePooling(input: conv.output))
    layers.append(Dense(weight: initializer.makeWeights(fanOut: 64, fanIn: 32, using: &rng), bias: !batchNorm))
    if batchNorm { layers.append(BatchNorm(features: 64)) }
    layers.append(ActivationLayer(.relu))
    layers.append(Dense(weight: initializer.makeWeights(fanOut: 10, fanIn: 64, using: &rng)))
    return Sequential(layers)
  }
}
