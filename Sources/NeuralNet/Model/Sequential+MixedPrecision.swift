/// One mixed-precision step: compute in Float32, store in a 16-bit format, scale the loss.
///
/// Mixed-precision training (Micikevicius et al. 2018) keeps a Float32 master copy of the
/// weights and computes each product in Float32, but stores what passes between layers in 16
/// bits: every layer's output in the forward pass, every ∂L/∂(layer input) in the backward pass,
/// and the weight gradients. This emulates it on the Float32 engine by rounding each of those to
/// the format (`NumberFormat.round`) where a 16-bit run would store it, so overflow (past 65504 in
/// Float16) and underflow (below 2⁻²⁴) happen exactly where they would.
///
/// The loss's gradient is multiplied by the scale S before back-propagation (loss scaling: every
/// gradient is then S times larger, and small ones stay representable), the stored weight
/// gradients are divided by S in Float32 afterwards, and the step reports whether any of them is
/// ±∞ or NaN, which `LossScaler.update(foundNonFinite:)` turns into a skipped step.
public struct MixedPrecisionStep: Sendable, Equatable {
  /// The loss, in Float32 arithmetic on the stored (rounded) output.
  public var loss: Double
  /// Whether a weight gradient is ±∞ or NaN after unscaling (the scaled backward pass overflowed).
  public var foundNonFinite: Bool
  /// Per parameter tensor (in `Sequential.parameters` order), the share of its stored gradient
  /// entries that are exactly zero: in a 16-bit format those that underflowed, and any that were
  /// zero in Float32 too.
  public var zeroShare: [Double]
}

extension Sequential {
  /// Computes every parameter's gradient as a mixed-precision step would (the type's
  /// documentation): outputs and input gradients rounded to `storage` at every layer boundary,
  /// the loss gradient multiplied by `lossScale` before back-propagation, the weight gradients
  /// rounded to `storage` and then divided by `lossScale` in Float32. With `.float32` and a
  /// scale of 1 it is `computeGradients` bit for bit; a power-of-two scale changes nothing in
  /// Float32 unless a value leaves the format's range.
  @discardableResult
  public func computeMixedPrecisionGradients(
    input: Tensor, targets: Targets, loss: some Loss, storage: NumberFormat, lossScale: Float = 1
  ) -> MixedPrecisionStep {
    precondition(lossScale > 0 && lossScale.isFinite, "the loss scale must be positive and finite")
    var x = storage.rounded(input)
    for layer in layers { x = storage.rounded(layer.forward(x)) }
    let (value, outputGradient) = loss.evaluate(x, targets)
    var g = outputGradient
    if lossScale != 1 { g.scale(by: lossScale) }
    g = storage.rounded(g)
    for layer in layers.dropFirst().reversed() { g = storage.rounded(layer.backward(g)) }
    layers.first?.backwardToParameters(g)  // ∂L/∂input of the data: never read
    var nonFinite = false
    var zeroShare: [Double] = []
    for parameter in parameters {
      var stored = storage.rounded(parameter.gradient)
      zeroShare.append(Double(stored.scalars.count(where: { $0 == 0 })) / Double(max(stored.count, 1)))
      if lossScale != 1 { stored.scale(by: 1 / lossScale) }
      nonFinite = nonFinite || !stored.scalars.allSatisfy(\.isFinite)
      parameter.gradient = stored
    }
    return MixedPrecisionStep(loss: value, foundNonFinite: nonFinite, zeroShare: zeroShare)
  }
}
