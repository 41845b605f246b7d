import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

/// What `.threshold` measured, for the claims and tests.
package struct ThresholdFindings: Sendable {
  /// The textbook runs (η = 0.40, 0.50).
  package var textbook: [QuadraticThreshold.Run]
  /// λ_max of the digits problem from LAPACK.
  package var largestEigenvalue: Double
  /// λ_max from power iteration on the engine's gradients (mean loss).
  package var powerIteration: Double
  /// λ_max of the SUM loss from power iteration.
  package var sumPowerIteration: Double
  /// The digits runs just below and just above 2/λ_max.
  package var digits: [QuadraticThreshold.Run]
  /// The sum-loss run at the mean loss's safe step.
  package var sumRun: QuadraticThreshold.Run
}

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

  // MARK: .grid

  /// Step `.grid`: the (batch size, learning rate) grid.
  static func stepGrid(
    _ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem, in notebook: Notebook
  ) -> [StabilityGrid.Cell] {
    notebook.step(.grid, "Explosion is about η·λ, not the batch size") {
      let n = problem.inputs.rows
      notebook.prose(
        """
        The same least-squares problem, trained for \(config.gridSteps) steps with batch sizes \
        \(config.gridBatchSizes.map(String.init).joined(separator: ", ")) and \(n) (full batch) at \
        η = \(config.gridRates.map { Format.number($0) }.joined(separator: ", ")) × 2/λ_max. A run \
        diverged if its final loss on all the data is above the starting loss or not finite.
        """)
      let total = (config.gridBatchSizes.filter { $0 < n }.count + 1) * config.gridRates.count
      let cells = notebook.experiment("\(total) runs", total: total) { progress in
        StabilityGrid.run(config, problem: problem, progress: progress.update)
      }
      let sizes = Array(Set(cells.map(\.batchSize))).sorted()
      notebook.table(
        Table(
          headers: ["η / (2/λ_max)"] + sizes.map { $0 == n ? "full batch" : "B = \($0)" },
          rows: config.gridRates.map { rate in
            [Format.number(rate)]
              + sizes.map { b in
                cells.first { $0.batchSize == b && $0.rateMultiple == rate }.map {
                  $0.diverged ? "diverged" : "converged"
                }
                  ?? "–"
              }
          }))
      let converged = cells.filter { !$0.diverged }
      let diverged = cells.filter(\.diverged)
      notebook.chart(
        Chart(
          name: "stability-grid", title: "Converged or diverged, by batch size and step size",
          xLabel: "batch size", yLabel: "η / (2/λ_{max})", logX: true,
          series: [
            Series(
              title: "converged", x: converged.map { Double($0.batchSize) }, y: converged.map(\.rateMultiple),
              style: .points, colorGroup: 2),
            Series(
              title: "diverged", x: diverged.map { Double($0.batchSize) }, y: diverged.map(\.rateMultiple),
              style: .points, colorGroup: 1),
            Series(
              title: "η = 2/λ_{max}", x: [Double(sizes.first!), Double(n)], y: [1, 1], style: .dashed, colorGroup: 7),
          ]),
        caption: Self.stabilityCaption(cells, examples: n)
      )
      let largestConverged = StabilityGrid.largestConverging(cells, batchSize: n) ?? 0
      let smallestDiverged = StabilityGrid.smallestDiverging(cells, batchSize: n) ?? .infinity
      let boundary = (largestConverged + smallestDiverged) / 2
      let spacing = (smallestDiverged - largestConverged) / 2
      notebook.check([
        TheoryCheck(
          name: "full batch: boundary between converged and diverged, in units of 2/λ_max", measured: boundary,
          predicted: 1, tolerance: .absolute(spacing.isFinite ? spacing : 0.1), source: "theory §7")
      ])
      for c in cells {
        notebook.recordRun(
          "grid_b\(c.batchSize)_eta\(Format.number(c.rateMultiple))",
          [("final_loss", c.finalLoss), ("diverged", c.diverged ? 1 : 0)])
      }
      return cells
    }
  }

  // MARK: .edgeOfStability

  /// The edge-of-stability run and its half-step control.
  package struct EdgeOfStabilityFindings: Sendable {
    /// Full-batch GD at η, 2/η = `stabilityMargin`·s₀.
    package var run: EdgeOfStability.Result
    /// The same net and data at η/2.
    package var halfStep: EdgeOfStability.Result
  }

  /// Step `.edgeOfStability`: the edge of stability of a deep net under full-batch GD, with a control at half the step.
  static func stepEdgeOfStability(_ config: BatchGDConfiguration, train: Dataset, in notebook: Notebook)
    -> EdgeOfStabilityFindings
  {
    notebook.step(.edgeOfStability, "Beyond the quadratic: a deep net at the edge of stability") {
      notebook.prose(
        """
        A neural net's loss is not a quadratic: its curvature changes as it trains. Cohen et al. \
        (2021) found that under full-batch GD the sharpness (the Hessian's top eigenvalue) rises \
        (progressive sharpening) until it reaches 2/η, then hovers there while the loss keeps \
        falling, with small spikes: GD trains "at the edge of stability" instead of diverging. We \
        train a \(config.depth)-layer tanh net (width \(config.width), weights of variance \
        \(Format.number(config.stabilityGain2))/fan-in, so that it starts flat) on \
        \(config.stabilityExamples) digits with the ½-mean squared error, choosing η so that 2/η is \
        \(Format.number(config.stabilityMargin))× the sharpness at init: the run starts at \
        \(Format.percent(1 / config.stabilityMargin)) of the threshold, so if the sharpness ends at 2/η \
        it got there by itself. A control run from the same weights takes steps of η/2, whose own \
        threshold is twice as high: if η's run stops at its 2/η because GD's instability holds it \
        there, the control, free of that limit, sharpens past it. The sharpness is \
        measured every \(config.sharpnessEvery) steps by power iteration on Hessian-vector products, \
        each a central difference of two gradients.
        """)
      let steps = config.stabilitySteps
      let (result, half) = notebook.experiment("2 runs × \(steps) full-batch steps", total: 2) { progress in
        EdgeOfStability.runWithHalfStepControl(config, train: train, progress: progress.update)
      }
      let limit = 2 / result.learningRate
      let halfLimit = 2 / half.learningRate
      notebook.chart(
        Chart(
          name: "edge-of-stability", title: "Sharpness under full-batch GD: η and η/2",
          xLabel: "GD step", yLabel: "top Hessian eigenvalue",
          series: [
            Series(
              title: "sharpness, η = \(Format.number(result.learningRate))", x: result.sharpnessSteps.map(Double.init),
              y: result.sharpness, style: .linePoints, colorGroup: 0),
            Series(title: "2/η", x: [0, Double(steps)], y: [limit, limit], style: .dashed, colorGroup: 0),
            Series(
              title: "sharpness, η/2", x: half.sharpnessSteps.map(Double.init), y: half.sharpness, style: .linePoints,
              colorGroup: 1),
            Series(title: "2/(η/2)", x: [0, Double(steps)], y: [halfLimit, halfLimit], style: .dashed, colorGroup: 1),
          ]),
        caption:
          "Both runs start at the same sharpness. Dashed: each run's threshold 2/η."
      )
      notebook.chart(
        Chart(
          name: "edge-of-stability-loss", title: "Full-batch loss", xLabel: "GD step", yLabel: "loss", logY: true,
          series: [
            Series(
              title: "η", x: result.loss.indices.map(Double.init), y: result.loss, style: .line, colorGroup: 0),
            Series(title: "η/2", x: half.loss.indices.map(Double.init), y: half.loss, style: .line, colorGroup: 1),
          ]),
        caption: {
          let (first, last) = (result.loss.first ?? .nan, result.loss.last ?? .nan)
          return "At η the loss went up at \(result.lossIncreases) steps"
            + (last < first
              ? ", yet it fell overall, from \(Format.number(first)) to \(Format.number(last))."
              : ", and it did not fall overall (\(Format.number(first)) to \(Format.number(last))).")
        }()
      )
      notebook.table(
        Table(
          headers: [
            "run", "sharpness at init", "2/η", "at init / (2/η)", "mean sharpness, second half", "late / (2/η)",
            "steps where the loss rose", "final loss",
          ],
          rows: [("η", result, limit), ("η/2", half, halfLimit)].map { name, r, l in
            [
              name, Format.number(r.initialSharpness), Format.number(l), Format.number(r.initialSharpness / l),
              Format.number(r.lateSharpness), Format.number(r.lateSharpness / l), "\(r.lossIncreases)",
              Format.number(r.loss.last ?? .nan),
            ]
          }))
      let floor = EdgeOfStabilityFindings.controlPastThreshold
      notebook.check([
        TheoryCheck(
          name: "sharpness in the second half of full-batch GD vs 2/η", measured: result.lateSharpness,
          predicted: limit, tolerance: .relative(0.1), source: "theory §7 (Cohen et al. 2021)"),
        TheoryCheck(
          name: "η/2 control: sharpness over its last tenth / η's 2/η, at least \(Format.number(floor))",
          measured: half.finalSharpness / limit, predicted: floor, tolerance: .atLeast,
          source: "theory §7 (Cohen et al. 2021)"),
      ])
      let crossed = zip(half.sharpnessSteps, half.sharpness).first { $0.1 > limit }?.0
      let pastMain =
        half.finalSharpness >= floor * limit
        ? "the control's sharpness went past η's threshold\(crossed.map { " at step \($0)" } ?? "") and ended at \(Format.number(half.finalSharpness / limit))× it (the mean over the last tenth of the run): η's run did not stop at 2/η for lack of room to sharpen, GD's own instability held it there"
        : "the control's sharpness ended at \(Format.number(half.finalSharpness / limit))× η's threshold (the mean over the last tenth of the run)\(crossed.map { " (it passed it at step \($0))" } ?? ""), not clearly past it, so this run cannot tell the edge of stability from a sharpness that stops rising by itself"
      notebook.prose(
        """
        At η the sharpness started at \(Format.percent(result.initialSharpness / limit)) of 2/η and \
        averaged \(Format.percent(result.lateSharpness / limit)) of it over the second half of the run, \
        while the loss rose at \(result.lossIncreases) steps (at η/2: \(half.lossIncreases)). From the \
        same weights, \(pastMain). (At η/2 the sharpness ended the run at \
        \(Format.percent(half.finalSharpness / halfLimit)) of its own threshold 2/(η/2).)
        """)
      for (name, r) in [("edge_of_stability", result), ("edge_of_stability_half_step", half)] {
        notebook.recordRun(
          name,
          [
            ("learning_rate", r.learningRate), ("initial_sharpness", r.initialSharpness),
            ("late_sharpness", r.lateSharpness), ("final_sharpness", r.finalSharpness),
            ("two_over_eta", 2 / r.learningRate), ("final_loss", r.loss.last),
            ("loss_increases", Double(r.lossIncreases)),
          ])
      }
      return EdgeOfStabilityFindings(run: result, halfStep: half)
    }
  }
}

extension BatchGDLesson.EdgeOfStabilityFindings {
  /// The η/2 control "goes past η's threshold" when its sharpness over the last tenth of its run
  /// is at least this multiple of η's 2/η (an independent reproduction with 2/η = 1.5× the
  /// initial sharpness and 2500 steps measured second-half means of 1.3–1.9 over three seeds).
  package static let controlPastThreshold = 1.1
}

extension StepID {
  /// The ids of this file's steps (their order: `BatchGDLesson.outline`).
  static let threshold: StepID = "threshold"
  static let grid: StepID = "grid"
  static let edgeOfStability: StepID = "edge-of-stability"
}
