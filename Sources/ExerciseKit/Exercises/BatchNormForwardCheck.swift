import NeuralNet

extension CodeExercises {
  /// Checks batch normalization's forward pass in training mode.
  ///
  /// Per feature j over the batch: μ_j = (1/B)Σ_i x_ij, σ_j² = (1/B)Σ_i (x_ij − μ_j)² (the biased
  /// variance), y_ij = γ_j·(x_ij − μ_j)/√(σ_j² + ε) + β_j (Ioffe & Szegedy 2015, Algorithm 1).
  static func checkBatchNormForward(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 13)
    let (b, d) = (8, 5)
    // Features with different means and scales, so that a per-row normalization differs.
    var x = Matrix.gaussian(rows: b, columns: d, using: &rng)
    for i in 0..<b { for j in 0..<d { x[i, j] = 3 * Double(j + 1) * x[i, j] + Double(j) - 2 } }
    let gamma = (0..<d).map { 0.5 + 0.3 * Double($0) }
    let beta = (0..<d).map { 0.2 * Double($0) - 0.4 }
    let epsilon = 1e-5
    let y = try Attempt.call("batchNormForward") { try impl.batchNormForward(x, gamma, beta, epsilon) }
    try Expect.shape(y, b, d, "the output", hint: "batch norm keeps the shape of x")
    try Expect.finite(y.values, "the output")
    let expected = BatchNormReference.forward(x, gamma: gamma, beta: beta, epsilon: epsilon)
    let error = RelativeError.of(y, expected)
    if error > 1e-9 {
      throw Expect.diagnose(
        y.values,
        [
          (
            BatchNormReference.forward(x, gamma: gamma, beta: beta, epsilon: epsilon, unbiased: true).values,
            "you divided the variance by B − 1; batch norm uses the biased batch variance (1/B)Σ(x − μ)²"
          ),
          (
            BatchNormReference.forward(x.transposed, gamma: nil, beta: nil, epsilon: epsilon).transposed.values,
            "you normalized each example over its features (layer norm) and left out γ, β; batch norm normalizes each FEATURE over the batch"
          ),
          (
            BatchNormReference.forward(x.transposed, gamma: nil, beta: nil, epsilon: epsilon).transposed.values
              .enumerated().map { i, v in gamma[i % d] * v + beta[i % d] },
            "you normalized each example over its features (layer norm); batch norm normalizes each FEATURE over the batch, i.e. down the columns"
          ),
          (
            BatchNormReference.forward(x, gamma: beta, beta: gamma, epsilon: epsilon).values,
            "γ and β are swapped: y = γ·x̂ + β"
          ),
          (
            BatchNormReference.forward(x, gamma: nil, beta: nil, epsilon: epsilon).values,
            "γ and β are not applied: y = γ·x̂ + β"
          ),
          (
            BatchNormReference.forward(x, gamma: gamma, beta: beta, epsilon: epsilon, epsilonOutsideRoot: true)
              .values,
            "ε is added outside the square root; it goes under it: √(σ² + ε)"
          ),
        ],
        otherwise:
          "the output differs from γ·(x − μ)/√(σ² + ε) + β by a relative error of \(RelativeError.text(error))")
    }
    // The lesson's property: with γ = 1, β = 0 every feature has mean 0 and variance 1.
    let plain = try Attempt.call("batchNormForward") {
      try impl.batchNormForward(x, [Double](repeating: 1, count: d), [Double](repeating: 0, count: d), epsilon)
    }
    let means = plain.columnMeans
    let variances = (0..<d).map { j in
      (0..<b).reduce(0.0) { $0 + (plain[$1, j] - means[j]) * (plain[$1, j] - means[j]) } / Double(b)
    }
    let worstMean = means.map { abs($0) }.max() ?? 0
    let worstVariance = variances.map { abs($0 - 1) }.max() ?? 0
    guard worstMean < 1e-9 && worstVariance < 1e-3 else {
      throw Mistake(
        "with γ = 1, β = 0 the features have means up to \(worstMean) and variances up to 1 ± \(worstVariance)")
    }
    // The engine's BatchNorm in training mode (Float32).
    let layer = BatchNorm(features: d, epsilon: Float(epsilon))
    layer.gamma.value = Tensor(shape: [d], scalars: gamma.map { Float($0) })
    layer.beta.value = Tensor(shape: [d], scalars: beta.map { Float($0) })
    let engine = layer.forward(Tensor(shape: [b, d], scalars: x.values.map { Float($0) })).scalars.map { Double($0) }
    let engineError = zip(y.values, engine).map { abs($0 - $1) }.max() ?? 0
    guard engineError < 1e-4 else {
      throw Mistake("your output differs from the engine's BatchNorm by up to \(engineError)")
    }
    return
      """
      relative error \(RelativeError.text(error)) against γ·(x − μ)/√(σ² + ε) + β (threshold 1e-9); \
      with γ = 1, β = 0 every feature has mean 0 (|mean| ≤ \(RelativeError.text(worstMean))) and \
      variance 1 (± \(RelativeError.text(worstVariance)), ε's share); the engine's BatchNorm agrees \
      within \(RelativeError.text(engineError))
      """
  }
}

/// Batch norm in Float64, the checks' reference, with the mistakes they recognise as options.
enum BatchNormReference {
  /// γ·(x − μ)/√(σ² + ε) + β per column (nil γ, β: 1 and 0).
  static func forward(
    _ x: Matrix, gamma: [Double]?, beta: [Double]?, epsilon: Double, unbiased: Bool = false,
    epsilonOutsideRoot: Bool = false
  ) -> Matrix {
    let (b, d) = (x.rows, x.columns)
    let means = x.columnMeans
    var y = x
    for j in 0..<d {
      let sum = (0..<b).reduce(0.0) { $0 + (x[$1, j] - means[j]) * (x[$1, j] - means[j]) }
      let variance = sum / Double(unbiased ? b - 1 : b)
      let scale = epsilonOutsideRoot ? variance.squareRoot() + epsilon : (variance + epsilon).squareRoot()
      for i in 0..<b { y[i, j] = (gamma?[j] ?? 1) * (x[i, j] - means[j]) / scale + (beta?[j] ?? 0) }
    }
    return y
  }
}
