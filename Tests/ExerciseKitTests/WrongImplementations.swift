import ExerciseKit
import Foundation
import Testing

/// Deliberately wrong implementations of the code exercises, each with the words the checker's
/// reason must contain: every exercise has at least one, and most have the classic bugs.
enum WrongImplementations {
  /// One wrong implementation: the exercise it targets, the functions (all others throw
  /// `NotImplemented`), and what the reason must say.
  struct Case: Sendable, CustomTestStringConvertible {
    var exercise: String
    var mistake: String
    var implementations: Implementations
    var reason: String
    var testDescription: String { "\(exercise): \(mistake)" }
  }

  static func with(_ change: (inout Implementations) -> Void) -> Implementations {
    var implementations = Implementations.notImplemented
    change(&implementations)
    return implementations
  }

  // Correct pieces the wrong ones vary.
  static func batchNormStatistics(_ x: Matrix, _ epsilon: Double) -> (means: [Double], roots: [Double], xhat: Matrix) {
    let (b, d) = (x.rows, x.columns)
    let means = x.columnMeans
    var roots = [Double](repeating: 0, count: d)
    var xhat = x
    for j in 0..<d {
      let variance = (0..<b).reduce(0.0) { $0 + (x[$1, j] - means[j]) * (x[$1, j] - means[j]) } / Double(b)
      roots[j] = (variance + epsilon).squareRoot()
      for i in 0..<b { xhat[i, j] = (x[i, j] - means[j]) / roots[j] }
    }
    return (means, roots, xhat)
  }

  /// Batch norm's ∂L/∂x with chosen terms: `meanTerm` subtracts Σg/B, `varianceTerm` x̂·Σ(g·x̂)/B.
  static func batchNormInputGradient(
    _ x: Matrix, _ gamma: [Double], _ epsilon: Double, _ g: Matrix, meanTerm: Bool, varianceTerm: Bool
  ) -> Matrix {
    let (b, d) = (x.rows, x.columns)
    let (_, roots, xhat) = batchNormStatistics(x, epsilon)
    var dx = x
    for j in 0..<d {
      let sumG = (0..<b).reduce(0.0) { $0 + g[$1, j] }
      let sumGX = (0..<b).reduce(0.0) { $0 + g[$1, j] * xhat[$1, j] }
      for i in 0..<b {
        dx[i, j] =
          gamma[j] / roots[j]
          * (g[i, j] - (meanTerm ? sumG / Double(b) : 0) - (varianceTerm ? xhat[i, j] * sumGX / Double(b) : 0))
      }
    }
    return dx
  }

  /// A batch-norm backward pass with the right ∂L/∂γ, ∂L/∂β and the chosen terms of ∂L/∂x
  /// (`batchNormInputGradient`).
  static func batchNormBackward(meanTerm: Bool, varianceTerm: Bool)
    -> @Sendable (Matrix, [Double], Double, Matrix) throws -> BatchNormGradients
  {
    { x, gamma, epsilon, g in
      let (_, _, xhat) = batchNormStatistics(x, epsilon)
      return BatchNormGradients(
        input: batchNormInputGradient(x, gamma, epsilon, g, meanTerm: meanTerm, varianceTerm: varianceTerm),
        gamma: g.hadamard(xhat).columnSums, beta: g.columnSums)
    }
  }

  static func chi1(_ w2: Double, _ b2: Double, q fixed: Double?, factor: Bool = true, normalized: Bool = true) -> Double
  {
    let (nodes, weights) = HermiteRule.physicists(count: 100)
    func e(_ f: (Double) -> Double) -> Double {
      zip(nodes, weights).reduce(0) { $0 + $1.1 * f(2.0.squareRoot() * $1.0) }
        / (normalized ? Double.pi.squareRoot() : 1)
    }
    var q = fixed ?? 1
    if fixed == nil {
      for _ in 0..<5000 { q = w2 * e { pow(tanh(q.squareRoot() * $0), 2) } + b2 }
    }
    return (factor ? w2 : 1) * e { pow(1 - pow(tanh(q.squareRoot() * $0), 2), 2) }
  }

  static func largestEigenvalue(_ h: Matrix) -> Double {
    var v = Matrix(rows: h.rows, columns: 1, values: (0..<h.rows).map { 1 + 0.1 * Double($0) })
    var lambda = 0.0
    for _ in 0..<20_000 {
      let hv = h * v
      lambda = (v.transposed * hv)[0, 0]
      v = (1 / hv.norm) * hv
    }
    return lambda
  }

  static let cases: [Case] = [
    Case(
      exercise: "init-variance", mistake: "He returns the variance",
      implementations: with { $0.heStandardDeviation = { 2 / Double($0) } }, reason: "the VARIANCE"),
    Case(
      exercise: "init-variance", mistake: "He without the factor 2 (LeCun)",
      implementations: with { $0.heStandardDeviation = { (1 / Double($0)).squareRoot() } }, reason: "LeCun"),
    Case(
      exercise: "init-variance", mistake: "Xavier with fan-in only",
      implementations: with {
        $0.heStandardDeviation = { (2 / Double($0)).squareRoot() }
        $0.xavierStandardDeviation = { fanIn, _ in (1 / Double(fanIn)).squareRoot() }
      }, reason: "fan-in only"),
    Case(
      exercise: "init-variance", mistake: "Xavier's uniform bound",
      implementations: with {
        $0.heStandardDeviation = { (2 / Double($0)).squareRoot() }
        $0.xavierStandardDeviation = { (6 / Double($0 + $1)).squareRoot() }
      }, reason: "UNIFORM"),
    Case(
      exercise: "dense-backward", mistake: "∂L/∂W transposed",
      implementations: with {
        $0.denseBackward = { x, w, g in
          DenseGradients(input: g * w.transposed, weight: g.transposed * x, bias: g.columnSums)
        }
      }, reason: "the transpose"),
    Case(
      exercise: "dense-backward", mistake: "∂L/∂b averaged",
      implementations: with {
        $0.denseBackward = { x, w, g in
          DenseGradients(input: g * w.transposed, weight: x.transposed * g, bias: g.columnMeans)
        }
      }, reason: "MEAN"),
    Case(
      exercise: "dense-backward", mistake: "∂L/∂x with the wrong sign",
      implementations: with {
        $0.denseBackward = { x, w, g in
          DenseGradients(input: (-1.0) * (g * w.transposed), weight: x.transposed * g, bias: g.columnSums)
        }
      }, reason: "wrong sign"),
    Case(
      exercise: "batchnorm-forward", mistake: "unbiased variance",
      implementations: with {
        $0.batchNormForward = { x, gamma, beta, epsilon in
          let (b, d) = (x.rows, x.columns)
          let means = x.columnMeans
          var y = x
          for j in 0..<d {
            let variance = (0..<b).reduce(0.0) { $0 + (x[$1, j] - means[j]) * (x[$1, j] - means[j]) } / Double(b - 1)
            for i in 0..<b { y[i, j] = gamma[j] * (x[i, j] - means[j]) / (variance + epsilon).squareRoot() + beta[j] }
          }
          return y
        }
      }, reason: "B − 1"),
    Case(
      exercise: "batchnorm-forward", mistake: "normalizes each example (layer norm)",
      implementations: with {
        $0.batchNormForward = { x, gamma, beta, epsilon in
          let (_, _, xhat) = batchNormStatistics(x.transposed, epsilon)
          var y = xhat.transposed
          for i in 0..<y.rows { for j in 0..<y.columns { y[i, j] = gamma[j] * y[i, j] + beta[j] } }
          return y
        }
      }, reason: "each example"),
    Case(
      exercise: "batchnorm-backward", mistake: "batch statistics treated as constants",
      implementations: with { $0.batchNormBackward = batchNormBackward(meanTerm: false, varianceTerm: false) },
      reason: "as constants"),
    Case(
      exercise: "batchnorm-backward", mistake: "the variance path missing",
      implementations: with { $0.batchNormBackward = batchNormBackward(meanTerm: true, varianceTerm: false) },
      reason: "through the variance is missing"),
    Case(
      exercise: "batchnorm-backward", mistake: "the mean path missing",
      implementations: with { $0.batchNormBackward = batchNormBackward(meanTerm: false, varianceTerm: true) },
      reason: "through the mean is missing"),
    Case(
      exercise: "batchnorm-backward", mistake: "∂L/∂γ = Σ g",
      implementations: with {
        $0.batchNormBackward = { x, gamma, epsilon, g in
          BatchNormGradients(
            input: batchNormInputGradient(x, gamma, epsilon, g, meanTerm: true, varianceTerm: true),
            gamma: g.columnSums, beta: g.columnSums)
        }
      }, reason: "not Σ g"),
    Case(
      exercise: "clipping", mistake: "each tensor by its own norm",
      implementations: with {
        $0.clipByGlobalNorm = { gradients, tau in
          gradients.map { t in
            let n = t.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return n > tau ? t.map { $0 * tau / n } : t
          }
        }
      }, reason: "OWN norm"),
    Case(
      exercise: "clipping", mistake: "rescales even below the threshold",
      implementations: with {
        $0.clipByGlobalNorm = { gradients, tau in
          let n = gradients.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
          return gradients.map { $0.map { $0 * tau / n } }
        }
      }, reason: "below the threshold"),
    Case(
      exercise: "clipping", mistake: "value clipping without a lower bound",
      implementations: with {
        $0.clipByGlobalNorm = { gradients, tau in
          let n = gradients.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
          return n > tau ? gradients.map { $0.map { $0 * tau / n } } : gradients
        }
        $0.clipByValue = { gradients, c in gradients.map { $0.map { Swift.min($0, c) } } }
      }, reason: "negative components"),
    Case(
      exercise: "residual-backward", mistake: "the identity path missing",
      implementations: with {
        $0.residualBlockBackward = { x, w, g in
          let branch = g.hadamard((x * w).map { $0 > 0 ? 1 : 0 })
          return ResidualGradients(input: branch * w.transposed, weight: x.transposed * branch)
        }
      }, reason: "identity term is missing"),
    Case(
      exercise: "residual-backward", mistake: "ReLU's derivative missing",
      implementations: with {
        $0.residualBlockBackward = { x, w, g in ResidualGradients(input: g + g * w.transposed, weight: x.transposed * g)
        }
      }, reason: "ReLU's derivative is missing"),
    Case(
      exercise: "bptt-step", mistake: "tanh's derivative missing",
      implementations: with {
        $0.recurrentStepBackward = { h, x, w, _, g in
          RecurrentStepGradients(
            previousHidden: g * w.transposed, recurrentWeight: h.transposed * g, inputWeight: x.transposed * g)
        }
      }, reason: "tanh's derivative is missing"),
    Case(
      exercise: "bptt-step", mistake: "tanh' as 1 − a²",
      implementations: with {
        $0.recurrentStepBackward = { h, x, w, u, g in
          let delta = g.hadamard((h * w + x * u).map { 1 - $0 * $0 })
          return RecurrentStepGradients(
            previousHidden: delta * w.transposed, recurrentWeight: h.transposed * delta,
            inputWeight: x.transposed * delta)
        }
      }, reason: "not 1 − a²"),
    Case(
      exercise: "bptt-step", mistake: "∂L/∂U transposed",
      implementations: with {
        $0.recurrentStepBackward = { h, x, w, u, g in
          let ht = (h * w + x * u).map { tanh($0) }
          let delta = g.hadamard(ht.map { 1 - $0 * $0 })
          return RecurrentStepGradients(
            previousHidden: delta * w.transposed, recurrentWeight: h.transposed * delta,
            inputWeight: delta.transposed * x)
        }
      }, reason: "the transpose"),
    Case(
      exercise: "tanh-chi1", mistake: "evaluated at q = 1",
      implementations: with { $0.tanhChi1 = { chi1($0, $1, q: 1) } }, reason: "FIXED POINT"),
    Case(
      exercise: "tanh-chi1", mistake: "σ_w² missing",
      implementations: with { $0.tanhChi1 = { chi1($0, $1, q: nil, factor: false) } }, reason: "factor σ_w² is missing"),
    Case(
      exercise: "tanh-chi1", mistake: "quadrature not normalized",
      implementations: with {
        $0.tanhChi1 = { w2, b2 in chi1(w2, b2, q: nil) * Double.pi.squareRoot() }
      }, reason: "not normalized"),
    Case(
      exercise: "stable-step-size", mistake: "1/λ_max",
      implementations: with { $0.largestStableStepSize = { 1 / largestEigenvalue($0) } },
      reason: "1/λ_max is the fastest"),
    Case(
      exercise: "stable-step-size", mistake: "2/trace",
      implementations: with {
        $0.largestStableStepSize = { h in 2 / (0..<h.rows).reduce(0) { $0 + h[$1, $1] } }
      }, reason: "trace"),
    Case(
      exercise: "stable-step-size", mistake: "2/max diagonal entry",
      implementations: with {
        $0.largestStableStepSize = { h in 2 / (0..<h.rows).map { h[$0, $0] }.max()! }
      }, reason: "diagonal entry"),
    Case(
      exercise: "loss-scale-update", mistake: "takes the step on an overflow",
      implementations: with { $0.lossScaleUpdate = { try lossScale($0, $1, $2, $3, $4, skipOnOverflow: false) } },
      reason: "must be skipped"),
    Case(
      exercise: "loss-scale-update", mistake: "keeps the count on an overflow",
      implementations: with { $0.lossScaleUpdate = { try lossScale($0, $1, $2, $3, $4, resetOnOverflow: false) } },
      reason: "starts the count of good steps again"),
    Case(
      exercise: "loss-scale-update", mistake: "grows one step late",
      implementations: with { $0.lossScaleUpdate = { try lossScale($0, $1, $2, $3, $4, growAfter: 1) } },
      reason: "not >"),
  ]

  /// GradScaler's update with one of three mistakes switched on.
  static func lossScale(
    _ state: LossScaleState, _ overflow: Bool, _ growth: Double, _ backoff: Double, _ interval: Int,
    skipOnOverflow: Bool = true, resetOnOverflow: Bool = true, growAfter extra: Int = 0
  ) throws -> (state: LossScaleState, skipStep: Bool) {
    if overflow {
      return (
        LossScaleState(scale: state.scale * backoff, goodSteps: resetOnOverflow ? 0 : state.goodSteps), skipOnOverflow
      )
    }
    let good = state.goodSteps + 1
    guard good >= interval + extra else { return (LossScaleState(scale: state.scale, goodSteps: good), false) }
    return (LossScaleState(scale: state.scale * growth, goodSteps: 0), false)
  }
}
