/// A fully connected layer: y = x Wᵀ + b, with W of shape `[outputs, inputs]` and b of shape `[outputs]`.
///
/// Backward, for a batch X `[B, inputs]` and upstream gradient G = ∂L/∂Y `[B, outputs]`:
/// ∂L/∂W = Gᵀ X, ∂L/∂b = Σ_rows G, ∂L/∂X = G W. All three products go through `cblas_sgemm`.
public final class Dense: WeightedLayer {
  /// The weight matrix W, `[outputs, inputs]`.
  public let weight: Parameter
  /// The bias b, `[outputs]`, or nil for a layer without bias.
  public let bias: Parameter?
  private var cachedInput = Tensor(shape: [0, 0])

  /// A layer with the given initial weights `[outputs, inputs]` and, if `bias` is true, a zero bias.
  public init(weight: Tensor, bias: Bool = true) {
    precondition(weight.shape.count == 2, "Dense weight must be a matrix, got shape \(weight.shape)")
    self.weight = Parameter(name: "weight", value: weight)
    self.bias = bias ? Parameter(name: "bias", value: Tensor(shape: [weight.rows])) : nil
  }

  /// The input width.
  public var inputs: Int { weight.value.columns }
  /// The output width.
  public var outputs: Int { weight.value.rows }

  public var kind: LayerKind { .dense }
  public var biasParameter: Parameter? { bias }
  public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

  public func forward(_ input: Tensor) -> Tensor {
    precondition(
      input.columns == inputs, "Dense expects \(inputs) input features, got \(input.columns)")
    cachedInput = input
    var output = Tensor.matmul(input, weight.value, transposeB: true)
    if let bias { output.addToEveryRow(bias.value) }
    return output
  }

  public func backward(_ outputGradient: Tensor) -> Tensor {
    backwardToParameters(outputGradient)
    return Tensor.matmul(outputGradient, weight.value)
  }

  /// ∂L/∂W = Gᵀ·x and ∂L/∂b = Σ_rows G, without ∂L/∂x = G·W.
  public func backwardToParameters(_ outputGradient: Tensor) {
    precondition(outputGradient.rows == cachedInput.rows, "backward before forward")
    weight.gradient.assignMatmul(outputGradient, cachedInput, transposeA: true)
    bias?.gradient = outputGradient.columnSums()
  }
}
