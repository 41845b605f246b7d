import Charts
import NeuralNet
import Notebook
import Theory

extension ClippingLesson {
  // MARK: .unclipped

  /// What the loss did after the first spike, from the run: whether it came back below its
  /// mean over the 5 steps before the spike, and when.
  static func afterSpikeCaption(_ history: AddingProblemTrainer.History, firstSpike: Int?) -> String {
    let window = history.steps.filter { $0.step < (firstSpike ?? 0) && $0.step >= (firstSpike ?? 0) - 5 }
    guard let spike = firstSpike, !window.isEmpty else { return "No spike in this run." }
    let before = window.map(\.loss).reduce(0, +) / Double(window.count)  // the mean of the 5 steps before
    let after = history.steps.filter { $0.step > spike && $0.loss.isFinite }
    let back = after.first { $0.loss <= before }
    let end = history.nonFiniteStep.map { " before the run went non-finite at step \($0)" } ?? ""
    if let back {
      return
        """
        In the \(window.count) steps before the first spike (step \(spike)) the loss averaged \
        \(Format.number(before)); it came back to that level at step \(back.step).
        """
    }
    let best = after.map(\.loss).min()
    return
      "In the \(window.count) steps before the first spike (step \(spike)) the loss averaged \(Format.number(before)); it never came back to that level\(end)"
      + (best.map { " (lowest after it: \(Format.number($0)))." } ?? ".")
  }

  /// Step `.unclipped`: the unclipped run, its spikes and its blow-up.
  static func stepUnclipped(
    _ config: ClippingConfiguration, test: (sequence: [Tensor], targets: Tensor), in notebook: Notebook
  ) -> AddingProblemTrainer.History {
    notebook.step(.unclipped, "Training without clipping: the spikes and the blow-up") {
      notebook.prose(
        """
        The task: the adding problem (Hochreiter & Schmidhuber 1997, as used by Pascanu et al.): \
        T = \(config.length) pairs (value, marker), values U[0, 1], one marker in each half; the \
        target is the sum of the two marked values. Predicting the mean sum scores a ½-squared error \
        of 1/12 ≈ 0.083, so a test loss below 1/24 means the net carries information across the \
        sequence. The net: \(config.hidden) \(config.activation.name) units, W_rec orthogonal \
        ×\(Format.number(config.gain)) (σ₁ = ρ = \(Format.number(config.gain))), Xavier W_in and \
        readout; SGD with η = \(Format.number(config.learningRate)) on fresh mini-batches of \
        \(config.batchSize) sequences, no clipping.
        """)
      let history = notebook.experiment("unclipped training", total: config.steps) { progress in
        ClippingRuns.unclipped(config, test: test, progress: progress.update)
      }
      let spikes = ClippingRuns.spikes(history)
      var markers = spikes.prefix(1).map { Marker(x: Double($0), label: "first spike, step \($0)") }
      if let bad = history.nonFiniteStep { markers.append(Marker(x: Double(bad), label: "non-finite at step \(bad)")) }
      let x = history.steps.map { Double($0.step) }
      notebook.chart(
        Chart(
          name: "unclipped-gradient-norm", title: "No clipping: gradient norm per step", xLabel: "SGD step",
          yLabel: "norm", logY: true,
          series: [
            Series(
              title: "‖g‖ (all parameters)", x: x, y: history.steps.map(\.gradientNorm), style: .linePoints,
              colorGroup: 0),
            Series(
              title: "‖∂L/∂W_{rec}‖", x: x, y: history.steps.map(\.recurrentGradientNorm), style: .line, colorGroup: 1),
            Series(
              title: "‖∂L/∂readout‖", x: x, y: history.steps.map(\.readoutGradientNorm), style: .line, colorGroup: 2),
            Series(
              title: "σ₁(W_{rec}) after the step", x: x, y: history.steps.map { $0.recurrentSpectralNorm ?? .nan },
              style: .dashed, colorGroup: 3),
          ], markers: markers),
        caption: "A spike is a step whose ‖g‖ is more than 5× the median of the steps before it.")
      notebook.chart(
        Chart(
          name: "unclipped-loss", title: "No clipping: mini-batch loss per step", xLabel: "SGD step",
          yLabel: "½-squared error", logY: true,
          series: [
            Series(title: "mini-batch loss", x: x, y: history.steps.map(\.loss), style: .linePoints, colorGroup: 0),
            Series(
              title: "predicting the mean (1/12)", x: [0, Double(max(history.steps.count - 1, 1))],
              y: [ClippingConfiguration.meanPredictorLoss, ClippingConfiguration.meanPredictorLoss], style: .dashed,
              colorGroup: 1),
          ], markers: markers),
        caption: Self.afterSpikeCaption(history, firstSpike: spikes.first))
      let shownSteps = Array(Set(spikes.prefix(6) + (history.nonFiniteStep.map { [$0] } ?? []))).sorted()
      notebook.table(
        Table(
          headers: ["step", "loss", "‖g‖", "‖∂L/∂W_rec‖", "‖∂L/∂readout‖", "σ₁(W_rec) after"],
          rows: shownSteps.map { i in
            let s = history.steps[i]
            return [
              "\(i)", Format.number(s.loss), Format.number(s.gradientNorm), Format.number(s.recurrentGradientNorm),
              Format.number(s.readoutGradientNorm), s.recurrentSpectralNorm.map { Format.number($0) } ?? "–",
            ]
          }),
        caption: "The spikes and the non-finite step.")
      let firstSpike = spikes.first.map { history.steps[$0] }
      let sigmaBefore = spikes.first.flatMap { $0 > 0 ? history.steps[$0 - 1].recurrentSpectralNorm : config.gain }
      notebook.prose(
        history.nonFiniteStep.map { bad in
          """
          The run produced a non-finite loss or gradient at step \(bad). \(firstSpike.map { s in """
            The first spike, at step \(s.step), was \
            \(Format.percent(s.recurrentGradientNorm * s.recurrentGradientNorm / (s.gradientNorm * s.gradientNorm))) \
            recurrent (its share of ‖g‖²): the gradient that went back through time. 
            """ } ?? "")\
          \(firstSpike.flatMap { s in sigmaBefore.map { """
            σ₁(W_rec), \(Format.number(config.gain)) at init, had grown to \(Format.number($0)); that one \
            update moved it to \(Format.number(s.recurrentSpectralNorm ?? .nan)). 
            """ } } ?? "")\
          A long step of W_rec saturates the hidden units at ±1; from then on the readout sees \
          ‖h_T‖² near \(config.hidden), so its own step η·‖h_T‖² is far beyond lesson 4's threshold \
          2 and the loss diverges geometrically: the readout's gradient takes over in the chart.
          """
        }
          ?? """
          This run did not blow up within \(config.steps) steps (its largest ‖g‖ was \
          \(Format.number(history.maxGradientNorm))); with the defaults it does. Try a larger --lr or \
          --gain.
          """
      )
      notebook.recordRun(
        "unclipped",
        [
          ("first_nonfinite_step", history.nonFiniteStep.map(Double.init)),
          ("first_spike_step", spikes.first.map(Double.init)),
          ("max_grad_norm", history.maxGradientNorm), ("final_test_loss", history.finalTestLoss),
        ])
      return history
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ClippingLesson.outline`).
  static let unclipped: StepID = "unclipped"
}
