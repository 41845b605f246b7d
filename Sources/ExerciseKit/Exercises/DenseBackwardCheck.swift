import NeuralNet

extension CodeExercises {
  /// Checks a dense layer's backward pass.
  ///
  /// For y = x·W + b over a batch (x: B×n, W: n×m, b: m) and upstream g = ∂L/∂y:
  /// ∂L/∂x = g·Wᵀ, ∂L/∂W = xᵀ·g, ∂L/∂b = Σ_rows g.
  static func checkDenseBackward(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 11)
    let (b, n, m) = (4, 5, 3)
    let x = Matrix.gaussian(rows: b, columns: n, using: &rng)
    let w = Matrix.gaussian(rows: n, columns: m, using: &rng)
    let bias = Matrix.gaussian(rows: 1, columns: m, using: &rng).values
    let g = Matrix.gaussian(rows: b, columns: m, using: &rng)
    let result = try Attempt.call("denseBackward") { try impl.denseBackward(x, w, g) }
    try Expect.shape(
      result.input, b, n, "∂L/∂x",
      hint: result.input.rows == n
        ? "it must have the shape of x (batch × inputs); ∂L/∂x = g·Wᵀ" : "∂L/∂x = g·Wᵀ has the shape of x")
    try Expect.shape(
      result.weight, n, m, "∂L/∂W",
      hint: result.weight.rows == m && result.weight.columns == n
        ? "you computed gᵀ·x, the transpose; ∂L/∂W = xᵀ·g has the shape of W" : "∂L/∂W = xᵀ·g has the shape of W")
    try Expect.count(
      result.bias, m, "∂L/∂b",
      hint: result.bias.count == b
        ? "you summed over the outputs; ∂L/∂b sums g over the batch, one value per output" : "one value per output")
    try Expect.finite(result.input.values + result.weight.values + result.bias, "the gradients")
    // L = Σ g ⊙ (x·W + b): its gradient with respect to y is g.
    func loss(_ x: Matrix, _ w: Matrix, _ bias: [Double]) -> Double {
      var y = x * w
      for i in 0..<y.rows { for j in 0..<y.columns { y[i, j] += bias[j] } }
      return y.dot(g)
    }
    let dx = NumericalGradient.of(x) { loss($0, w, bias) }
    let dw = NumericalGradient.of(w) { loss(x, $0, bias) }
    let db = NumericalGradient.of(bias) { loss(x, w, $0) }
    let report = try Expect.gradients([
      .signAndBatchSlips(
        name: "∂L/∂x", answer: result.input.values, numerical: dx.values, rule: "g·Wᵀ", batch: b,
        notAveraged: "each example's gradient is its own row of g·Wᵀ, not averaged"),
      .signAndBatchSlips(
        name: "∂L/∂W", answer: result.weight.values, numerical: dw.values, rule: "xᵀ·g", batch: b,
        notAveraged: "the loss here is a sum over the batch, so ∂L/∂W = xᵀ·g"),
      GradientCheck(
        name: "∂L/∂b", answer: result.bias, numerical: db, rule: "g summed over the batch",
        mistakes: {
          [(g.columnMeans, "∂L/∂b is the MEAN of g over the batch; the loss is a sum, so ∂L/∂b = Σ_rows g")]
        }),
    ])
    // The engine's Dense (Float32; its weight is stored m×n, the transpose).
    let layer = Dense(weight: Tensor(shape: [m, n], scalars: w.transposed.values.map { Float($0) }))
    layer.bias!.value = Tensor(shape: [m], scalars: bias.map { Float($0) })
    _ = layer.forward(Tensor(shape: [b, n], scalars: x.values.map { Float($0) }))
    let engineInput = layer.backward(Tensor(shape: [b, m], scalars: g.values.map { Float($0) }))
    let engineError = Swift.max(
      RelativeError.of(result.input.values, engineInput.scalars.map { Double($0) }),
      RelativeError.of(result.weight.transposed.values, layer.weight.gradient.scalars.map { Double($0) }))
    guard engineError < 1e-4 else {
      throw Mistake("your gradients differ from the engine's Dense by \(RelativeError.text(engineError)); \(report)")
    }
    return "\(report); the engine's Dense agrees within \(RelativeError.text(engineError)) (Float32)"
  }
}
