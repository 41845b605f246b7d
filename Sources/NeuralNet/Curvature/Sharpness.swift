/// The sharpness of a loss at the current parameters: the largest eigenvalue of its Hessian, by
/// power iteration on Hessian-vector products, each from a central difference of two gradients:
/// Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / (2ε) (Pearlmutter 1994 gives the exact product; a difference
/// of gradients is enough here and needs no second backward pass).
public enum Sharpness {
  /// The top eigenvalue of the Hessian of `loss` on (`input`, `targets`) at the model's parameters,
  /// estimated with `iterations` power-iteration steps from a seeded random start. The model's
  /// parameters are restored afterwards.
  public static func largestEigenvalue(
    _ model: Sequential, input: Tensor, targets: Targets, loss: some Loss, iterations: Int = 20,
    start: [Double]? = nil, seed: UInt64 = 1
  ) -> (value: Double, vector: [Double]) {
    let theta = model.parameterVector
    defer { model.parameterVector = theta }
    var rng = SeededGenerator(seed: seed)
    var v = start ?? rng.gaussians(count: theta.count)
    normalize(&v)
    var lambda = 0.0
    let thetaNorm = (theta.map { Double($0) * Double($0) }.reduce(0, +)).squareRoot()
    let epsilon = 1e-3 * Swift.max(1, thetaNorm) / Double(theta.count).squareRoot()
    for _ in 0..<iterations {
      let hv = hessianVectorProduct(
        model, theta: theta, v: v, epsilon: epsilon, input: input, targets: targets, loss: loss)
      lambda = zip(v, hv).map { $0 * $1 }.reduce(0, +)  // Rayleigh quotient vᵀHv, ‖v‖ = 1
      v = hv
      normalize(&v)
    }
    return (lambda, v)
  }

  static func hessianVectorProduct(
    _ model: Sequential, theta: [Float], v: [Double], epsilon: Double, input: Tensor, targets: Targets,
    loss: some Loss
  ) -> [Double] {
    model.parameterVector = zip(theta, v).map { Float(Double($0) + epsilon * $1) }
    let plus = model.lossAndGradient(input: input, targets: targets, loss: loss).gradient
    model.parameterVector = zip(theta, v).map { Float(Double($0) - epsilon * $1) }
    let minus = model.lossAndGradient(input: input, targets: targets, loss: loss).gradient
    return zip(plus, minus).map { ($0 - $1) / (2 * epsilon) }
  }

  static func normalize(_ v: inout [Double]) {
    let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
    if norm > 0 { v = v.map { $0 / norm } }
  }
}
