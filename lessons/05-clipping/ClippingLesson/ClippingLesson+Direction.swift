import Charts
import LessonKit
import NeuralNet
import Notebook
import Theory

extension ClippingLesson {
  // MARK: .direction

  /// Step `.direction`: value clipping turns the gradient, norm clipping does not.
  static func stepDirection(
    _ config: ClippingConfiguration, sweep: SweepFindings, test: (sequence: [Tensor], targets: Tensor),
    in notebook: Notebook
  ) -> DirectionFindings {
    notebook.step(.direction, "Value clipping turns the gradient; norm clipping does not") {
      let reference = sweep.reference
      let tau = reference.threshold
      let model = config.makeRecurrentModel(seed: config.seed)
      let parameterCount = model.parameters.map(\.value.count).reduce(0, +)
      let c = config.valueClip ?? sweep.averageNorms[0] / Double(parameterCount).squareRoot()
      notebook.prose(
        """
        Clipping by value clamps every component to [−c, c]; clipping by norm rescales the whole \
        vector. Take the first mini-batch gradient of the net of \(notebook.reference(.unclipped)) (\(parameterCount) \
        parameters) and clip it both ways: τ = ḡ = \(Format.number(tau)) for the norm, c = \
        \(Format.number(c)) for the value (\(config.valueClip == nil ? "ḡ/√P, the size of an average component" : "your --clip-value")).
        """)
      var rng = SeededGenerator(seed: config.seed, stream: "direction")
      let batch = AddingProblem.make(count: config.batchSize, length: config.length, using: &rng)
      _ = model.measureGradients(batch.sequence, targets: .values(batch.targets), loss: HalfSquaredError())
      let rawGradients = model.parameters.map(\.gradient)
      let raw = rawGradients.flatMap { $0.scalars.map(Double.init) }
      GradientClipping.norm(tau).apply(to: model.parameters)
      let normed = model.parameters.flatMap { $0.gradient.scalars.map(Double.init) }
      // Restore the raw gradient, then clip by value.
      for (p, g) in zip(model.parameters, rawGradients) { p.gradient = g }
      let record = GradientClipping.value(c).apply(to: model.parameters)
      let valued = model.parameters.flatMap { $0.gradient.scalars.map(Double.init) }
      let order = raw.indices.sorted { abs(raw[$0]) > abs(raw[$1]) }
      let recomputed = RecurrentTheory.valueClippingCosine(raw, bound: c)
      let ranks = [0, 1, 2, order.count / 10, order.count / 2, order.count - 1]
      notebook.table(
        Table(
          headers: ["component (by |g_i|)", "|g_i|", "after norm clipping", "×", "after value clipping", "×"],
          rows: ranks.map { r in
            let i = order[r]
            let name =
              r == 0 ? "largest" : r == order.count - 1 ? "smallest" : r == order.count / 2 ? "median" : "rank \(r + 1)"
            return [
              name, Format.number(abs(raw[i])), Format.number(abs(normed[i])), Format.number(abs(normed[i] / raw[i])),
              Format.number(abs(valued[i])), Format.number(abs(valued[i] / raw[i])),
            ]
          }),
        caption:
          """
          ‖g‖ = \(Format.number(record.normBefore)). Norm clipping multiplies every component by the same \
          factor; value clipping shrinks only the components above c, the largest the most, and leaves \
          the rest. cos(g, value-clip(g)) = \(Format.number(record.cosine)).
          """
      )
      let valueRun = notebook.experiment("value-clipped run", total: config.steps) { progress in
        ClippingRuns.run(config, networkSeed: config.seed, clipping: .value(c), test: test, progress: progress.update)
      }
      let runs: [(name: String, history: AddingProblemTrainer.History)] = [
        ("norm, τ = \(Format.number(tau))", reference.history), ("value, c = \(Format.number(c))", valueRun),
      ]
      notebook.table(
        Table(
          headers: ["clipping", "steps clipped", "mean cos(g, clip(g))", "smallest cos", "learned", "final test loss"],
          rows: runs.map { name, h in
            let cosines = h.steps.compactMap { $0.clip?.cosine }.filter(\.isFinite)
            let learned = h.learned(belowTestLoss: ClippingConfiguration.learnedLoss)
            return [
              name, Format.percent(h.clippedFraction),
              Format.number(cosines.isEmpty ? .nan : cosines.reduce(0, +) / Double(cosines.count)),
              Format.number(cosines.min() ?? .nan), learned ? "yes" : "no", Format.number(h.finalTestLoss),
            ]
          }),
        caption: "The same net, the same mini-batches, η = \(Format.number(config.learningRate)).")
      notebook.chart(
        Chart(
          name: "clipping-cosine", title: "cos(raw gradient, clipped gradient) per step", xLabel: "SGD step",
          yLabel: "cosine",
          series: TrainingRuns(runs).series(style: { $0 == 0 ? .line : .faint }) { $0.clip?.cosine ?? .nan }),
        caption:
          """
          Norm clipping keeps the direction (cos = 1 by construction, checked below); value clipping's \
          smallest cosine over its clipped steps: \
          \(Format.number(runs.dropFirst().flatMap { $0.history.steps.compactMap { $0.clip?.cosine } }.min() ?? .nan)).
          """
      )
      notebook.check([
        TheoryCheck(
          name: "value clipping: the engine's cos(g, clip(g)) vs Σg_i·clamp(g_i)/(‖g‖‖clamp(g)‖)",
          measured: record.cosine,
          predicted: recomputed, tolerance: .absolute(1e-6), source: "theory §6 (value clipping)")
      ])
      notebook.recordRun(
        "value_clip",
        [
          ("c", c), ("clipped_fraction", valueRun.clippedFraction), ("final_test_loss", valueRun.finalTestLoss),
          ("first_gradient_cosine", record.cosine),
        ])
      return DirectionFindings(
        valueClip: c, valueRun: valueRun, raw: order.map { abs(raw[$0]) }, normClipped: order.map { abs(normed[$0]) },
        valueClipped: order.map { abs(valued[$0]) }, valueCosine: record.cosine, valueCosineRecomputed: recomputed)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ClippingLesson.outline`).
  static let direction: StepID = "direction"
}
