/// What the instrumentation measured at one layer in one training step.
///
/// For a dense layer, `outputGradientNorm` is ‖∂L/∂h‖ at its pre-activation h = Wx + b, the
/// back-propagated gradient whose per-layer growth docs/theory.md §1 predicts; `weightGradientNorm` is
/// ‖∂L/∂W‖ (Frobenius). All norms are over the whole batch and computed in Double.
public struct LayerRecord: Sendable, Equatable {
  /// Position of the layer in the model.
  public var index: Int
  /// What kind of layer it is.
  public var kind: LayerKind
  /// ‖∂L/∂W‖ for a dense layer, nil otherwise.
  public var weightGradientNorm: Double?
  /// ‖∂L/∂b‖ for a dense layer with bias, nil otherwise.
  public var biasGradientNorm: Double?
  /// ‖∂L/∂output‖: the gradient arriving at this layer from above.
  public var outputGradientNorm: Double
  /// ‖∂L/∂input‖: the gradient this layer passes down.
  public var inputGradientNorm: Double
  /// Statistics of the layer's output in the forward pass.
  public var output: TensorSummary
  /// For ReLU: the fraction of outputs that are exactly zero (dead units for this batch).
  public var deadFraction: Double?
  /// For tanh / sigmoid: the fraction of outputs in the flat tails (|tanh| ≥ 0.99; sigmoid ≤ 0.01 or ≥ 0.99).
  public var saturatedFraction: Double?
}
