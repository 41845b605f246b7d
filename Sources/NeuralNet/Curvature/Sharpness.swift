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
    var hv = [Double](repeating: 0, count: theta.count)
    let parameters = model.parameters
    for _ in 0..<iterations {
      hessianVectorProduct(
        model, parameters, theta: theta, v: v, epsilon: epsilon, input: input, targets: targets, loss: loss,
        into: &hv)
      // Rayleigh quotient vᵀHv (‖v‖ = 1), summed in order.
      lambda = 0
      for i in v.indices { lambda += v[i] * hv[i] }
      swap(&v, &hv)
      normalize(&v)
    }
    return (lambda, v)
  }

  /// Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / (2ε) into `hv`, written in place: the parameters are set
  /// and the gradients read layer by layer, with no vector built per pass (the allocations were
  /// half the time of a sharpness measurement under perf).
  static func hessianVectorProduct(
    _ model: Sequential, _ parameters: [Parameter], theta: [Float], v: [Double], epsilon: Double, input: Tensor,
    targets: Targets, loss: some Loss, into hv: inout [Double]
  ) {
    precondition(hv.count == theta.count && v.count == theta.count, "θ, v and Hv differ in length")
    setParameters(parameters, theta: theta, v: v, epsilon: epsilon, plus: true)
    model.computeGradients(input: input, targets: targets, loss: loss)
    hv.withUnsafeMutableBufferPointer { out in
      var offset = 0
      for parameter in parameters {
        parameter.gradient.scalars.withUnsafeBufferPointer { g in
          let target = out.baseAddress! + offset
          for i in 0..<g.count { target[i] = Double(g[i]) }
        }
        offset += parameter.gradient.count
      }
    }
    setParameters(parameters, theta: theta, v: v, epsilon: epsilon, plus: false)
    model.computeGradients(input: input, targets: targets, loss: loss)
    hv.withUnsafeMutableBufferPointer { out in
      var offset = 0
      for parameter in parameters {
        parameter.gradient.scalars.withUnsafeBufferPointer { g in
          let target = out.baseAddress! + offset
          for i in 0..<g.count { target[i] = (target[i] - Double(g[i])) / (2 * epsilon) }
        }
        offset += parameter.gradient.count
      }
    }
  }

  /// Sets the parameters to θ + εv (`plus`) or θ − εv, in Float, in place. (The loops run over
  /// raw pointers: with array subscripts their bounds checks kept them from vectorizing.)
  static func setParameters(_ parameters: [Parameter], theta: [Float], v: [Double], epsilon: Double, plus: Bool) {
    let step = plus ? epsilon : -epsilon
    theta.withUnsafeBufferPointer { theta in
      v.withUnsafeBufferPointer { v in
        var offset = 0
        for parameter in parameters {
          parameter.value.scalars.withUnsafeMutableBufferPointer { p in
            let (t, d) = (theta.baseAddress! + offset, v.baseAddress! + offset)
            for i in 0..<p.count { p[i] = Float(Double(t[i]) + step * d[i]) }
          }
          offset += parameter.value.count
        }
      }
    }
  }

  /// v / ‖v‖ in place (‖v‖ summed in order); a zero vector is left as it is.
  static func normalize(_ v: inout [Double]) {
    var squares = 0.0
    for x in v { squares += x * x }
    let norm = squares.squareRoot()
    guard norm > 0 else { return }
    v.withUnsafeMutableBufferPointer { v in
      for i in 0..<v.count { v[i] /= norm }
    }
  }
}
