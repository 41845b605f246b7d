import Charts
import ExperimentKit
import NeuralNet
import Notebook
import Theory

extension PrecisionLesson {
  // MARK: .dynamicScaling

  /// Step `.dynamicScaling`: the net of `.underflow` in Float16 with a static scale and with
  /// GradScaler's dynamic scale, against the unscaled runs; the scale's trajectory.
  static func stepDynamicScaling(
    _ config: PrecisionConfiguration, unscaled: SeedRuns<PrecisionTraining.Run>, train: Dataset, test: Dataset,
    in notebook: Notebook
  ) {
    let scaler = config.scaler
    notebook.step(.dynamicScaling, "Dynamic loss scaling: GradScaler's rule over a whole run") {
      notebook.prose(
        """
        PyTorch's GradScaler does not fix S: it starts at S₀ = \(Format.number(scaler.scale)), and \
        after each backward pass checks the unscaled gradients. If one is ±∞ or NaN the step is \
        skipped and S is multiplied by \(Format.number(scaler.backoffFactor)); after \
        \(scaler.growthInterval) good steps in a row S is multiplied by \
        \(Format.number(scaler.growthFactor)) (theory §15). So S climbs until it overflows, backs off, \
        and climbs again, tracking the largest S the gradients allow. The same seeds and batches as \
        \(notebook.reference(.underflow)), with a static S = \(Format.number(config.staticScale)) and \
        with the dynamic rule.
        """)
      let scaled = trainOverSeeds(
        config, [.float16Static, .float16Dynamic], title: "Float16 with a static and a dynamic scale", train: train,
        test: test, in: notebook)
      let all = unscaled.main + scaled.main
      let window = Swift.max(config.training.steps / 80, 1)
      var lossChart =
        Chart(
          name: "loss-by-format", title: "Mini-batch loss, seed \(config.seed): Float32, Float16 unscaled and scaled",
          xLabel: "SGD step", yLabel: "loss (mean of \(window) steps)", logY: true,
          series: all.enumerated().map { i, run in
            let losses = run.history.steps.map(\.loss)
            let (x, y) = movingMean(losses, window: window)
            return Series(
              title: run.variant.label(staticScale: config.staticScale), x: x, y: y, style: .line, colorGroup: i)
          })
      lossChart.legendBelow = true
      notebook.chart(
        lossChart,
        caption: "One seed, the same batches for every run. Each point is the mean of \(window) consecutive steps.")
      let dynamic = scaled.main[1]
      let steps = dynamic.history.steps
      let skipped = steps.indices.filter { steps[$0].skipped }
      notebook.chart(
        Chart(
          name: "loss-scale-over-training", title: "The dynamic loss scale S over training, seed \(config.seed)",
          xLabel: "SGD step", yLabel: "S", logY: true,
          series: [
            Series(title: "S", x: steps.indices.map(Double.init), y: steps.map(\.scale), style: .steps, colorGroup: 0),
            Series(
              title: "skipped steps (\(skipped.count))", x: skipped.map(Double.init),
              y: skipped.map { steps[$0].scale },
              style: .points, colorGroup: 1),
          ]),
        caption:
          """
          A point is a step whose scaled gradient overflowed: skipped, S × \(Format.number(scaler.backoffFactor)). \
          S grows × \(Format.number(scaler.growthFactor)) after \(scaler.growthInterval) good steps.
          """)
      let f32 = unscaled.spread(0, \.finalLoss)
      let f16 = unscaled.spread(1, \.finalLoss)
      let dyn = scaled.spread(1, \.finalLoss)
      let skips = scaled.spread(1) { Double($0.history.skippedCount) }
      let verdict =
        if dyn.max < f16.min {
          "On every seed dynamic scaling ends below every unscaled Float16 run."
        } else if dyn.min > f16.max {
          "On every seed dynamic scaling ends above every unscaled Float16 run."
        } else {
          """
          The seeds overlap: this run shows no difference between dynamic scaling and unscaled \
          Float16.
          """
        }
      let growths = zip(steps, steps.dropFirst()).count { !$0.skipped && $1.scale > $0.scale }
      func times(_ n: Int) -> String { n == 1 ? "once" : "\(n) times" }
      let grew = growths == 0 ? "never grew" : "grew \(times(growths))"
      let backedOff = skipped.isEmpty ? "never backed off" : "backed off \(times(skipped.count))"
      notebook.prose(
        """
        On seed \(config.seed) S \(grew) and \(backedOff), from \
        \(Format.number(scaler.scale)) to \(Format.number(steps.last?.scale ?? .nan)) \
        (\(skipped.first.map { "first overflow at step \($0)" } ?? "no overflow")). Final loss over \
        \(scaled.seeds.count) seeds: Float32 \(Format.spread(f32)), Float16 unscaled \
        \(Format.spread(f16)), Float16 with dynamic S \(Format.spread(dyn)). \(verdict) Dynamic \
        scaling skipped \(Format.spread(skips)) of \(config.training.steps) steps. The skipped steps \
        are the rule working, not a fault: each one is an S that was too large for that batch, \
        found by overflowing.
        """)
      notebook.recordRun(
        "dynamic_scaling_seed\(config.seed)",
        [
          ("skipped_steps", Double(skipped.count)),
          ("first_taken_step", steps.firstIndex { !$0.skipped }.map(Double.init)),
          ("final_scale", steps.last?.scale), ("smallest_scale", steps.map(\.scale).min()),
          ("largest_scale", steps.map(\.scale).max()),
        ])
    }
  }

  /// The means of consecutive windows of `values` (the x of each is its window's middle step).
  static func movingMean(_ values: [Double], window: Int) -> (x: [Double], y: [Double]) {
    stride(from: 0, to: values.count, by: window).reduce(into: ([Double](), [Double]())) { result, start in
      let chunk = values[start..<Swift.min(start + window, values.count)]
      result.0.append(Double(start) + Double(chunk.count - 1) / 2)
      result.1.append(chunk.reduce(0, +) / Double(chunk.count))
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `PrecisionLesson.outline`).
  static let dynamicScaling: StepID = "dynamic-scaling"
}
