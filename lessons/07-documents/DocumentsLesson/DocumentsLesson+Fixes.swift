import Charts
import LessonKit
import NeuralNet
import Notebook
import Theory

extension DocumentsLesson {
  // MARK: .fixes

  /// Step `.fixes`: the CNN under a bad init and a too-large step, and each documented fix on its own.
  static func stepFixes(
    _ config: DocumentsConfiguration, data: (train: Dataset, validation: Dataset, test: Dataset), in notebook: Notebook
  ) -> FixesOverSeeds {
    notebook.step(.fixes, "Making it explode, then each fix the documents name, one at a time") {
      let bad = Initializer.normal(std: config.badInitStd)
      let fullSteps = max(1, (config.steps * config.batchSize + data.train.count - 1) / data.train.count)
      notebook.prose(
        """
        The documents fear a bad init and a too-large step. The baseline: the same CNN with weights \
        N(0, \(Format.number(config.badInitStd))²) and plain SGD at η = \(Format.number(config.learningRate)), \
        \(config.steps) mini-batches of \(config.batchSize). Then each fix the documents name, alone: \
        batch norm (after the convolution, per channel, and after the 64-unit layer), gradient clipping \
        (norm \(Format.number(config.clipNorm))), Keras' default Glorot init instead of the bad one, and \
        full-batch gradient descent (all \(data.train.count) training digits per step, \(fullSteps) steps: \
        the same number of examples seen).
        """)
      notebook.comparison(
        differs:
          """
          one fix per run against the baseline: batch norm (which adds layers and parameters), clipping, \
          the init, or the batch (full batch also takes fewer, larger steps)
          """,
        same: [
          "the CNN", "the training digits", "η = \(Format.number(config.learningRate))", "the examples seen",
          "the seed",
        ])
      let plans: [FixPlan] = [
        .init(name: "baseline", chart: "", initializer: bad, batchSize: config.batchSize, steps: config.steps),
        .init(
          name: "batch norm", chart: "fix-batch-norm", initializer: bad, batchNorm: true,
          batchSize: config.batchSize, steps: config.steps),
        .init(
          name: "clipping", chart: "fix-clipping", initializer: bad, clipping: .norm(config.clipNorm),
          batchSize: config.batchSize, steps: config.steps),
        .init(
          name: "Glorot init", chart: "fix-init", initializer: .xavierUniform, batchSize: config.batchSize,
          steps: config.steps),
        .init(
          name: "full batch", chart: "fix-full-batch", initializer: bad, batchSize: data.train.count, steps: fullSteps),
      ]
      let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
      let overSeeds = notebook.experiment("five runs × \(seeds.count) seeds", total: seeds.count * plans.count) {
        progress in
        FixPlan.run(
          plans, seeds: seeds, learningRate: config.learningRate, train: data.train, test: data.test,
          progress: progress.update)
      }
      let runs = overSeeds.main
      let baseline = runs[0]
      func series(_ run: FixRun, _ group: Int) -> Series {
        Series(
          title: run.name, x: run.history.steps.map { Double(($0.step + 1) * run.batchSize) },
          y: run.history.steps.map(\.globalGradientNorm), style: run.history.steps.count < 10 ? .linePoints : .line,
          colorGroup: group)
      }
      for run in runs.dropFirst() {
        let markers = [baseline, run].compactMap { r in
          r.history.nonFinite.map { Marker(x: Double(($0.step + 1) * r.batchSize), label: "\(r.name): non-finite") }
        }
        notebook.chart(
          Chart(
            name: run.chart, title: "Fix: \(run.name): global gradient norm, before and after",
            xLabel: "training examples seen", yLabel: "‖g‖", logY: true, series: [series(baseline, 0), series(run, 1)],
            markers: markers),
          caption:
            """
            Baseline: N(0, \(Format.number(config.badInitStd))²) weights, SGD η = \
            \(Format.number(config.learningRate)). Test accuracy: baseline \
            \(Format.percent(baseline.testAccuracy)), \(run.name) \
            \(run.testAccuracy.isFinite ? Format.percent(run.testAccuracy) : "–").
            """
        )
      }
      notebook.table(
        TrainingRuns(runs.map { ($0.name, $0.history, $0.testAccuracy) }).table(nameHeader: "fix", finalLossOver: 10),
        caption: "Seed \(config.seed). ln 10 = 2.303 is chance.")
      notebook.table(
        Table(
          headers: ["fix", "went non-finite", "‖g‖ at step 0", "test accuracy"],
          rows: runs.indices.map { i in
            [
              runs[i].name, "\(overSeeds.count(i) { $0.history.nonFinite != nil }) of \(seeds.count)",
              Format.spread(overSeeds.spread(i, \.history.initialGradientNorm)),
              Format.spread(overSeeds.spread(i, \.testAccuracy), Format.percent),
            ]
          }),
        caption:
          """
          The same runs over \(seeds.count) seeds (weights and batch order: \
          \(seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” where a run went \
          non-finite.
          """
      )
      let explosive = runs.first { $0.history.nonFinite != nil }
      notebook.prose(
        """
        \(explosive == nil ? """
          No run produced a NaN or Inf: with three weight layers and a softmax cross-entropy, whose \
          gradient with respect to the logits is bounded by 1, the bad init makes the gradient \
          \(Format.number(baseline.history.initialGradientNorm / max(runs[3].history.initialGradientNorm, 1e-30)))× \
          larger than Glorot's, and the large step makes it spike to \
          \(Format.number(baseline.history.maxGradientNorm)); the damage shows up as dead ReLUs and a \
          loss stuck near ln 10, not as overflow.
          """ : "A run went non-finite (\(explosive!.name)).") \
        Each fix attacks a different link of that chain: batch norm removes the init's scale from \
        the forward pass (‖g‖ at step 0: \(Format.number(runs[1].history.initialGradientNorm))), \
        clipping caps each step but not the gradient (largest raw ‖g‖ \(Format.number(runs[2].history.maxGradientNorm))), \
        a proper init removes the cause (\(Format.number(runs[3].history.initialGradientNorm))), \
        and full-batch gradient descent only removes the noise, not the step size's excess \
        (largest ‖g‖ \(Format.number(runs[4].history.maxGradientNorm)); lesson 4). Best test accuracy \
        among the fixes: \(Format.percent(runs.dropFirst().map(\.testAccuracy).filter(\.isFinite).max() ?? .nan)) \
        in \(config.steps) steps: none of them turns this architecture into a good classifier (\(notebook.reference(.cnn))).
        """)
      for (i, r) in runs.enumerated() {
        notebook.recordRun(
          "fix_\(r.name.lowercased().replacingOccurrences(of: " ", with: "_"))",
          [
            ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
            ("nonfinite_seeds", Double(overSeeds.count(i) { $0.history.nonFinite != nil })),
          ],
          extra: [
            ("seeds", .seeds(seeds)), ("max_grad_norm", .spread(overSeeds.spread(i, \.history.maxGradientNorm))),
            ("test_accuracy", .spread(overSeeds.spread(i, \.testAccuracy))),
            ("initial_grad_norm", .spread(overSeeds.spread(i, \.history.initialGradientNorm))),
          ])
      }
      return overSeeds
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `DocumentsLesson.outline`).
  static let fixes: StepID = "fixes"
}
