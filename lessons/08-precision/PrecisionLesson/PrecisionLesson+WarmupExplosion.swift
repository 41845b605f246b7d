import Charts
import ExperimentKit
import NeuralNet
import Notebook
import Theory

extension PrecisionLesson {
  // MARK: .warmupExplosion

  /// Step `.warmupExplosion`: lesson 1's mid-training explosion in Float16 under dynamic scaling,
  /// alone and with clipping after and before unscaling, over the seeds.
  static func stepWarmupExplosion(
    _ config: PrecisionConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) {
    let setup = config.warmup
    let scaler = config.scaler
    notebook.step(.warmupExplosion, "An explosion under dynamic scaling: skipped steps, a collapsing scale") {
      notebook.prose(
        """
        Lesson 1's mid-training explosion: a tanh net of \(setup.depth) layers of \(setup.width) at \
        σ_w² = 1, squared error on one-hot digits, SGD whose step rises linearly to \
        \(Format.number(setup.peak)) over \(setup.warmupSteps) steps; the net follows the growing \
        step for a while, then every step overshoots and the loss grows until it overflows \
        (theory §7). Under dynamic scaling an overflow skips the step and halves S, whatever \
        caused it: GradScaler cannot tell a scale that is too large from a net that exploded. The \
        same seeds and batches in Float32, in Float16 with dynamic S, and with norm clipping at \
        τ = \(Format.number(setup.clipNorm)) after unscaling (GradScaler's order: unscale, then clip) or, the \
        mistake, before it: clipping S·g at τ clips g at τ/S.
        """)
      let variants = WarmupUnderScaling.Variant.allCases
      let runs = notebook.experiment(
        "\(variants.count) runs × \(config.warmupSeeds) seeds", total: variants.count * config.warmupSeeds
      ) { progress in
        SeedRuns.parallel(config, seeds: config.warmupSeeds, runsPerSeed: variants.count, progress: progress.update) {
          seeded, r in
          WarmupUnderScaling.run(
            setup, variant: variants[r], scaler: scaler, train: train, test: test, seed: seeded.seed)
        }
      }
      let n = runs.seeds.count
      func exploded(_ r: Int) -> Int { runs.count(r) { $0.explosionStep != nil } }
      notebook.table(
        Table(
          headers: [
            "run", "exploded", "weights finite", "skipped steps", "skipped in a row at the end", "final S",
            "final loss",
            "test accuracy",
          ],
          rows: variants.indices.map { r in
            [
              variants[r].label, "\(exploded(r)) of \(n)", "\(runs.count(r, where: \.weightsFinite)) of \(n)",
              Format.spread(runs.spread(r) { Double($0.history.skippedCount) }),
              Format.spread(runs.spread(r) { Double($0.trailingSkips) }),
              Format.spread(runs.spread(r, \.finalScale)),
              Format.spread(runs.spread(r, \.finalLoss)),
              Format.spread(runs.spread(r, \.testAccuracy), Format.percent),
            ]
          }),
        caption:
          """
          \(setup.steps) steps, seeds \(runs.seeds.map(String.init).joined(separator: ", ")); mean \
          (min–max). Exploded: a loss non-finite or 10× its lowest so far. Final loss: the last 20 \
          steps (“–” where one of them overflowed). Test accuracy in Float32, “–” where the weights are not finite.
          """)
      let main = runs.main
      /// A chart of `value` at every step of the lesson seed's `runs`, the legend below.
      func chart(
        _ name: String, _ title: String, yLabel: String, _ runs: [WarmupUnderScaling.Run], style: Series.Style,
        _ value: (MixedPrecisionTrainer.Step) -> Double, caption: String
      ) {
        var chart = Chart(
          name: name, title: "\(title), seed \(config.seed)", xLabel: "SGD step", yLabel: yLabel, logY: true,
          series: runs.map { run in
            Series(
              title: run.variant.label, x: run.history.steps.indices.map(Double.init),
              y: run.history.steps.map(value), style: style,
              colorGroup: WarmupUnderScaling.Variant.allCases.firstIndex(of: run.variant))
          })
        chart.legendBelow = true
        notebook.chart(chart, caption: caption)
      }
      chart(
        "warmup-loss", "Lesson 1's warm-up explosion in Float32 and in Float16", yLabel: "mini-batch loss", main,
        style: .line, \.loss, caption: "A marker is where a curve's loss was first ∞ or NaN.")
      chart(
        "warmup-scale", "The dynamic scale S during the warm-up", yLabel: "S", main.filter { $0.variant != .float32 },
        style: .steps, \.scale,
        caption:
          """
          Every skipped step multiplies S by \(Format.number(scaler.backoffFactor)); \
          \(scaler.growthInterval) good steps in a row multiply it by \(Format.number(scaler.growthFactor)).
          """)
      let dynamic = variants.firstIndex(of: .dynamic)!
      let after = variants.firstIndex(of: .clippedAfterUnscaling)!
      let before = variants.firstIndex(of: .clippedBeforeUnscaling)!
      let float32 = variants.firstIndex(of: .float32)!
      let stuck = runs.count(dynamic) { $0.trailingSkips >= 20 }
      let afterTrains = runs.spread(after, \.finalLoss)
      let beforeLoss = runs.spread(before, \.finalLoss)
      let afterAccuracy = runs.spread(after, \.testAccuracy)
      let beforeAccuracy = runs.spread(before, \.testAccuracy)
      let stuckText =
        stuck > 0
        ? """
        But on \(stuck) of \(n) seeds the run ended with 20 or more skipped steps in a row, S fell \
        to \(Format.spread(runs.spread(dynamic, \.finalScale))), and on \
        \(runs.count(dynamic) { !$0.finalLoss.isFinite }) of \(n) the last 20 losses include ∞: once \
        the net itself overflows, its forward pass gives ∞ at any S, every step is skipped and \
        training stops. Skipping hides the explosion; it does not remove its cause, the step size.
        """
        : "No run ended in a series of skipped steps."
      let afterText =
        afterAccuracy.mean >= 0.5
        ? "and those runs trained" : "but here those runs did not reach 50% test accuracy"
      let beforeText =
        beforeAccuracy.mean < afterAccuracy.mean - 0.2
        ? """
        : with S = \(Format.spread(runs.spread(before, \.finalScale))) at the end, updates too small \
        to train the net in \(setup.steps) steps
        """ : ""
      notebook.prose(
        """
        In Float32 the run exploded on \(exploded(float32)) of \(n) seeds. In Float16 with dynamic S \
        the weights stayed finite on \(runs.count(dynamic, where: \.weightsFinite)) of \(n): the \
        overflowing steps were skipped instead of applied. \(stuckText) Clipping the unscaled \
        gradient at τ = \(Format.number(setup.clipNorm)) bounds every update to η·τ (lesson 1's fix), \
        \(afterText): final loss \(Format.spread(afterTrains)), test accuracy \
        \(Format.spread(afterAccuracy, Format.percent)). Clipping before unscaling bounds g at \
        τ/S: final loss \(Format.spread(beforeLoss)), test accuracy \
        \(Format.spread(beforeAccuracy, Format.percent))\(beforeText).
        """)
      for (r, variant) in variants.enumerated() {
        notebook.recordRun(
          "warmup_\(variant.rawValue)",
          [
            ("exploded_seeds", Double(exploded(r))),
            ("finite_weight_seeds", Double(runs.count(r, where: \.weightsFinite))),
            ("stuck_seeds", Double(runs.count(r) { $0.trailingSkips >= 20 })),
          ],
          extra: [
            ("seeds", .seeds(runs.seeds)),
            ("skipped_steps", .spread(runs.spread(r) { Double($0.history.skippedCount) })),
            ("final_scale", .spread(runs.spread(r, \.finalScale))),
            ("final_loss", .spread(runs.spread(r, \.finalLoss))),
            ("test_accuracy", .spread(runs.spread(r, \.testAccuracy))),
          ])
      }
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `PrecisionLesson.outline`).
  static let warmupExplosion: StepID = "warmup-explosion"
}
