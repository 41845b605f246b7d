import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchGDLesson {
  /// The stability grid's caption, computed from its cells: where full-batch GD stops
  /// converging, whether a smaller batch converged at a larger step, and where single examples stop.
  static func stabilityCaption(_ cells: [StabilityGrid.Cell], examples n: Int) -> String {
    func largestConverging(_ b: Int) -> Double? { StabilityGrid.largestConverging(cells, batchSize: b) }
    func multiple(_ x: Double?) -> String { x.map { "\(Format.number($0))·2/λ_max" } ?? "no step of the grid" }
    let full = largestConverging(n)
    let firstDiverged = StabilityGrid.smallestDiverging(cells, batchSize: n)
    var text =
      "Full-batch GD converges up to η = \(multiple(full))"
      + (firstDiverged.map { " and diverges from \(Format.number($0))·2/λ_max on." }
        ?? " and never diverges in the grid.")
    let smaller = Set(cells.map(\.batchSize)).filter { $0 < n }.sorted()
    let raised = smaller.filter { b in (largestConverging(b) ?? 0) > (full ?? 0) }
    text +=
      raised.isEmpty
      ? " No smaller batch converges at a larger step."
      : " Batch sizes \(raised.map(String.init).joined(separator: ", ")) converge at a larger step than the full batch."
    if smaller.first == 1 {
      let single = largestConverging(1)
      text +=
        " Single examples, whose own curvature ‖x‖² is on average tr H ≥ λ_max, converge up to \(multiple(single))"
        + ((single ?? 0) < (full ?? 0) ? ", a smaller step." : ".")
    }
    return text
  }

  // MARK: .threshold

  /// Step `.threshold`: the exact threshold η < 2/λ_max.
  static func stepThreshold(
    _ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem, in notebook: Notebook
  ) -> ThresholdFindings {
    notebook.step(.threshold, "The exact threshold: η < 2/λ_max") {
      let n = problem.inputs.rows
      notebook.prose(
        """
        On a quadratic ½wᵀAw − bᵀw one GD step multiplies the error along each eigenvector of A by \
        1 − ηλᵢ. So GD converges iff every |1 − ηλᵢ| < 1, i.e. η < 2/λ_max, and the top mode's \
        factor per step is |1 − ηλ_max| (theory §7). First the textbook case X = diag(1, 3) with \
        the mean loss: A = diag(0.5, 4.5), threshold 0.444. Then a real one: least squares from the \
        \(n) training digits (64 pixels) to their one-hot labels, A = XᵀX/n, whose λ_max we get \
        from LAPACK (dsyev) and, independently, by power iteration on the engine's own gradients.
        """)
      let textbook = [0.4, 0.5].map {
        QuadraticThreshold.gradientDescent(QuadraticThreshold.textbookProblem, learningRate: $0, steps: 40)
      }
      let lambda = problem.largestEigenvalue
      let eta = problem.threshold
      let model = problem.linearModel()
      // A quadratic's Hessian is the same everywhere; at W = 0 the gradient differences are exact.
      let power = Sharpness.largestEigenvalue(
        model, input: problem.inputs, targets: .values(problem.targets), loss: HalfSquaredError(), iterations: 100)
      let powerSum = Sharpness.largestEigenvalue(
        model, input: problem.inputs, targets: .values(problem.targets), loss: HalfSquaredError(reduction: .sum),
        iterations: 100)
      let runs = [0.95, 1.05].map { QuadraticThreshold.gradientDescent(problem, learningRate: $0 * eta, steps: 150) }
      let sumRun = QuadraticThreshold.gradientDescent(problem, learningRate: 0.95 * eta, steps: 20, reduction: .sum)
      notebook.table(
        Table(
          headers: ["problem", "η", "|1 − ηλ_max| predicted", "factor measured", "outcome"],
          rows: zip([0.4, 0.5], textbook).map { eta, r in
            [
              "X = diag(1, 3)", Format.number(eta), Format.number(r.predictedFactor), Format.number(r.measuredFactor),
              r.diverged ? "diverges" : "converges",
            ]
          }
            + zip([0.95, 1.05], runs).map { m, r in
              [
                "digits, mean loss", "\(Format.number(m))·2/λ_max = \(Format.number(r.learningRate))",
                Format.number(r.predictedFactor), Format.number(r.measuredFactor),
                r.diverged ? "diverges" : "converges",
              ]
            }
            + [
              [
                "digits, SUM loss", Format.number(sumRun.learningRate), Format.number(sumRun.predictedFactor),
                Format.number(sumRun.measuredFactor), sumRun.diverged ? "diverges" : "converges",
              ]
            ]),
        caption:
          "Digits: λ_max = \(Format.number(lambda)) (LAPACK), \(Format.number(power.value)) (power iteration), so 2/λ_max = \(Format.number(eta))."
      )
      notebook.prose(
        """
        The mean-vs-sum pitfall: writing the loss as a SUM over the \(n) examples instead of a mean \
        multiplies the Hessian, and λ_max, by n: power iteration on the sum gives \
        \(Format.number(powerSum.value)) = \(Format.number(powerSum.value / lambda)) × λ_max, and the \
        step that was safe for the mean loss now multiplies the error by \
        \(Format.number(sumRun.predictedFactor)) per step. Nothing about the data or the batch \
        changed, only a factor n in the loss.
        """)
      let series = zip([0.95, 1.05], runs).enumerated().map { i, pair in
        Series(
          title: "η = \(Format.number(pair.0))·2/λ_{max}", x: pair.1.topModeError.indices.map(Double.init),
          y: pair.1.topModeError, style: .line, colorGroup: i)
      }
      let theory = zip([0.95, 1.05], runs).enumerated().map { i, pair in
        Series(
          title: "", x: pair.1.topModeError.indices.map(Double.init),
          y: pair.1.topModeError.indices.map {
            pair.1.topModeError[0] * Double.pow(pair.1.predictedFactor, Double($0))
          },
          style: .dashed, colorGroup: i)
      }
      notebook.chart(
        Chart(
          name: "threshold-top-mode", title: "Digits least squares: error along the top eigenvector",
          xLabel: "GD step", yLabel: "|c_t|", logY: true, series: series + theory),
        caption:
          "Dashed: |1 − ηλ_max|^t. 5% below the threshold the top mode shrinks ×0.9 per step; 5% above it grows ×1.1.")
      let checks =
        zip([0.4, 0.5], textbook).map { eta, r in
          TheoryCheck(
            name: "X = diag(1, 3), η = \(Format.number(eta)): factor per step", measured: r.measuredFactor,
            predicted: r.predictedFactor, tolerance: .relative(0.01), source: "theory §7")
        }
        + [
          TheoryCheck(
            name: "digits: λ_max by power iteration vs LAPACK", measured: power.value, predicted: lambda,
            tolerance: .relative(0.01), source: "theory §7"),
          TheoryCheck(
            name: "digits: λ_max of the SUM loss / n", measured: powerSum.value / Double(n), predicted: lambda,
            tolerance: .relative(0.01), source: "theory §7"),
        ]
        + zip([0.95, 1.05], runs).map { m, r in
          TheoryCheck(
            name: "digits, η = \(Format.number(m))·2/λ_max: top-mode factor", measured: r.measuredFactor,
            predicted: r.predictedFactor, tolerance: .relative(0.01), source: "theory §7")
        }
      notebook.check(checks)
      notebook.recordRun(
        "threshold",
        [
          ("lambda_max", lambda), ("lambda_max_power_iteration", power.value), ("threshold", eta),
          ("lambda_max_sum", powerSum.value), ("below_factor", runs[0].measuredFactor),
          ("above_factor", runs[1].measuredFactor),
        ])
      return ThresholdFindings(
        textbook: textbook, largestEigenvalue: lambda, powerIteration: power.value, sumPowerIteration: powerSum.value,
        digits: runs, sumRun: sumRun)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchGDLesson.outline`).
  static let threshold: StepID = "threshold"
}
