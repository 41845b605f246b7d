import Nonlinearity

/// One differentiable stage of a network: a forward map and its backward (vector–Jacobian) map.
///
/// `forward` caches what `backward` needs; `backward` receives ∂L/∂output, writes the gradients of
/// the layer's parameters into `Parameter.gradient` (overwriting, not accumulating) and returns
/// ∂L/∂input. Layers are classes because they own caches and parameters that an optimizer updates
/// in place.
public protocol Layer: AnyObject {
  /// What kind of layer this is, for reports and instrumentation.
  var kind: LayerKind { get }
  /// The trainable parameters (empty for parameter-free layers).
  var parameters: [Parameter] { get }
  /// Computes the output for a batch `[batchSize, features]` and caches what backward needs.
  func forward(_ input: Tensor) -> Tensor
  /// Given ∂L/∂output of the last forward call, sets parameter gradients and returns ∂L/∂input.
  func backward(_ outputGradient: Tensor) -> Tensor
  /// `backward` without ∂L/∂input: sets the parameter gradients only. A network calls it for its
  /// first layer, whose input is the data and whose input gradient nothing reads (autograd skips
  /// it the same way for inputs that need no gradient); a dense layer then saves its G·W product,
  /// a convolution that product and the col2im scatter.
  func backwardToParameters(_ outputGradient: Tensor)
  /// `forward`, and the statistics of its output that the instrumented step records
  /// (`Sequential.summarize`): a layer that can sum its output while writing it (ReLU) overrides
  /// it, with the bits of the two calls one after the other.
  func forwardSummarized(_ input: Tensor) -> (output: Tensor, summary: TensorSummary)
  /// `backward`, and the norm ‖∂L/∂input‖ of what it returns: a layer that can sum the gradient
  /// while writing it (ReLU) overrides it, with the bits of `backward` then `norm()`.
  func backwardWithNorm(_ outputGradient: Tensor) -> (inputGradient: Tensor, norm: Double)
  /// Switches between training and evaluation behaviour (batch norm); most layers ignore it.
  func setTraining(_ training: Bool)
  /// Non-trainable state that decides the layer's evaluation behaviour (batch norm's running mean
  /// and variance), in a fixed order. Checkpoints save and restore it; optimizers never touch it.
  var state: [Tensor] { get }
  /// Restores `state` (same count and shapes as `state` returns).
  func setState(_ tensors: [Tensor])
}

extension Layer {
  /// Parameter-free layers (activations, pooling, flatten) have none.
  public var parameters: [Parameter] { [] }
  /// The whole backward pass, its ∂L/∂input dropped (layers whose input gradient costs nothing
  /// extra, or is needed to reach their parameters).
  public func backwardToParameters(_ outputGradient: Tensor) { _ = backward(outputGradient) }
  /// The forward pass, then a second read of its output for the statistics (`forwardThenSummary`).
  public func forwardSummarized(_ input: Tensor) -> (output: Tensor, summary: TensorSummary) {
    forwardThenSummary(input)
  }
  /// The backward pass, then a second read of its result for the norm (`backwardThenNorm`).
  public func backwardWithNorm(_ outputGradient: Tensor) -> (inputGradient: Tensor, norm: Double) {
    backwardThenNorm(outputGradient)
  }
  /// `forward`, then `Sequential.summarize` of its output: what `forwardSummarized` gives, in two passes.
  public func forwardThenSummary(_ input: Tensor) -> (output: Tensor, summary: TensorSummary) {
    let output = forward(input)
    return (output, Sequential.summarize(output, kind: kind))
  }
  /// `backward`, then the norm of its result: what `backwardWithNorm` gives, in two passes.
  public func backwardThenNorm(_ outputGradient: Tensor) -> (inputGradient: Tensor, norm: Double) {
    let gradient = backward(outputGradient)
    return (gradient, gradient.norm())
  }
  /// Layers that behave the same in training and evaluation ignore the switch.
  public func setTraining(_ training: Bool) {}
  /// Most layers carry no state besides their parameters.
  public var state: [Tensor] { [] }
  /// Most layers carry no state besides their parameters.
  public func setState(_ tensors: [Tensor]) {
    precondition(tensors.isEmpty, "this layer has no state")
  }
}

/// A layer with one weight tensor and an optional bias (dense and convolution), whose gradient norms
/// the instrumentation reports separately.
public protocol WeightedLayer: Layer {
  /// The weight.
  var weight: Parameter { get }
  /// The bias, if the layer has one.
  var biasParameter: Parameter? { get }
}

/// The kind of a layer, as instrumentation and charts name it.
public enum LayerKind: Sendable, Equatable, CustomStringConvertible {
  /// An affine map `x Wᵀ + b`.
  case dense
  /// An elementwise nonlinearity.
  case activation(Activation)
  /// Batch normalization.
  case batchNorm
  /// A residual block x + α·F(x).
  case residual
  /// A 2-D convolution.
  case convolution
  /// A pooling layer (global average or max).
  case pooling
  /// A reshape to flat rows.
  case flatten
  /// Dropout: units zeroed at random in training.
  case dropout
  /// Noise that moves every unit's distribution each step (Santurkar et al. 2018).
  case distributionNoise

  public var description: String {
    switch self {
    case .dense: "dense"
    case .activation(let activation): activation.rawValue
    case .batchNorm: "batchnorm"
    case .residual: "residual"
    case .convolution: "conv2d"
    case .pooling: "pooling"
    case .flatten: "flatten"
    case .dropout: "dropout"
    case .distributionNoise: "noise"
    }
  }
}
