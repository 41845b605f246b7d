import NeuralNet

/// The scenario of “Batch norm and batch GD” in small: a convolutional ResNet of basic blocks (two 3×3 convolutions each,
/// "same" padding, Keras' default Glorot-uniform init) that maps min-max-scaled random images to
/// themselves under a mean squared error, trained with Adam. That document asks for 40 layers on a
/// (32, 32, 32) input; here `blocks` blocks on side×side×channels images.
package enum SmallResNet {
  /// The variants `.resnet` compares.
  package enum Variant: String, Sendable, CaseIterable {
    /// The same convolutions chained without skip connections.
    case plain = "plain (no skips)"
    /// Basic blocks x + F(x).
    case residual = "ResNet"
    /// Basic blocks scaled by α = 1/√blocks (lesson 6's fix, no normalization).
    case residualScaled = "ResNet, α = 1/√L"
    /// Basic blocks with batch norm after each convolution.
    case residualBatchNorm = "ResNet + BN"
    /// The same, trained full-batch (the documents' "batch gradient descent").
    case residualBatchNormFullBatch = "ResNet + BN, full batch"
  }

  /// A model: a stem convolution, `blocks` blocks (or their plain chain), a head convolution.
  package static func make(_ variant: Variant, shape: ImageShape, blocks: Int, seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    func conv() -> Conv2D {
      Conv2D(
        input: shape, outChannels: shape.channels, kernel: 3, padding: .same, initializer: .xavierUniform, using: &rng)
    }
    let batchNorm = variant == .residualBatchNorm || variant == .residualBatchNormFullBatch
    var layers: [any Layer] = [conv(), ActivationLayer(.relu)]
    for _ in 0..<blocks {
      var branch: [any Layer] = [conv()]
      if batchNorm { branch.append(ChannelBatchNorm(shape: shape)) }
      branch.append(ActivationLayer(.relu))
      branch.append(conv())
      if batchNorm { branch.append(ChannelBatchNorm(shape: shape)) }
      if variant == .plain {
        layers += branch
        layers.append(ActivationLayer(.relu))
      } else {
        let alpha = variant == .residualScaled ? Float(1 / Double(blocks).squareRoot()) : 1
        layers.append(Residual(branch, alpha: alpha))
        layers.append(ActivationLayer(.relu))
      }
    }
    layers.append(conv())
    return Sequential(layers)
  }

  /// `count` random images of `shape`, min-max scaled to [0, 1] over the whole array as “Batch norm and batch GD” does
  /// does (`(x − min)/(max − min)`); the targets are the inputs.
  package static func data(count: Int, shape: ImageShape, seed: UInt64) -> Dataset {
    var rng = SeededGenerator(seed: seed)
    var values = rng.gaussians(count: count * shape.count, scale: 1)
    let low = values.min() ?? 0
    let high = values.max() ?? 1
    values = values.map { ($0 - low) / (high - low) }
    let inputs = Tensor(shape: [count, shape.count], scalars: values)
    return Dataset(inputs: inputs, targets: .values(inputs))
  }
}
