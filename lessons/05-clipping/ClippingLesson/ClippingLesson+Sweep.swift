import Charts
import NeuralNet
import Notebook
import Theory

extension ClippingLesson {
  // MARK: .sweep

  /// The sweep in words, from its runs: for each threshold, on how many seeds it learned and, for
  /// the seeds that did not, how far their final test loss ended from the 1/24 bar (or that they
  /// went non-finite); then what the smallest and largest thresholds did, and what that makes of
  /// Pascanu et al.'s range.
  static func sweepSummary(_ findings: SweepFindings, seeds n: Int) -> String {
    let bar = ClippingConfiguration.learnedLoss
    let multiples = findings.multiples.compactMap { $0 }
    let lines = multiples.map { m -> String in
      let all = findings.runs(multiple: m)
      let missed = all.filter { !$0.learned }
      var text = "\(Format.number(m))·ḡ: \(all.count - missed.count) of \(all.count)"
      let nonFinite = missed.filter { $0.history.nonFiniteStep != nil }.count
      let slow = missed.filter { $0.history.nonFiniteStep == nil }.map { $0.history.finalTestLoss(overLast: 3) }
      var notes: [String] = []
      if !slow.isEmpty {
        notes.append(
          """
          \(slow.count == 1 ? "the other ended" : "\(slow.count) ended") at \
          \(slow.map { Format.number($0) }.joined(separator: ", ")) \
          (\(slow.map { Format.number($0 / bar) + "×" }.joined(separator: ", ")) the bar)
          """
        )
      }
      if nonFinite > 0 { notes.append("\(nonFinite) went non-finite") }
      if !notes.isEmpty { text += " (" + notes.joined(separator: "; ") + ")" }
      return text
    }
    var text = "Learned (a final test loss below 1/24 = \(Format.number(bar))), by threshold, of \(n) seeds: "
    text += lines.joined(separator: "; ") + "."
    if let smallest = multiples.min(), let largest = multiples.max(), smallest < largest {
      text +=
        """
         The smallest τ (\(Format.number(smallest))·ḡ) clipped \
        \(Format.percent(findings.meanClippedFraction(multiple: smallest))) of the steps, so it behaves \
        like a smaller, normalized step
        """
      let blewUp = findings.runs(multiple: largest).filter { $0.history.nonFiniteStep != nil }.count
      text +=
        blewUp > 0
        ? """
        ; the largest (\(Format.number(largest))·ḡ) clipped \
        \(Format.percent(findings.meanClippedFraction(multiple: largest))) and went non-finite on \
        \(blewUp) of \(n) seeds: single steps of length up to η·τ are enough to jump off the cliff \
        again.
        """
        : "; the largest (\(Format.number(largest))·ḡ) clipped \(Format.percent(findings.meanClippedFraction(multiple: largest)))."
    }
    let inRange = multiples.filter { (0.5...10).contains($0) }
    let failed = inRange.filter { findings.learnedCount(multiple: $0) < n }
    text +=
      failed.isEmpty
      ? " Every threshold of Pascanu et al.'s 0.5×–10× range in the sweep learned on every seed here."
      : """
       Pascanu et al.'s 0.5×–10× is a range to search, not a guarantee: \(failed.count) of its \
      \(inRange.count) thresholds in the sweep missed on at least one seed.
      """
    return text
  }

  /// Step `.sweep`: norm clipping with τ from 0.5× to 10× the average gradient norm.
  static func stepSweep(
    _ config: ClippingConfiguration, test: (sequence: [Tensor], targets: Tensor), in notebook: Notebook
  ) -> SweepFindings {
    notebook.step(.sweep, "Norm clipping (Algorithm 1): which thresholds train") {
      notebook.prose(
        """
        Pascanu et al.'s Algorithm 1: if ‖g‖ ≥ τ then g ← τ·g/‖g‖. Their rule of thumb for τ is \
        0.5× to 10× the average gradient norm ḡ. Here ḡ is the mean ‖g‖ over \(config.probeSteps) \
        updates of a run at η/10 (which does not explode) from the same init; then the same net is \
        trained at η = \(Format.number(config.learningRate)) with τ = m·ḡ, for \
        \(config.sweepSeeds) network seed\(config.sweepSeeds == 1 ? "" : "s") and the same mini-batches.
        """)
      notebook.comparison(
        differs: "the clipping threshold τ (none in \(notebook.reference(.unclipped)))",
        same: [
          "for each network seed, its init", "the mini-batches", "η = \(Format.number(config.learningRate))",
          "\(config.steps) steps",
        ])
      let seeds = ClippingRuns.networkSeeds(config)
      var targets: [(UInt64, Double?, Double)] = []
      var averages: [Double] = []
      for s in seeds {
        let average = ClippingRuns.averageGradientNorm(config, networkSeed: s)
        averages.append(average)
        targets += config.thresholdMultiples.map { (s, $0, $0 * average) }
        if let user = config.userThreshold, s == seeds[0] { targets.append((s, nil, user)) }
      }
      // Every (seed, τ) run is independent: one per core (`ParallelSweep`), the same numbers as one by one.
      let jobs = targets
      let runs = notebook.experiment("\(jobs.count) clipped runs", total: jobs.count) { progress in
        ParallelSweep.map(jobs.count, progress: progress.update) { i in
          ClippingRuns.SweepRun(
            multiple: jobs[i].1, threshold: jobs[i].2, networkSeed: jobs[i].0,
            history: ClippingRuns.run(config, networkSeed: jobs[i].0, clipping: .norm(jobs[i].2), test: test))
        }
      }
      let findings = SweepFindings(averageNorms: averages, runs: runs)
      notebook.table(
        Table(
          headers: [
            "τ", "τ (seed \(seeds[0]))", "learned (of \(seeds.count))", "first step < 1/24 (seed \(seeds[0]))",
            "steps clipped", "final test loss (mean (min–max) over seeds)",
          ],
          rows: findings.multiples.map { m in
            let all = findings.runs(multiple: m)
            let main = all[0]
            return [
              m.map { "\(Format.number($0))·ḡ" } ?? "your --clip-norm", Format.number(main.threshold),
              "\(findings.learnedCount(multiple: m))/\(all.count)",
              main.history.firstStep(belowTestLoss: ClippingConfiguration.learnedLoss).map { "\($0)" } ?? "never",
              Format.percent(findings.meanClippedFraction(multiple: m)),
              Format.spread(
                SeedSpread(
                  seeds: all.map(\.networkSeed), values: all.map { $0.history.finalTestLoss(overLast: 3) })),
            ]
          }),
        caption:
          """
          ḡ = \(averages.map { Format.number($0) }.joined(separator: ", ")) for network seeds \
          \(seeds.map(String.init).joined(separator: ", ")). Steps clipped: the mean over the seeds. \
          \"Learned\": finite, and a final test loss (the mean of the last 3 evaluations) below 1/24; \
          “–”: a seed went non-finite.
          """
      )
      var lossSeries = findings.mainSeedRuns.enumerated().map { i, r in
        Series(
          title: r.multiple.map { "τ = \(Format.number($0))·ḡ" } ?? "your τ = \(Format.number(r.threshold))",
          x: r.history.evaluations.map { Double($0.step) }, y: r.history.evaluations.map(\.loss), style: .line,
          colorGroup: i)
      }
      lossSeries.append(
        Series(
          title: "predicting the mean (1/12)", x: [0, Double(config.steps)],
          y: [ClippingConfiguration.meanPredictorLoss, ClippingConfiguration.meanPredictorLoss], style: .dashed,
          colorGroup: lossSeries.count))
      notebook.chart(
        Chart(
          name: "threshold-sweep", title: "Norm clipping at η = \(Format.number(config.learningRate)): test loss",
          xLabel: "SGD step", yLabel: "test ½-squared error", logY: true, series: lossSeries),
        caption:
          "Network seed \(seeds[0]). Without clipping the same net is non-finite within a few dozen steps (\(notebook.reference(.unclipped)))."
      )
      let lens = findings.reference
      let x = lens.history.steps.map { Double($0.step) }
      notebook.chart(
        Chart(
          name: "clipping-lens",
          title: "The clipping lens, τ = \(Format.number(lens.threshold)): norm before and after clipping",
          xLabel: "SGD step", yLabel: "‖g‖", logY: true,
          series: [
            Series(
              title: "before clipping", x: x, y: lens.history.steps.map(\.gradientNorm), style: .faint, colorGroup: 0),
            Series(
              title: "after clipping", x: x, y: lens.history.steps.map { $0.clip?.normAfter ?? $0.gradientNorm },
              style: .line, colorGroup: 1),
            Series(
              title: "τ", x: [0, Double(config.steps)], y: [lens.threshold, lens.threshold], style: .dashed,
              colorGroup: 2),
          ]),
        caption:
          "Steps clipped: \(Format.percent(lens.history.clippedFraction)). The raw gradient still spikes; only the step is capped."
      )
      let normCosines = runs.flatMap { $0.history.steps.compactMap { $0.clip?.cosine } }
      let normAfterError = runs.flatMap { r in
        r.history.steps.compactMap { s in
          s.clip.map {
            abs($0.normAfter - RecurrentTheory.normAfterClipping(s.gradientNorm, threshold: r.threshold)) / r.threshold
          }
        }
      }
      notebook.check([
        TheoryCheck(
          name: "norm clipping: smallest cos(g, clip(g)) over every step of every run",
          measured: normCosines.min() ?? .nan, predicted: 1, tolerance: .absolute(1e-6), source: "theory §6"),
        TheoryCheck(
          name: "norm clipping: largest |‖clip(g)‖ − min(‖g‖, τ)|/τ over every step of every run",
          measured: normAfterError.max() ?? .nan, predicted: 0, tolerance: .absolute(1e-6), source: "theory §6"),
      ])
      notebook.prose(Self.sweepSummary(findings, seeds: seeds.count))
      for r in runs {
        notebook.recordRun(
          "norm_clip_seed\(r.networkSeed)_\(r.multiple.map { "m\(Format.number($0))" } ?? "user")",
          [
            ("threshold", r.threshold), ("learned", r.learned ? 1 : 0), ("clipped_fraction", r.history.clippedFraction),
            ("final_test_loss", r.history.finalTestLoss(overLast: 3)),
            (
              "first_step_below_1_24",
              r.history.firstStep(belowTestLoss: ClippingConfiguration.learnedLoss).map(Double.init)
            ),
            ("first_nonfinite_step", r.history.nonFiniteStep.map(Double.init)),
          ])
      }
      for m in findings.multiples {
        let all = findings.runs(multiple: m)
        notebook.recordRun(
          "norm_clip_\(m.map { "m\(Format.number($0))" } ?? "user")_over_seeds",
          [("learned_seeds", Double(all.filter(\.learned).count)), ("seeds_run", Double(all.count))],
          extra: [
            ("seeds", .seeds(all.map(\.networkSeed))),
            (
              "final_test_loss",
              .spread(
                SeedSpread(seeds: all.map(\.networkSeed), values: all.map { $0.history.finalTestLoss(overLast: 3) }))
            ),
            (
              "clipped_fraction",
              .spread(SeedSpread(seeds: all.map(\.networkSeed), values: all.map(\.history.clippedFraction)))
            ),
          ])
      }
      return findings
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ClippingLesson.outline`).
  static let sweep: StepID = "sweep"
}
