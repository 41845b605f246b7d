import RealModule

extension CodeExercises {
  /// Checks gradient clipping by global norm and by value.
  ///
  /// By global norm (Pascanu et al. 2013): with N = √(Σ_tensors ‖g_t‖²), every tensor is scaled
  /// by τ/N when N > τ and left alone otherwise, which keeps the direction. By value: every
  /// component is clamped to [−c, c], which turns the direction.
  static func checkClipping(_ impl: Implementations) throws -> String {
    let gradients: [[Double]] = [[3, -4], [12], [0.5, -1, 2]]
    let total = gradients.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
    func shapes(_ result: [[Double]], _ name: String) throws {
      guard result.map(\.count) == gradients.map(\.count) else {
        throw Mistake(
          "\(name) returned tensors of sizes \(result.map(\.count)), expected \(gradients.map(\.count)): one clipped tensor per input tensor"
        )
      }
      try Expect.finite(Array(result.joined()), name)
    }
    // Above the threshold: scaled by τ/N as a whole.
    let tau = total / 2
    let clipped = try Attempt.call("clipByGlobalNorm") { try impl.clipByGlobalNorm(gradients, tau) }
    try shapes(clipped, "clipByGlobalNorm")
    let expected = gradients.map { $0.map { $0 * tau / total } }
    let error = RelativeError.of(Array(clipped.joined()), Array(expected.joined()))
    if error > 1e-12 {
      let perTensor = gradients.map { t -> [Double] in
        let n = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return n > tau ? t.map { $0 * tau / n } : t
      }
      throw Expect.diagnose(
        Array(clipped.joined()),
        [
          (
            Array(perTensor.joined()),
            """
            each tensor was clipped by its OWN norm; the global norm is √(Σ‖g_t‖²) over all tensors \
            together, and one factor τ/N scales them all, keeping the direction
            """
          ),
          (
            Array(gradients.map { $0.map { Swift.min(Swift.max($0, -tau), tau) } }.joined()),
            "that is clipping by value; by norm, every component is scaled by τ/N"
          ),
          (Array(gradients.map { $0.map { $0 * tau / (total * total) } }.joined()), "the factor is τ/N, not τ/N²"),
        ],
        otherwise:
          """
          clipByGlobalNorm(τ = \(tau)) of a gradient of global norm \(total) should scale every component \
          by τ/N = 0.5 (relative error \(RelativeError.text(error)))
          """
      )
    }
    // Below the threshold: unchanged.
    let kept = try Attempt.call("clipByGlobalNorm") { try impl.clipByGlobalNorm(gradients, 2 * total) }
    try shapes(kept, "clipByGlobalNorm")
    guard RelativeError.of(Array(kept.joined()), Array(gradients.joined())) < 1e-12 else {
      throw Mistake(
        "clipByGlobalNorm changed a gradient whose norm \(total) is below the threshold \(2 * total): clip only when N > τ"
      )
    }
    // By value.
    let c = 2.5
    let clamped = try Attempt.call("clipByValue") { try impl.clipByValue(gradients, c) }
    try shapes(clamped, "clipByValue")
    let expectedClamped = gradients.map { $0.map { Swift.min(Swift.max($0, -c), c) } }
    let valueError = RelativeError.of(Array(clamped.joined()), Array(expectedClamped.joined()))
    if valueError > 1e-12 {
      throw Expect.diagnose(
        Array(clamped.joined()),
        [
          (
            Array(gradients.map { $0.map { Swift.min($0, c) } }.joined()),
            "negative components are not clamped: clip to [−c, c], i.e. min(max(g, −c), c)"
          ),
          (
            Array(gradients.map { $0.map { $0 * c / total } }.joined()),
            "that rescales the whole gradient (norm clipping); by value, each component is clamped to [−c, c]"
          ),
        ],
        otherwise:
          "clipByValue(c = \(c)) should clamp every component to [−c, c] (relative error \(RelativeError.text(valueError)))"
      )
    }
    // The lesson's point: norm clipping keeps the direction, value clipping turns it.
    let flat = Array(gradients.joined())
    func cosine(_ a: [Double], _ b: [Double]) -> Double {
      zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
        / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot())
    }
    let normCosine = cosine(flat, Array(clipped.joined()))
    let valueCosine = cosine(flat, Array(clamped.joined()))
    return
      """
      by norm: global norm \(String(format: "%.4g", total)) → τ = \(String(format: "%.4g", tau)), \
      direction kept (cosine \(String(format: "%.6f", normCosine))), left alone below τ; by value: \
      clamped to [−\(c), \(c)], direction turned (cosine \(String(format: "%.4f", valueCosine)))
      """
  }
}
