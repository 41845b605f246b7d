import NeuralNet

extension CodeExercises {
  /// Checks one step of backpropagation through time.
  ///
  /// For h_t = tanh(a), a = h_{t−1}·W + x_t·U, and g = ∂L/∂h_t: δ = g ⊙ (1 − h_t²) (tanh' = 1 − tanh²),
  /// ∂L/∂W = h_{t−1}ᵀ·δ, ∂L/∂U = x_tᵀ·δ, ∂L/∂h_{t−1} = δ·Wᵀ. Repeated over T steps, the last is
  /// what multiplies the gradient by Wᵀ·diag(tanh') per step: the product that explodes or vanishes.
  static func checkRecurrentStep(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 23)
    let (b, n, d) = (3, 4, 2)
    let h = Matrix.gaussian(rows: b, columns: n, using: &rng)
    let x = Matrix.gaussian(rows: b, columns: d, using: &rng)
    let w = Matrix.gaussian(rows: n, columns: n, standardDeviation: 0.6, using: &rng)
    let u = Matrix.gaussian(rows: d, columns: n, standardDeviation: 0.6, using: &rng)
    let g = Matrix.gaussian(rows: b, columns: n, using: &rng)
    let result = try Attempt.call("rnnStepBackward") { try impl.recurrentStepBackward(h, x, w, u, g) }
    try Expect.shape(result.previousHidden, b, n, "∂L/∂h_{t−1}", hint: "it has the shape of h_{t−1}")
    try Expect.shape(result.recurrentWeight, n, n, "∂L/∂W", hint: "it has the shape of W")
    try Expect.shape(
      result.inputWeight, d, n, "∂L/∂U",
      hint: result.inputWeight.rows == n ? "you computed δᵀ·x, the transpose; ∂L/∂U = xᵀ·δ" : "it has the shape of U")
    try Expect.finite(
      result.previousHidden.values + result.recurrentWeight.values + result.inputWeight.values, "the gradients")
    func step(_ h: Matrix, _ x: Matrix, _ w: Matrix, _ u: Matrix) -> Matrix {
      (h * w + x * u).map { Double.tanh($0) }
    }
    let dh = NumericalGradient.of(h) { step($0, x, w, u).dot(g) }
    let dw = NumericalGradient.of(w) { step(h, x, $0, u).dot(g) }
    let du = NumericalGradient.of(u) { step(h, x, w, $0).dot(g) }
    let a = h * w + x * u
    let delta = g.hadamard(a.map { 1 - Double.tanh($0) * Double.tanh($0) })
    let wrongDerivative = g.hadamard(a.map { 1 - $0 * $0 })
    let report = try Expect.gradients([
      GradientCheck(
        name: "∂L/∂h_{t−1}", answer: result.previousHidden.values, numerical: dh.values,
        mistakes: {
          [
            ((g * w.transposed).values, "tanh's derivative is missing: δ = g ⊙ (1 − h_t²) before ·Wᵀ"),
            ((wrongDerivative * w.transposed).values, "tanh'(a) is 1 − tanh(a)² = 1 − h_t², not 1 − a²"),
            ((delta * w).values, "the gradient goes back through Wᵀ, not W: ∂L/∂h_{t−1} = δ·Wᵀ"),
          ]
        }),
      GradientCheck(
        name: "∂L/∂W", answer: result.recurrentWeight.values, numerical: dw.values,
        mistakes: {
          [
            ((h.transposed * g).values, "tanh's derivative is missing: ∂L/∂W = h_{t−1}ᵀ·(g ⊙ (1 − h_t²))"),
            ((delta.transposed * h).values, "∂L/∂W is transposed: h_{t−1}ᵀ·δ, not δᵀ·h_{t−1}"),
            ((h.transposed * wrongDerivative).values, "tanh'(a) is 1 − tanh(a)² = 1 − h_t², not 1 − a²"),
          ]
        }),
      GradientCheck(
        name: "∂L/∂U", answer: result.inputWeight.values, numerical: du.values,
        mistakes: { [((x.transposed * g).values, "tanh's derivative is missing: ∂L/∂U = x_tᵀ·(g ⊙ (1 − h_t²))")] }),
    ])
    return report
  }
}
