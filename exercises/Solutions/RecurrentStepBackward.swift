import ExerciseKit
import Foundation

/// Lesson 5 (clipping), step "The condition: σ₁ < 1/γ vanishes for sure". Check with
/// `swift run -c release gradientlab exercises bptt-step`.
///
/// One step of a vanilla RNN, h_t = tanh(h_{t−1}·W + x_t·U): `previousHidden` h_{t−1} is B×n,
/// `input` x_t is B×d, W is n×n, U is d×n. Given `upstream` g = ∂L/∂h_t (B×n), with
/// δ = g ⊙ (1 − h_t²) (tanh' = 1 − tanh²):
///
///     ∂L/∂W       = h_{t−1}ᵀ·δ
///     ∂L/∂U       = x_tᵀ·δ
///     ∂L/∂h_{t−1} = δ·Wᵀ        (what flows on to step t − 1: over T steps, T such products)
///
/// Recompute h_t from the inputs (the forward pass is one line).
public func rnnStepBackward(
  previousHidden h: Matrix, input x: Matrix, recurrentWeight w: Matrix, inputWeight u: Matrix, upstream g: Matrix
) throws -> RecurrentStepGradients {
  let ht = (h * w + x * u).map { Foundation.tanh($0) }
  let delta = g.hadamard(ht.map { 1 - $0 * $0 })
  return RecurrentStepGradients(
    previousHidden: delta * w.transposed, recurrentWeight: h.transposed * delta, inputWeight: x.transposed * delta)
}
