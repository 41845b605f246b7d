import ExerciseKit
import Foundation

/// Lesson 4 (batch-gd), step "The exact threshold: η < 2/λ_max". Check with
/// `swift run -c release gradientlab exercises stable-step-size`.
///
/// On a quadratic loss L(w) = ½·wᵀHw (a least-squares problem, or any loss near a minimum),
/// gradient descent w ← w − η·H·w moves each eigen-direction of the symmetric `hessian` H as
/// e ← (1 − ηλ)·e. It converges from every start only if |1 − ηλ| < 1 for every eigenvalue λ,
/// i.e. η < 2/λ_max. Find λ_max by power iteration (v ← Hv/‖Hv‖ until λ = vᵀHv settles; H is
/// positive semi-definite here) and return 2/λ_max.
public func largestStableStepSize(hessian h: Matrix) throws -> Double {
  var v = Matrix(rows: h.rows, columns: 1, values: (0..<h.rows).map { 1 + 0.1 * Double($0) })
  var lambda = 0.0
  for _ in 0..<100_000 {
    let hv = h * v
    let next = (v.transposed * hv)[0, 0]
    v = (1 / hv.norm) * hv
    let done = abs(next - lambda) <= 1e-15 * abs(next)
    lambda = next
    if done { break }
  }
  return 2 / lambda
}
