/// A residual block y = x + α·F(x), with F a chain of layers whose output has the input's shape
/// (He et al. 2016). α = 1 is the ResNet block; smaller α (1/√L) damps the branch at
/// initialization, and a learnable α starting at 0 is SkipInit (De & Smith 2020) / ReZero
/// (Bachlechner et al. 2020): the block is the identity at init (docs/theory.md §9).
///
/// Backward: ∂L/∂x = ∂L/∂y + F'(x)ᵀ(α·∂L/∂y): the identity path carries the gradient past the
/// branch unchanged, which is why deep residual nets keep their gradients at initialization. A
/// learnable α gets ∂L/∂α = Σ ∂L/∂y ⊙ F(x).
public final class Residual: Layer {
  /// How the branch is scaled.
  public enum Scale: Sendable, Equatable {
    /// A constant α.
    case fixed(Float)
    /// A trained scalar α starting at `initial` (0 for SkipInit/ReZero).
    case learnable(initial: Float)
  }

  /// The branch F, applied in order.
  public let branch: [any Layer]
  /// The trained α, when the scale is learnable.
  public let alphaParameter: Parameter?
  private let fixedAlpha: Float
  private var cachedBranchOutput = Tensor(shape: [0, 0])

  /// A block x + α·F(x) with F = `branch` and a constant α.
  public convenience init(_ branch: [any Layer], alpha: Float = 1) {
    self.init(branch, scale: .fixed(alpha))
  }

  /// A block x + α·F(x) with F = `branch`, α fixed or learnable.
  public init(_ branch: [any Layer], scale: Scale) {
    precondition(!branch.isEmpty, "a residual block needs a branch")
    self.branch = branch
    switch scale {
    case .fixed(let alpha):
      fixedAlpha = alpha
      alphaParameter = nil
    case .learnable(let initial):
      fixedAlpha = initial
      alphaParameter = Parameter(name: "alpha", value: Tensor(shape: [1], scalars: [initial]))
    }
  }

  /// The current branch scale α.
  public var alpha: Float { alphaParameter?.value.scalars[0] ?? fixedAlpha }

  public var kind: LayerKind { .residual }
  public var parameters: [Parameter] { branch.flatMap(\.parameters) + (alphaParameter.map { [$0] } ?? []) }

  public func setTraining(_ training: Bool) {
    for layer in branch { layer.setTraining(training) }
  }

  public var state: [Tensor] { branch.flatMap(\.state) }

  public func setState(_ tensors: [Tensor]) {
    var offset = 0
    for layer in branch {
      let count = layer.state.count
      layer.setState(Array(tensors[offset..<(offset + count)]))
      offset += count
    }
    precondition(offset == tensors.count, "residual state: \(tensors.count) tensors for \(offset)")
  }

  public func forward(_ input: Tensor) -> Tensor {
    let f = branch.reduce(input) { $1.forward($0) }
    precondition(f.shape == input.shape, "residual branch changes the shape \(input.shape) to \(f.shape)")
    if alphaParameter != nil { cachedBranchOutput = f }
    guard alphaParameter == nil && alpha == 1 else {
      var output = input
      output.add(f, scaledBy: alpha)
      return output
    }
    // x + f in the branch's output, which nothing else holds: no copy of x (IEEE addition is
    // commutative, so these are the bits of x + 1·f).
    var output = f
    output.add(input)
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    if let alphaParameter {
      var dot = 0.0
      for (g, f) in zip(outputGradient.scalars, cachedBranchOutput.scalars) { dot += Double(g) * Double(f) }
      alphaParameter.gradient = Tensor(shape: [1], scalars: [Float(dot)])
    }
    var branchGradient = outputGradient
    if alpha != 1 { branchGradient.scale(by: alpha) }  // ×1 is exact: skipping it copies nothing
    for layer in branch.reversed() { branchGradient = layer.backward(branchGradient) }
    // g + ∂branch, added into the branch's gradient (commutative: the bits of g + 1·∂branch).
    branchGradient.add(outputGradient)
    return branchGradient
  }
}
