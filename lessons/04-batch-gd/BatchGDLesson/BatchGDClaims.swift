import NeuralNet
import Notebook

/// The documents' claims about batch gradient descent and the learning rate, each judged by a rule
/// over lesson 4's measurements.
package enum BatchGDClaims {
  /// Full-batch GD "does not escape the threshold" when its largest converging step in the grid
  /// is at most this multiple of 2/λ_max.
  static let thresholdMultiple = 1.1
  /// A sharpness within this relative distance of 2/η sits at the edge of stability.
  static let edgeTolerance = 0.1
  /// "Converges too slowly" holds when the smallest step needs at least this many times the
  /// steps of the largest stable one, and is false at or below `slowdownFalse`.
  package static let slowdownHolds = 10.0
  package static let slowdownFalse = 2.0

  /// The claims, judged by the lesson's steps and (for the SVM example) by the document's code.
  static func claims(
    _ config: BatchGDConfiguration, comparison: [BatchSizeComparison.Run], noise: GradientNoise.Result,
    threshold: ThresholdFindings, slow: SlowConvergence.Result, grid: [StabilityGrid.Cell],
    stability edge: EdgeOfStabilityFindings, in notebook: Notebook
  ) -> [Claim] {
    let stability = edge.run
    let n = noise.examples
    let sizes = Array(Set(grid.map(\.batchSize))).sorted()
    func largestSafe(_ b: Int) -> Double {
      StabilityGrid.largestConverging(grid, batchSize: b) ?? 0
    }
    let safeText = sizes.map { b in
      "\(b == n ? "full batch" : "B = \(b)"): \(Format.number(largestSafe(b)))"
    }.joined(separator: ", ")
    let gridStep = notebook.reference(.grid)
    let fullBatchSafe: Double? = sizes.contains(n) ? largestSafe(n) : nil
    let smallest = sizes.first { $0 != n }
    let smallestSafe = smallest.map(largestSafe)
    let below = threshold.digits.first
    let above = threshold.digits.last
    let edgeStep = notebook.reference(.edgeOfStability)
    let fullBatchRule =
      "full-batch GD's largest converging step in the grid is ≤ \(Format.number(thresholdMultiple))·2/λ_max"
    let edgeRule = "a deep net's late sharpness under full-batch GD is within ±\(Format.percent(edgeTolerance)) of 2/η"

    return [
      .measured(
        .bgdHandlesExplosion, step: .grid,
        measurements: ["full_batch_largest_safe_multiple": fullBatchSafe, "noise_at_full_batch": noise.measured.last],
        rule: "false if \(fullBatchRule) (it explodes right past the quadratic threshold); holds otherwise",
        verdict: { m in m["full_batch_largest_safe_multiple"] <= thresholdMultiple ? .false_ : .holds },
        evidence: { m, verdict in
          let noiseText =
            """
            Using the whole batch removes the gradient's noise (\(notebook.reference(.noise)): E‖g_B − ḡ‖² \
            falls as 1/B to \(Format.number(m["noise_at_full_batch"])) at B = n)
            """
          return verdict == .false_
            ? """
            \(noiseText), not the explosion. In \(gridStep) the largest converging step, in units of \
            2/λ_max, is \(safeText): full-batch GD diverges right past the quadratic threshold, and smaller \
            batches never make a larger step safe.
            """
            : """
            \(noiseText); in this run full-batch GD converged at steps up to \
            \(Format.number(m["full_batch_largest_safe_multiple"]))·2/λ_max (\(gridStep): \(safeText)).
            """
        }),
      .measured(
        .bgdReducesComputation, step: .comparison,
        measurements: [
          "examples_per_step_full_batch": Double(n), "examples_per_step_mini_batch": Double(config.batchSize),
          "sum_loss_sharpness_ratio": threshold.sumPowerIteration / threshold.largestEigenvalue,
          "sum_loss_factor_per_step": threshold.sumRun.predictedFactor,
        ],
        rule:
          """
          false if full-batch GD processes more examples per step than mini-batch GD and the same data \
          with a sum loss (more gradient per step, no more computation) diverges at the mean loss's safe \
          step
          """,
        verdict: { m in
          m["examples_per_step_full_batch"] > m["examples_per_step_mini_batch"] && m["sum_loss_factor_per_step"] > 1
            ? .false_ : .partlyHolds
        },
        evidence: { m, _ in
          """
          Full-batch GD computes MORE per step: \(n) per-example gradients instead of \(config.batchSize) \
          (\(notebook.reference(.comparison)) processes \(n * config.steps) examples in \(config.steps) \
          steps, against \(config.batchSize * config.steps) for mini-batches). And computation does not \
          cause explosion: the same data with the loss written as a sum instead of a mean has a \
          \(Format.number(m["sum_loss_sharpness_ratio"]))× larger λ_max, so the safe step of the mean \
          multiplies the error by \(Format.number(m["sum_loss_factor_per_step"])) per step \
          (\(notebook.reference(.threshold))).
          """
        }),
      .measured(
        .relativelyNew, step: .edgeOfStability,
        measurements: [
          "full_batch_largest_safe_multiple": fullBatchSafe, "initial_sharpness": stability.initialSharpness,
          "late_sharpness": stability.lateSharpness, "two_over_eta": 2 / stability.learningRate,
        ],
        rule:
          "false if \(fullBatchRule) and \(edgeRule) (full-batch GD obeys the threshold instead of removing it); partly holds if only one of the two",
        verdict: { m in
          let explodes = m["full_batch_largest_safe_multiple"] <= thresholdMultiple
          let atEdge = abs(m["late_sharpness"] - m["two_over_eta"]) <= edgeTolerance * m["two_over_eta"]
          return explodes && atEdge ? .false_ : (explodes || atEdge ? .partlyHolds : .holds)
        },
        evidence: { m, _ in
          let atEdge = abs(m["late_sharpness"] - m["two_over_eta"]) <= edgeTolerance * m["two_over_eta"]
          let sharpness =
            """
            its sharpness \(m["late_sharpness"] > m["initial_sharpness"] ? "rises" : "falls") from \
            \(Format.number(m["initial_sharpness"])) to \(Format.number(m["late_sharpness"])) against 2/η = \
            \(Format.number(m["two_over_eta"])) (\(edgeStep))
            """
          let deepNet =
            atEdge
            ? "On a deep net it does not escape the threshold either: \(sharpness), and settles there."
            : "On this run's net the sharpness did not reach the threshold (\(sharpness)), so the run shows no edge of stability."
          return
            """
            Full-batch gradient descent is the oldest form of gradient descent (Cauchy 1847), and on its \
            own it diverges past η·λ_max = 2 (\(gridStep): largest converging step \
            \(Format.number(m["full_batch_largest_safe_multiple"]))·2/λ_max). \(deepNet) Batch \
            normalization is lesson 3.
            """
        }),
      .measured(
        .learningRate, step: .threshold,
        measurements: [
          "factor_per_step_below_threshold": below?.measuredFactor,
          "factor_per_step_above_threshold": above?.measuredFactor,
        ],
        rule:
          """
          partly holds if GD on the digits shrinks the error per step at 0.95·2/λ_max (factor < 1) and \
          grows it at 1.05·2/λ_max (factor > 1): the learning rate does decide explosion, through \
          stability rather than overfitting; false otherwise
          """,
        verdict: { m in
          m["factor_per_step_below_threshold"] < 1 && m["factor_per_step_above_threshold"] > 1 ? .partlyHolds : .false_
        },
        evidence: { m, verdict in
          let numbers =
            """
            at 0.95·2/λ_max the top mode's error is multiplied by \
            \(Format.number(m["factor_per_step_below_threshold"])) per step, at 1.05·2/λ_max by \
            \(Format.number(m["factor_per_step_above_threshold"])) (\(notebook.reference(.threshold)))
            """
          return verdict == .partlyHolds
            ? """
            The learning rate is the control that matters, but for stability, not overfitting: \(numbers). \
            Below 2/λ_max GD converges, above it explodes, whatever the batch.
            """
            : "In this run the threshold did not separate convergence from divergence: \(numbers)."
        }),
      .measured(
        .lrSlowsConvergence, step: .slowSteps,
        measurements: [
          "slowdown_smallest_step": slow.slowdown, "smallest_multiple": slow.runs.first?.multiple,
          "reference_multiple": slow.referenceMultiple,
        ],
        rule:
          """
          holds if GD at the smallest step of \(notebook.reference(.slowSteps)) needs at least \
          \(Format.number(slowdownHolds))× the steps of the largest stable one to lower the loss as much \
          (or does not within its budget); false if it needs at most \(Format.number(slowdownFalse))×; \
          partly holds in between
          """,
        verdict: { m in
          m["slowdown_smallest_step"] >= slowdownHolds
            ? .holds : (m["slowdown_smallest_step"] <= slowdownFalse ? .false_ : .partlyHolds)
        },
        evidence: { m, verdict in
          let numbers =
            """
            on the digits' least squares, η = \(Format.number(m["smallest_multiple"]))·2/λ_max needs \
            \(Format.number(m["slowdown_smallest_step"]))× the steps of η = \
            \(Format.number(m["reference_multiple"]))·2/λ_max to lower the loss as much \
            (\(notebook.reference(.slowSteps)), as the spectrum of A predicts)
            """
          return verdict == .holds
            ? """
            It does: \(numbers). Far below 2/λ_max a step k times smaller needs about k times the steps. \
            The cure for explosion is a step just below the threshold, not an arbitrarily small one.
            """
            : "Not by much here: \(numbers)."
        }),
      .measured(
        .disableSGD, step: .grid,
        measurements: [
          "full_batch_largest_safe_multiple": fullBatchSafe, "smallest_batch": smallest.map(Double.init),
          "smallest_batch_largest_safe_multiple": smallestSafe,
        ],
        rule:
          """
          partly holds if the smallest batch's largest converging step is below full-batch GD's but above \
          0 (SGD diverges first near the threshold, and converges at smaller steps); holds if it \
          converges at no step of the grid; false if it converges wherever full-batch GD does
          """,
        verdict: { m in
          let sgd = m["smallest_batch_largest_safe_multiple"]
          if sgd == 0 { return .holds }
          return sgd < m["full_batch_largest_safe_multiple"] ? .partlyHolds : .false_
        },
        evidence: { m, verdict in
          let numbers =
            "in \(gridStep) the largest converging step, in units of 2/λ_max, is \(safeText)"
          switch verdict {
          case .partlyHolds:
            return
              """
              SGD is not harmful as such, but it is less stable near the threshold: \(numbers). Single \
              examples, whose own curvature ‖x‖² is on average tr H ≥ λ_max, diverge first; at smaller steps \
              they converge. The remedy is the step size, not disabling SGD.
              """
          case .holds: return "In this run the smallest batch converged at no step of the grid: \(numbers)."
          default: return "In this run the smallest batch was as stable as full-batch GD: \(numbers)."
          }
        }),
      .readFromCode(
        .svmExample, step: .claims, verdict: .false_,
        reading:
          """
          The code trains no SVM and uses no batch gradient descent: it loads a model with \
          `torchvision.models.load_model` (which does not exist), takes a cross-entropy loss (not an \
          SVM's hinge loss), steps `torch.optim.Adam` (not full-batch GD), and calls backward on a loss \
          it never recomputes from the data. Full-batch GD on real data is \
          \(notebook.reference([.comparison, .threshold])).
          """
      ),
    ]
  }
}
