import NeuralNet
import RealModule
import Theory

/// Step `.threshold`: the exact threshold of gradient descent on least squares, η < 2/λ_max, and the per-step
/// factor |1 − ηλ_max| of the error along the top eigenvector (docs/theory.md §7).
package enum QuadraticThreshold {
  /// One GD run on a linear least-squares problem.
  package struct Run: Sendable {
    /// η.
    package var learningRate: Double
    /// |c_t|: the size of the error along the top eigenvector at each step.
    package var topModeError: [Double]
    /// The loss at each step.
    package var loss: [Double]
    /// The predicted factor |1 − ηλ_max|.
    package var predictedFactor: Double

    /// The measured factor: the least-squares fit of log |c_t| against t, over the steps before the
    /// error reaches Float32's noise floor (10⁻⁶ of its start) or overflows.
    package var measuredFactor: Double {
      guard let start = topModeError.first, start > 0 else { return .nan }
      let steps = topModeError.indices.prefix { topModeError[$0].isFinite && topModeError[$0] > 1e-6 * start }
      return LogLinearFit(x: steps.map(Double.init), y: steps.map { topModeError[$0] })?.factor ?? .nan
    }
    /// Whether the run diverged (the loss grew past 10⁶ times its start, or stopped being finite).
    package var diverged: Bool {
      guard let first = loss.first, let last = loss.last else { return false }
      return !last.isFinite || last > 1e6 * Swift.max(first, 1e-12)
    }
  }

  /// A least-squares problem y = XW with the ½-mean loss: its Hessian A = XᵀX/n (per output).
  package struct Problem: Sendable {
    /// The inputs X, `[n, d]`.
    package var inputs: Tensor
    /// The targets, `[n, k]`.
    package var targets: Tensor
    /// A = XᵀX/n, row-major d × d, in Double.
    package var hessian: [Double]
    /// Its eigen-decomposition.
    package var eigen: SymmetricEigen

    /// λ_max of A.
    package var largestEigenvalue: Double { eigen.largest }
    /// 2/λ_max.
    package var threshold: Double { GradientDescentTheory.threshold(largestEigenvalue: largestEigenvalue) }

    /// The problem for inputs X and targets T.
    package init?(inputs: Tensor, targets: Tensor) {
      let n = inputs.rows
      let d = inputs.columns
      var a = [Double](repeating: 0, count: d * d)
      for r in 0..<n {
        for i in 0..<d {
          let xi = Double(inputs[r, i])
          if xi == 0 { continue }
          for j in 0..<d { a[i * d + j] += xi * Double(inputs[r, j]) }
        }
      }
      a = a.map { $0 / Double(n) }
      guard let eigen = SymmetricEigen(a, size: d) else { return nil }
      self.inputs = inputs
      self.targets = targets
      self.hessian = a
      self.eigen = eigen
    }

    /// The linear model y = xWᵀ of this problem, W = 0 `[k, d]`, no bias: the start of every GD run.
    package func linearModel() -> Sequential {
      Sequential([Dense(weight: Tensor(shape: [targets.columns, inputs.columns]), bias: false)])
    }

    /// b = XᵀT/n, `[d][k]`.
    var linearTerm: [[Double]] {
      let n = Double(inputs.rows)
      return (0..<inputs.columns).map { i in
        (0..<targets.columns).map { k in
          (0..<inputs.rows).map { Double(inputs[$0, i]) * Double(targets[$0, k]) }.reduce(0, +) / n
        }
      }
    }
  }

  /// Full-batch GD from W = 0 on `problem` with the ½-mean loss (or the sum, whose threshold is n
  /// times smaller), recording the top-mode error c_t = v·w_t − v·b/λ for every output.
  package static func gradientDescent(
    _ problem: Problem, learningRate eta: Double, steps: Int, reduction: HalfSquaredError.Reduction = .mean
  ) -> Run {
    let d = problem.inputs.columns
    let k = problem.targets.columns
    let model = problem.linearModel()
    let loss = HalfSquaredError(reduction: reduction)
    let v = problem.eigen.largestVector
    let lambda = problem.largestEigenvalue
    let b = problem.linearTerm
    let optimum = (0..<k).map { out in (0..<d).map { v[$0] * b[$0][out] }.reduce(0, +) / lambda }
    var errors: [Double] = []
    var losses: [Double] = []
    let optimizer = SGD(learningRate: Float(eta))
    for _ in 0...steps {
      let w = model.parameterVector  // [k, d] row-major
      let c = (0..<k).map { out in (0..<d).map { v[$0] * Double(w[out * d + $0]) }.reduce(0, +) - optimum[out] }
      errors.append(c.map { $0 * $0 }.reduce(0, +).squareRoot())
      let value = model.lossAndGradient(input: problem.inputs, targets: .values(problem.targets), loss: loss).loss
      losses.append(value)
      if !value.isFinite || value > 1e30 { break }
      optimizer.update(model.parameters)
    }
    let scale = reduction == .mean ? 1.0 : Double(problem.inputs.rows)
    return Run(
      learningRate: eta, topModeError: errors, loss: losses,
      predictedFactor: GradientDescentTheory.stepFactor(learningRate: eta, eigenvalue: lambda * scale))
  }

  /// docs/theory.md §7's example: X = diag(1, 3), targets 1, so A = diag(0.5, 4.5).
  package static var textbookProblem: Problem {
    Problem(
      inputs: Tensor(shape: [2, 2], scalars: [1, 0, 0, 3]), targets: Tensor(shape: [2, 1], scalars: [1, 1]))!
  }
}
