/// Keras' `Flatten`: NHWC images `[batch, H·W·C]` are already flat rows in this engine (see
/// `ImageShape`), so forward and backward are the identity. The layer exists so that a model reads
/// like the documents' code and reports its shape.
public final class Flatten: Layer {
  /// The input image shape.
  public let input: ImageShape

  /// A flatten of `input` images.
  public init(input: ImageShape) { self.input = input }

  public var kind: LayerKind { .flatten }

  public func forward(_ x: Tensor) -> Tensor {
    _ = input.images(in: x, layer: "Flatten")
    return x
  }

  public func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
}
