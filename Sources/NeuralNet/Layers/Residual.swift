/// A residual block y = x + α·F(x), with F a chain of layers whose output has the input's shape
/// (He et al. 2016). α = 1 is the ResNet block; smaller α (1/√L, or 0 as in SkipInit/ReZero)
/// damps the branch at initialization (THEORY.md §9).
///
/// Backward: ∂L/∂x = ∂L/∂y + F'(x)ᵀ(α·∂L/∂y): the identity path carries the gradient past the
/// branch unchanged, which is why deep residual nets keep their gradients at initialization.
public final class Residual: Layer {
  /// The branch F, applied in order.
  public let branch: [any Layer]
  /// The branch scale α.
  public let alpha: Float

  /// A block x + α·F(x) with F = `branch`.
  public init(_ branch: [any Layer], alpha: Float = 1) {
    precondition(!branch.isEmpty, "a residual block needs a branch")
    self.branch = branch
    self.alpha = alpha
  }

  public var kind: LayerKind { .residual }
  public var parameters: [Parameter] { branch.flatMap(\.parameters) }

  public func setTraining(_ training: Bool) {
    for layer in branch { layer.setTraining(training) }
  }

  public func forward(_ input: Tensor) -> Tensor {
    let f = branch.reduce(input) { $1.forward($0) }
    precondition(f.shape == input.shape, "residual branch changes the shape \(input.shape) to \(f.shape)")
    var output = input
    output.add(f, scaledBy: alpha)
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    var branchGradient = outputGradient
    branchGradient.scale(by: alpha)
    for layer in branch.reversed() { branchGradient = layer.backward(branchGradient) }
    var inputGradient = outputGradient
    inputGradient.add(branchGradient)
    return inputGradient
  }
}
