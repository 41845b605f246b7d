import NeuralNet

extension CodeExercises {
  /// Checks He and Xavier initialization's standard deviations.
  ///
  /// He et al. (2015): Var[W] = 2/n_in keeps E[h²] and the gradient's squared norm constant
  /// through ReLU layers, since ReLU halves the second moment. Glorot & Bengio (2010): Var[W] =
  /// 2/(n_in + n_out), the compromise between keeping forward (1/n_in) and backward (1/n_out)
  /// variances for a unit-slope activation.
  static func checkInitVariance(_ impl: Implementations) throws -> String {
    let fans = [(64, 64), (256, 128), (100, 400), (784, 10), (3, 5)]
    for (fanIn, fanOut) in fans {
      let he = try Attempt.call("heStandardDeviation") { try impl.heStandardDeviation(fanIn) }
      let expected = (2 / Double(fanIn)).squareRoot()
      guard RelativeError.of([he], [expected]) > 1e-9 else { continue }
      let n = Double(fanIn)
      throw Expect.diagnose(
        [he],
        [
          (
            [2 / n],
            "heStandardDeviation returned 2/n_in, the VARIANCE; N(0, σ²) needs the standard deviation σ = √(2/n_in)"
          ),
          (
            [(1 / n).squareRoot()],
            "heStandardDeviation returned √(1/n_in), LeCun's init: ReLU zeroes half of the units, so He doubles the variance to 2/n_in"
          ),
          (
            [(2 / Double(fanOut)).squareRoot()],
            "heStandardDeviation used fan-out; He's forward rule (mode fan_in) is √(2/n_in)"
          ),
          (
            [(6 / n).squareRoot()],
            "heStandardDeviation returned √(6/n_in), the bound of He's UNIFORM init; the normal init's σ is √(2/n_in)"
          ),
        ],
        otherwise:
          "heStandardDeviation(fanIn: \(fanIn)) = \(he), expected √(2/\(fanIn)) = \(expected)")
    }
    for (fanIn, fanOut) in fans {
      let xavier = try Attempt.call("xavierStandardDeviation") { try impl.xavierStandardDeviation(fanIn, fanOut) }
      let sum = Double(fanIn + fanOut)
      let expected = (2 / sum).squareRoot()
      guard RelativeError.of([xavier], [expected]) > 1e-9 else { continue }
      throw Expect.diagnose(
        [xavier],
        [
          ([2 / sum], "xavierStandardDeviation returned 2/(n_in + n_out), the VARIANCE; σ is its square root"),
          (
            [(1 / Double(fanIn)).squareRoot()],
            "xavierStandardDeviation used fan-in only: Glorot & Bengio average fan-in and fan-out, σ² = 2/(n_in + n_out)"
          ),
          (
            [(6 / sum).squareRoot()],
            "xavierStandardDeviation returned √(6/(n_in + n_out)), the bound of the UNIFORM Xavier init; the normal init's σ is √(2/(n_in + n_out))"
          ),
          ([(1 / sum).squareRoot()], "xavierStandardDeviation is off by a factor √2: σ² = 2/(n_in + n_out)"),
        ],
        otherwise:
          "xavierStandardDeviation(fanIn: \(fanIn), fanOut: \(fanOut)) = \(xavier), expected √(2/\(fanIn + fanOut)) = \(expected)"
      )
    }
    // The lesson's property: a 50-layer ReLU net with the student's He init keeps the
    // back-propagated gradient norm flat (the ratio of the first to the last layer's norm).
    // At width 256 one net's log-norm fluctuates by about √(5L/4n) ≈ 0.5 (Hanin 2018), so
    // "flat" is [¼, 4]; LeCun's init gives 2^−24.5, a σ 10% off 0.006 or 107.
    let width = 256
    let std = try Attempt.call("heStandardDeviation") { try impl.heStandardDeviation(width) }
    let ratio = DeepReLUProbe.firstToLastGradientRatio(depth: 50, width: width, weightStandardDeviation: std)
    guard ratio > 0.25 && ratio < 4 else {
      throw Mistake("a 50-layer ReLU net with your He init has ‖∂L/∂h₁‖/‖∂L/∂h₅₀‖ = \(ratio), outside [¼, 4]")
    }
    return
      """
      σ_He = √(2/n_in) and σ_Xavier = √(2/(n_in + n_out)) at \(fans.count) shapes (relative error < \
      1e-9); a 50-layer ReLU net of width \(width) with your He init keeps ‖∂L/∂h₁‖/‖∂L/∂h₅₀‖ = \
      \(String(format: "%.3g", ratio)) (flat: within [¼, 4])
      """
  }
}

/// A deep ReLU net in Float64, for the init exercise's property: forward through `depth` layers
/// h_l = ReLU(h_{l−1}·W_l) with W ~ N(0, σ²), then backward from a random upstream gradient.
enum DeepReLUProbe {
  static func firstToLastGradientRatio(depth: Int, width: Int, weightStandardDeviation std: Double) -> Double {
    var rng = SeededGenerator(seed: 7)
    let weights = (0..<depth).map { _ in
      Matrix.gaussian(rows: width, columns: width, standardDeviation: std, using: &rng)
    }
    var h = Matrix.gaussian(rows: 16, columns: width, using: &rng)
    var masks: [Matrix] = []
    for w in weights {
      let a = h * w
      masks.append(a.map { $0 > 0 ? 1 : 0 })
      h = a.map { Swift.max($0, 0) }
    }
    var g = Matrix.gaussian(rows: 16, columns: width, using: &rng)
    let last = g.norm
    var first = last
    for l in stride(from: depth - 1, through: 0, by: -1) {
      g = g.hadamard(masks[l]) * weights[l].transposed
      if l == 1 { first = g.norm }
    }
    return first / last
  }
}
