import NeuralNet

extension CodeExercises {
  /// Checks the largest stable step size of gradient descent on a quadratic.
  ///
  /// On L(w) = ½wᵀHw, GD moves each eigen-direction of H as e ← (1 − ηλ)·e, so it converges for
  /// every start only if |1 − ηλ| < 1 for all eigenvalues: η < 2/λ_max. λ_max is found by power
  /// iteration (v ← Hv/‖Hv‖).
  static func checkStableStepSize(_ impl: Implementations) throws -> String {
    var rng = SeededGenerator(seed: 29)
    let spectra: [[Double]] = [[5, 2, 1, 0.5], [10, 9.5, 3, 0.1, 0.01], [1, 1, 1], [0.8, 0.3]]
    var lines: [String] = []
    for spectrum in spectra {
      let h = SymmetricProbe.matrix(eigenvalues: spectrum, using: &rng)
      let eta = try Attempt.call("largestStableStepSize") { try impl.largestStableStepSize(h) }
      let lMax = spectrum.max()!
      let expected = 2 / lMax
      guard RelativeError.of([eta], [expected]) < 1e-6 else {
        let trace = spectrum.reduce(0, +)
        let diagonal = (0..<h.rows).map { h[$0, $0] }.max()!
        throw Expect.diagnose(
          [eta],
          [
            ([1 / lMax], "1/λ_max is the fastest step for the top direction; GD stays stable up to 2/λ_max"),
            (
              [2 / spectrum.min()!],
              "2/λ_MIN is the threshold of the flattest direction; the steepest one, λ_max, diverges first"
            ),
            ([2 / trace], "2/trace(H) is a safe step but not the largest: use λ_max, not the sum of all eigenvalues"),
            (
              [2 / diagonal],
              "2/max H_ii uses the largest diagonal entry; λ_max is the largest EIGENVALUE (power iteration)"
            ),
            ([lMax / 2], "that is λ_max/2; the step size is 2/λ_max"),
          ],
          otherwise:
            "largestStableStepSize of a Hessian with eigenvalues \(spectrum) = \(eta), expected 2/λ_max = \(expected)"
        )
      }
      // The property: GD just below the threshold converges, just above diverges.
      let below = SymmetricProbe.gradientDescentGrowth(h, learningRate: 0.98 * eta, steps: 400)
      let above = SymmetricProbe.gradientDescentGrowth(h, learningRate: 1.02 * eta, steps: 400)
      guard below < 1 && above > 1 else {
        throw Mistake(
          "GD at 0.98η grows ‖w‖ by \(below) and at 1.02η by \(above) over 400 steps; expected < 1 and > 1")
      }
      lines.append(
        """
        λ_max = \(lMax): η = \(String(format: "%.4g", eta)), GD at 0.98η shrinks ‖w‖ \
        ×\(String(format: "%.2g", below)), at 1.02η grows ×\(String(format: "%.2g", above))
        """
      )
    }
    return "2/λ_max within 1e-6 for \(spectra.count) Hessians; " + lines.joined(separator: "; ")
  }
}

/// Symmetric matrices with a chosen spectrum, and gradient descent on their quadratic.
enum SymmetricProbe {
  /// Q·diag(λ)·Qᵀ with Q a random orthogonal matrix (Gram–Schmidt of a Gaussian one).
  static func matrix(eigenvalues: [Double], using rng: inout SeededGenerator) -> Matrix {
    let n = eigenvalues.count
    let a = Matrix.gaussian(rows: n, columns: n, using: &rng)
    var q = [[Double]]()
    for j in 0..<n {
      var v = (0..<n).map { a[$0, j] }
      for u in q {
        let dot = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
        v = zip(v, u).map { $0 - dot * $1 }
      }
      let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      q.append(v.map { $0 / norm })
    }
    var h = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n {
        h[i, j] = (0..<n).reduce(0) { $0 + q[$1][i] * eigenvalues[$1] * q[$1][j] }
      }
    }
    return h
  }

  /// ‖w_T‖/‖w_0‖ after `steps` of w ← w − η·H·w from w_0 = (1, …, 1).
  static func gradientDescentGrowth(_ h: Matrix, learningRate eta: Double, steps: Int) -> Double {
    var w = Matrix(rows: h.rows, columns: 1, repeating: 1)
    let start = w.norm
    for _ in 0..<steps { w = w - eta * (h * w) }
    return w.norm / start
  }
}
