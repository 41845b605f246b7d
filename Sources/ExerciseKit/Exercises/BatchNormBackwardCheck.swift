import NeuralNet

extension CodeExercises {
  /// Checks batch normalization's backward pass in training mode.
  ///
  /// With x̂ = (x − μ)/√(σ² + ε) and g = ∂L/∂y over a batch of B rows, per feature:
  /// ∂L/∂γ = Σ g·x̂, ∂L/∂β = Σ g, ∂L/∂x = γ/(B·√(σ² + ε))·(B·g − Σ g − x̂·Σ(g·x̂)).
  /// The two sums are the paths through μ and σ², which depend on every row of the batch.
  static func checkBatchNormBackward(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 17)
    let (b, d) = (6, 4)
    var x = Matrix.gaussian(rows: b, columns: d, using: &rng)
    for i in 0..<b { for j in 0..<d { x[i, j] = 2 * x[i, j] + Double(j) } }
    let gamma = (0..<d).map { 0.7 + 0.4 * Double($0) }
    let beta = (0..<d).map { 0.1 * Double($0) }
    let epsilon = 1e-5
    // A non-uniform upstream gradient: with a constant one, Σ g and the mean path cancel and
    // a missing term would go unseen.
    let g = Matrix.gaussian(rows: b, columns: d, using: &rng)
    let result = try Attempt.call("batchNormBackward") { try impl.batchNormBackward(x, gamma, epsilon, g) }
    try Expect.shape(result.input, b, d, "∂L/∂x", hint: "it has the shape of x")
    try Expect.count(result.gamma, d, "∂L/∂γ", hint: "one value per feature, summed over the batch")
    try Expect.count(result.beta, d, "∂L/∂β", hint: "one value per feature, summed over the batch")
    try Expect.finite(result.input.values + result.gamma + result.beta, "the gradients")
    func loss(_ x: Matrix, _ gamma: [Double], _ beta: [Double]) -> Double {
      BatchNormReference.forward(x, gamma: gamma, beta: beta, epsilon: epsilon).dot(g)
    }
    let dx = NumericalGradient.of(x) { loss($0, gamma, beta) }
    let dgamma = NumericalGradient.of(gamma) { loss(x, $0, beta) }
    let dbeta = NumericalGradient.of(beta) { loss(x, gamma, $0) }
    let report = try Expect.gradients([
      GradientCheck(
        name: "∂L/∂x", answer: result.input.values, numerical: dx.values,
        mistakes: {
          let terms = BatchNormReference.backwardTerms(x, gamma: gamma, epsilon: epsilon, upstream: g)
          return [
            (
              terms.withoutBatchStatistics.values,
              "∂L/∂x = γ·g/√(σ² + ε) treats the batch mean and variance as constants; both depend on x: subtract Σ g and x̂·Σ(g·x̂), divided by B"
            ),
            (
              terms.withoutVariancePath.values,
              "the term through the variance is missing: ∂L/∂x = γ/(B√(σ² + ε))·(B·g − Σ g − x̂·Σ(g·x̂))"
            ),
            (
              terms.withoutMeanPath.values,
              "the term through the mean is missing: ∂L/∂x = γ/(B√(σ² + ε))·(B·g − Σ g − x̂·Σ(g·x̂))"
            ),
            (((1.0 / Double(b)) * dx).values, "∂L/∂x is divided by B once too often"),
          ]
        }),
      GradientCheck(
        name: "∂L/∂γ", answer: result.gamma, numerical: dgamma, rule: "Σ_rows g·x̂",
        mistakes: { [(g.columnSums, "∂L/∂γ is Σ g·x̂ (γ multiplies x̂), not Σ g")] }),
      GradientCheck(
        name: "∂L/∂β", answer: result.beta, numerical: dbeta, rule: "Σ_rows g",
        mistakes: {
          [(g.columnMeans, "∂L/∂β is the MEAN of g; the loss is a sum over the batch, so ∂L/∂β = Σ g")]
        }),
    ])
    let layer = BatchNorm(features: d, epsilon: Float(epsilon))
    layer.gamma.value = Tensor(shape: [d], scalars: gamma.map { Float($0) })
    layer.beta.value = Tensor(shape: [d], scalars: beta.map { Float($0) })
    _ = layer.forward(Tensor(shape: [b, d], scalars: x.values.map { Float($0) }))
    let engine = layer.backward(Tensor(shape: [b, d], scalars: g.values.map { Float($0) })).scalars.map { Double($0) }
    let engineError = zip(result.input.values, engine).map { abs($0 - $1) }.max() ?? 0
    guard engineError < 1e-4 else {
      throw Mistake("your ∂L/∂x differs from the engine's BatchNorm by up to \(engineError)")
    }
    return
      "\(report), with a non-uniform upstream gradient; the engine's BatchNorm agrees within \(RelativeError.text(engineError)) (Float32)"
  }
}

extension BatchNormReference {
  /// ∂L/∂x without one or both of the paths through the batch statistics: the mistakes the
  /// backward check names.
  static func backwardTerms(_ x: Matrix, gamma: [Double], epsilon: Double, upstream g: Matrix)
    -> (withoutBatchStatistics: Matrix, withoutVariancePath: Matrix, withoutMeanPath: Matrix)
  {
    let (b, d) = (x.rows, x.columns)
    let xhat = forward(x, gamma: nil, beta: nil, epsilon: epsilon)
    let means = x.columnMeans
    var constant = x
    var noVariance = x
    var noMean = x
    for j in 0..<d {
      let variance = (0..<b).reduce(0.0) { $0 + (x[$1, j] - means[j]) * (x[$1, j] - means[j]) } / Double(b)
      let scale = gamma[j] / (variance + epsilon).squareRoot()
      let sumG = (0..<b).reduce(0.0) { $0 + g[$1, j] }
      let sumGX = (0..<b).reduce(0.0) { $0 + g[$1, j] * xhat[$1, j] }
      for i in 0..<b {
        constant[i, j] = scale * g[i, j]
        noVariance[i, j] = scale * (g[i, j] - sumG / Double(b))
        noMean[i, j] = scale * (g[i, j] - xhat[i, j] * sumGX / Double(b))
      }
    }
    return (constant, noVariance, noMean)
  }
}
