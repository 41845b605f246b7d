import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchGDLesson {
  // MARK: .edgeOfStability

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
        ? """
        the control's sharpness went past η's threshold\(crossed.map { " at step \($0)" } ?? "") and \
        ended at \(Format.number(half.finalSharpness / limit))× it (the mean over the last tenth of the \
        run): η's run did not stop at 2/η for lack of room to sharpen, GD's own instability held it \
        there
        """
        : """
        the control's sharpness ended at \(Format.number(half.finalSharpness / limit))× η's threshold \
        (the mean over the last tenth of the \
        run)\(crossed.map { " (it passed it at step \($0))" } ?? ""), not clearly past it, so this run \
        cannot tell the edge of stability from a sharpness that stops rising by itself
        """
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

extension StepID {
  /// The id of this file's step (the order: `BatchGDLesson.outline`).
  static let edgeOfStability: StepID = "edge-of-stability"
}
