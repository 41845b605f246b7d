import Charts
import NeuralNet
import Notebook
import Theory

extension BatchGDLesson {
  /// The step between the threshold and the grid: what a step far below 2/λ_max costs. Full-batch
  /// GD on the same digits problem at η = m·2/λ_max, each run counting the steps it needs to lower
  /// the loss as much as the largest step does in `slowReferenceSteps`, against the counts that
  /// the spectrum of A predicts (docs/theory.md §7).
  static func stepSlowSteps(
    _ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem, in notebook: Notebook
  ) -> SlowConvergence.Result {
    notebook.step(.slowSteps, "The other end: a step far below 2/λ_max converges slowly") {
      let reference = config.slowMultiples.max() ?? 0.9
      notebook.prose(
        """
        Lowering η below 2/λ_max is what stops the divergence of \(notebook.reference(.threshold)). \
        The documents warn that adjusting the learning rate "may make the model converge too \
        slowly". How slowly is a number: along each eigenvector of A the error shrinks by \
        (1 − ηλᵢ) per step, so the loss falls by Σᵢ pᵢ²/(2λᵢ)·(1 − (1 − ηλᵢ)^{2t}) after t steps \
        (pᵢ the projection of XᵀT/n on that eigenvector, theory §7). When ηλᵢ ≪ 1 that is \
        1 − e^{−2ηλᵢt}: a function of ηt alone, so a step k times smaller needs k times the steps. \
        Full-batch GD from W = 0 on the same problem at η = m·2/λ_max for m = \
        \(config.slowMultiples.map { Format.number($0) }.joined(separator: ", ")): each run counts the \
        steps it needs to lower the loss as much as m = \(Format.number(reference)) does in \
        \(config.slowReferenceSteps) steps.
        """)
      let result = notebook.experiment(
        "\(config.slowMultiples.count) full-batch GD runs", total: config.slowMultiples.count
      ) { progress in
        SlowConvergence.run(
          problem, multiples: config.slowMultiples, referenceMultiple: reference,
          referenceSteps: config.slowReferenceSteps, progress: progress.update)
      }
      func steps(_ value: Int?, budget: Int) -> String { value.map(String.init) ?? "more than \(budget)" }
      notebook.table(
        Table(
          headers: ["η / (2/λ_max)", "η", "steps to the target", "predicted", "× the largest step's"],
          rows: result.runs.map { r in
            [
              Format.number(r.multiple), Format.number(r.learningRate), steps(r.steps, budget: r.budget),
              steps(r.predictedSteps, budget: r.budget),
              r.steps.map { Format.number(Double($0) / Double(result.referenceSteps)) } ?? "–",
            ]
          }),
        caption:
          """
          The target: the loss m = \(Format.number(reference)) reaches after \(result.referenceSteps) \
          steps, \(Format.number(result.targetLoss)) (\(Format.number(result.initialLoss)) at W = 0).
          """
      )
      let measured = result.runs.filter { $0.steps != nil }
      let curve = (0...40).map { i in
        Double.pow(
          10,
          Double.log10(config.slowMultiples.min()!) + Double(i) / 40
            * Double.log10(reference / config.slowMultiples.min()!))
      }
      let predictedCurve = curve.map { result.predictedSteps(multiple: $0).map(Double.init) ?? .nan }
      notebook.chart(
        Chart(
          name: "slow-steps", title: "Steps to the same loss against the step size", xLabel: "η / (2/λ_{max})",
          yLabel: "full-batch GD steps", logX: true, logY: true,
          series: [
            Series(
              title: "measured", x: measured.map(\.multiple), y: measured.map { Double($0.steps!) }, style: .points,
              colorGroup: 0),
            Series(
              title: "predicted from the spectrum of A", x: curve, y: predictedCurve, style: .dashed, colorGroup: 1),
          ]),
        caption:
          """
          Log–log: steps ∝ 1/η is a line of slope −1. From m = \
          \(Format.number(result.runs.first?.multiple ?? .nan)) to m = \(Format.number(reference)) the \
          steps fall by \
          \(Format.number(result.slowdown))×\(result.runs.first?.steps == nil ? " at least (the smallest step did not get there within its budget)" : "").
          """
      )
      // The reference reaches its own loss by construction; the others are the test.
      let others = result.runs.filter { $0.multiple != reference }
      let errors = others.compactMap { r in
        r.steps.flatMap { s in r.predictedSteps.map { abs(Double(s) / Double($0) - 1) } }
      }
      notebook.check([
        TheoryCheck(
          name: "steps to the target loss at the smaller steps: largest |measured / predicted − 1|",
          measured: errors.count == others.count ? errors.max() ?? .nan : .nan, predicted: 0,
          tolerance: .absolute(0.02), source: "theory §7")
      ])
      let ratios = zip(result.runs, result.runs.dropFirst()).compactMap { a, b -> (step: Double, steps: Double)? in
        guard let sa = a.steps, let sb = b.steps else { return nil }
        return (b.multiple / a.multiple, Double(sa) / Double(sb))
      }
      let pairs = ratios.map { "\(Format.number($0.step))× the step, \(Format.number($0.steps))× fewer steps" }
      let departure = ratios.map { abs($0.steps / $0.step - 1) }.max() ?? .nan
      let proportional =
        departure < 0.05
        ? "Each is within \(Format.percent(departure)) of proportional: the loss still to lose sits in modes with ηλᵢ ≪ 1, which depend on ηt alone."
        : "They depart from proportional by up to \(Format.percent(departure))."
      let verdict =
        result.slowdown >= BatchGDClaims.slowdownHolds
        ? """
         So the documents' warning holds: a learning rate far below what the curvature allows converges \
        many times more slowly (\(Format.number(result.slowdown))× here). The step to aim for is just \
        below 2/λ_max, which is what knowing λ_max is for.
        """
        : ""
      notebook.prose(
        """
        From one step size to the next: \(pairs.joined(separator: "; ")). \(proportional)\(verdict)
        """)
      for r in result.runs {
        notebook.recordRun(
          "slow_steps_m\(Format.number(r.multiple))",
          [
            ("multiple", r.multiple), ("learning_rate", r.learningRate), ("steps", r.steps.map(Double.init)),
            ("predicted_steps", r.predictedSteps.map(Double.init)), ("budget", Double(r.budget)),
          ])
      }
      notebook.recordRun(
        "slow_steps",
        [
          ("reference_multiple", reference), ("reference_steps", Double(result.referenceSteps)),
          ("target_loss", result.targetLoss), ("slowdown_smallest_step", result.slowdown),
        ])
      return result
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchGDLesson.outline`).
  static let slowSteps: StepID = "slow-steps"
}
