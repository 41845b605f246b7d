import NeuralNet

extension CodeExercises {
  /// Checks a residual block's backward pass.
  ///
  /// For y = x + ReLU(x·W) (x: B×n, W: n×n) and g = ∂L/∂y, with a = x·W and m = 1[a > 0]:
  /// ∂L/∂W = xᵀ·(g ⊙ m) and ∂L/∂x = g + (g ⊙ m)·Wᵀ: the identity adds g itself, so the gradient
  /// reaching x is never smaller than what a plain layer would pass.
  static func checkResidualBackward(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 19)
    let (b, n) = (5, 4)
    let x = Matrix.gaussian(rows: b, columns: n, using: &rng)
    let w = Matrix.gaussian(rows: n, columns: n, standardDeviation: 0.7, using: &rng)
    let g = Matrix.gaussian(rows: b, columns: n, using: &rng)
    let result = try Attempt.call("residualBlockBackward") { try impl.residualBlockBackward(x, w, g) }
    try Expect.shape(result.input, b, n, "∂L/∂x", hint: "it has the shape of x")
    try Expect.shape(result.weight, n, n, "∂L/∂W", hint: "it has the shape of W")
    try Expect.finite(result.input.values + result.weight.values, "the gradients")
    func forward(_ x: Matrix, _ w: Matrix) -> Matrix { x + (x * w).map { Swift.max($0, 0) } }
    let dx = NumericalGradient.of(x) { forward($0, w).dot(g) }
    let dw = NumericalGradient.of(w) { forward(x, $0).dot(g) }
    let mask = (x * w).map { $0 > 0 ? 1 : 0 }
    let branch = g.hadamard(mask)
    let report = try Expect.gradients([
      GradientCheck(
        name: "∂L/∂x", answer: result.input.values, numerical: dx.values,
        mistakes: {
          [
            (
              (branch * w.transposed).values,
              "the skip connection's identity term is missing: ∂y/∂x = I + ∂ReLU(x·W)/∂x, so ∂L/∂x = g + (g ⊙ 1[x·W > 0])·Wᵀ"
            ),
            (
              (g + g * w.transposed).values,
              "ReLU's derivative is missing on the branch: multiply g by 1[x·W > 0] before ·Wᵀ"
            ),
            ((g + branch * w).values, "the branch's gradient goes back through Wᵀ, not W"),
          ]
        }),
      GradientCheck(
        name: "∂L/∂W", answer: result.weight.values, numerical: dw.values,
        mistakes: {
          [
            ((x.transposed * g).values, "ReLU's derivative is missing: ∂L/∂W = xᵀ·(g ⊙ 1[x·W > 0])"),
            ((branch.transposed * x).values, "∂L/∂W is transposed: xᵀ·(g ⊙ m), not (g ⊙ m)ᵀ·x"),
          ]
        }),
    ])
    // The lesson's point, measured on this block: the identity keeps the gradient's norm.
    let plain = (branch * w.transposed).norm / g.norm
    let residual = result.input.norm / g.norm
    return
      "\(report); ‖∂L/∂x‖/‖g‖ is \(String(format: "%.3f", residual)) with the skip connection against \(String(format: "%.3f", plain)) for the branch alone"
  }
}
