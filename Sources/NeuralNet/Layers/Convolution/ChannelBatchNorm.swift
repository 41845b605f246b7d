/// Batch normalization of convolutional activations (Ioffe & Szegedy 2015, §3.2; Keras
/// `BatchNormalization` after a `Conv2D`): one mean and variance per channel over the batch AND all
/// pixels, with one γ and β per channel. On NHWC rows `[batch, H·W·C]` this is exactly the dense
/// `BatchNorm` applied to the same storage viewed as `[batch·H·W, C]`, so it reuses it.
public final class ChannelBatchNorm: Layer {
  /// The input (and output) image shape.
  public let shape: ImageShape
  /// The per-channel batch norm it delegates to.
  public let normalization: BatchNorm

  /// Batch norm over the channels of `shape` images.
  public init(shape: ImageShape, epsilon: Float = 1e-5, momentum: Float = 0.1) {
    self.shape = shape
    normalization = BatchNorm(features: shape.channels, epsilon: epsilon, momentum: momentum)
  }

  public var kind: LayerKind { .batchNorm }
  public var parameters: [Parameter] { normalization.parameters }
  public func setTraining(_ training: Bool) { normalization.setTraining(training) }
  public var state: [Tensor] { normalization.state }
  public func setState(_ tensors: [Tensor]) { normalization.setState(tensors) }

  public func forward(_ x: Tensor) -> Tensor {
    precondition(x.columns == shape.count, "ChannelBatchNorm expects \(shape) images, got \(x.columns) values")
    return normalization.forward(x.reshaped([x.rows * shape.pixels, shape.channels])).reshaped([x.rows, shape.count])
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    let rows = outputGradient.rows
    return normalization.backward(outputGradient.reshaped([rows * shape.pixels, shape.channels]))
      .reshaped([rows, shape.count])
  }
}
