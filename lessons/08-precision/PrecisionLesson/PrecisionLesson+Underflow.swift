import Charts
import ExperimentKit
import NeuralNet
import Notebook
import Theory

extension PrecisionLesson {
  // MARK: .underflow

  /// Step `.underflow`: the share of a healthy net's gradient entries Float16 flushes to zero or
  /// stores as subnormals, as training proceeds, against a log-normal fit; then the same net
  /// trained in Float32, Float16 and BFloat16 over the seeds.
  static func stepUnderflow(
    _ config: PrecisionConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> (GradientUnderflow.Findings, SeedRuns<PrecisionTraining.Run>) {
    let setup = config.training
    return notebook.step(.underflow, "Underflow, the vanishing side: gradients too small for Float16") {
      notebook.prose(
        """
        A healthy net: \(setup.depth) ReLU layers of \(setup.width) with He init, cross-entropy on \
        the digits, SGD with η = \(Format.number(setup.learningRate)) and batches of \(setup.batchSize). \
        Nothing explodes or vanishes with depth here, yet as the net fits its data the loss, and \
        with it every gradient, shrinks towards zero. Float16 rounds a magnitude at or below 2⁻²⁵ \
        (half its smallest subnormal) to 0 and keeps fewer than 11 significant bits below 2⁻¹⁴. At \
        \(setup.checkpoints) checkpoints each weight matrix's Float32 gradient is compared with \
        both, and a log-normal fitted to its nonzero magnitudes predicts the two shares \
        (theory §14). A real Float16 step on the same batch shows what is stored, where the \
        gradients flowing back are stored in Float16 too.
        """)
      let seed = config.seed
      let findings = notebook.experiment("Float32 training, \(setup.checkpoints) checkpoints", total: 1) { _ in
        GradientUnderflow.run(setup, train: train, seed: seed)
      }
      func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(Swift.max(values.count, 1)) }
      func range(_ values: [Double]) -> String {
        "\(Format.percent(mean(values))) (\(Format.percent(values.min() ?? .nan))–\(Format.percent(values.max() ?? .nan)))"
      }
      notebook.table(
        Table(
          headers: [
            "step", "loss", "median |g|", "≤ 2⁻²⁵: measured", "fit", "stored as 0 in a Float16 step",
            "< 2⁻¹⁴: measured",
            "fit",
          ],
          rows: findings.checkpoints.map { c in
            let medians = c.layers.map(\.median).sorted()
            return [
              "\(c.step)", Format.number(c.loss), Format.number(medians[medians.count / 2]),
              range(c.layers.map(\.flushed)), Format.percent(mean(c.layers.map(\.predictedFlushed))),
              range(c.layers.map(\.storedFlushed)), range(c.layers.map(\.subnormal)),
              Format.percent(mean(c.layers.map(\.predictedSubnormal))),
            ]
          }),
        caption:
          """
          Shares of each weight matrix's nonzero gradient entries, mean over the \(setup.depth + 1) \
          layers (lowest–highest). Median |g|: the median layer's.
          """)
      let steps = findings.checkpoints.map { Double($0.step) }
      var chart =
        Chart(
          name: "underflow-during-training", title: "Gradient entries Float16 cannot hold, during training",
          xLabel: "SGD step", yLabel: "share of nonzero entries",
          series: [
            Series(
              title: "≤ 2⁻²⁵ (rounds to 0)", x: steps, y: findings.checkpoints.map { mean($0.layers.map(\.flushed)) },
              style: .linePoints, colorGroup: 0),
            Series(
              title: "", x: steps, y: findings.checkpoints.map { mean($0.layers.map(\.predictedFlushed)) },
              style: .dashed, colorGroup: 0),
            Series(
              title: "stored as 0 in a Float16 step", x: steps,
              y: findings.checkpoints.map { mean($0.layers.map(\.storedFlushed)) }, style: .linePoints, colorGroup: 1),
            Series(
              title: "< 2⁻¹⁴ (subnormal)", x: steps, y: findings.checkpoints.map { mean($0.layers.map(\.subnormal)) },
              style: .linePoints, colorGroup: 2),
            Series(
              title: "", x: steps, y: findings.checkpoints.map { mean($0.layers.map(\.predictedSubnormal)) },
              style: .dashed, colorGroup: 2),
          ])
      chart.legendBelow = true
      notebook.chart(chart, caption: "Mean over the layers. Dashed: the log-normal fit's prediction.")
      let last = findings.checkpoints.last!
      let measuredShare = mean(last.layers.map(\.flushed))
      let predictedShare = mean(last.layers.map(\.predictedFlushed))
      // The log-normal is a two-parameter model of a distribution whose lower tail is heavier
      // (theory §14): it is held to the shares within a factor of 2, not to their digits.
      notebook.check([
        TheoryCheck(
          name: "step \(last.step): share of gradient entries ≤ 2⁻²⁵ (mean over layers), log-normal fit",
          measured: measuredShare, predicted: predictedShare, tolerance: .factor(2), source: "theory §14"),
        TheoryCheck(
          name: "step \(last.step): share below 2⁻¹⁴ (mean over layers), log-normal fit",
          measured: mean(last.layers.map(\.subnormal)), predicted: mean(last.layers.map(\.predictedSubnormal)),
          tolerance: .factor(2), source: "theory §14"),
      ])
      let first = findings.checkpoints.first!
      notebook.prose(
        """
        At step 0 the median gradient entry is \(Format.number(first.layers.map(\.median).sorted()[first.layers.count / 2])) \
        and Float16 loses \(Format.percent(mean(first.layers.map(\.flushed)))) of the entries; by \
        step \(last.step) the loss is \(Format.number(last.loss)), the median is \
        \(Format.number(last.layers.map(\.median).sorted()[last.layers.count / 2])), and \
        \(Format.percent(measuredShare)) of the entries round to 0 (the fit says \
        \(Format.percent(predictedShare))), \(Format.percent(mean(last.layers.map(\.storedFlushed)))) in a \
        real Float16 step. Vanishing here is not a product of layers but the success of training: \
        the better the net fits, the more of its gradient falls below Float16's range.
        """)
      let runs = trainOverSeeds(
        config, [.float32, .float16, .bfloat16], title: "Float32, Float16 and BFloat16", train: train, test: test,
        in: notebook)
      let f32 = runs.spread(0, \.finalLoss)
      let f16 = runs.spread(1, \.finalLoss)
      let accuracy32 = runs.spread(0, \.testAccuracy)
      let accuracy16 = runs.spread(1, \.testAccuracy)
      let smallestMove = setup.learningRate * GradientUnderflow.flushThreshold
      let verdict =
        if f16.min > f32.max {
          """
          On every seed the unscaled Float16 run ends at a higher loss than every Float32 run: the \
          flushed gradients are updates that never happen.
          """
        } else if f16.max < f32.min {
          "On every seed the unscaled Float16 run ends at a lower loss than every Float32 run."
        } else {
          """
          The seeds overlap: this run shows no difference in the final loss. Each flushed entry \
          would have moved its weight by at most η·2⁻²⁵ = \(Format.number(smallestMove)), and here \
          losing them cost nothing measurable.
          """
        }
      let accuracyVerdict =
        accuracy16.max < accuracy32.min || accuracy16.min > accuracy32.max
        ? "they differ beyond the seeds' spread" : "they do not differ beyond the seeds' spread"
      notebook.prose(
        """
        Over \(runs.seeds.count) seeds the final loss is \(Format.spread(f32)) in Float32 and \
        \(Format.spread(f16)) in Float16 without scaling. \(verdict) The test accuracy is \
        \(Format.spread(accuracy32, Format.percent)) and \(Format.spread(accuracy16, Format.percent)): \
        \(accuracyVerdict). BFloat16, with Float32's range and 8 significant bits, ends at \
        \(Format.spread(runs.spread(2, \.finalLoss))).
        """)
      notebook.recordRun(
        "underflow_checkpoints",
        [
          ("final_step", Double(last.step)), ("final_loss", last.loss), ("flushed_share", measuredShare),
          ("predicted_flushed_share", predictedShare), ("stored_flushed_share", mean(last.layers.map(\.storedFlushed))),
          ("subnormal_share", mean(last.layers.map(\.subnormal))),
          ("predicted_subnormal_share", mean(last.layers.map(\.predictedSubnormal))),
          ("initial_flushed_share", mean(first.layers.map(\.flushed))),
        ])
      return (findings, runs)
    }
  }

  /// `variants` trained over `config.trainingSeeds` seeds, one (seed, variant) per core; a table of
  /// the final loss and test accuracy and a record per variant.
  static func trainOverSeeds(
    _ config: PrecisionConfiguration, _ variants: [PrecisionTraining.Variant], title: String, train: Dataset,
    test: Dataset, in notebook: Notebook
  ) -> SeedRuns<PrecisionTraining.Run> {
    let setup = config.training
    let (staticScale, scaler) = (config.staticScale, config.scaler)
    let runs = notebook.experiment(
      "\(variants.count) runs × \(config.trainingSeeds) seeds", total: variants.count * config.trainingSeeds
    ) { progress in
      SeedRuns.parallel(config, seeds: config.trainingSeeds, runsPerSeed: variants.count, progress: progress.update) {
        seeded, r in
        PrecisionTraining.run(
          setup, variant: variants[r], staticScale: staticScale, scaler: scaler, train: train, test: test,
          seed: seeded.seed)
      }
    }
    notebook.table(
      Table(
        headers: [
          "run", "final loss (last 10%)", "test accuracy", "first layer's gradient stored as 0", "skipped steps",
        ],
        rows: variants.indices.map { r in
          [
            variants[r].label(staticScale: staticScale), Format.spread(runs.spread(r, \.finalLoss)),
            Format.spread(runs.spread(r, \.testAccuracy), Format.percent),
            Format.spread(runs.spread(r, \.finalFirstLayerZeroShare), Format.percent),
            Format.spread(runs.spread(r) { Double($0.history.skippedCount) }),
          ]
        }),
      caption:
        """
        \(title): the same weights and batches per seed (\(runs.seeds.map(String.init).joined(separator: ", "))), \
        \(setup.steps) steps; mean (min–max) over the seeds. The first layer's share is over the \
        last tenth of the steps, zeros in Float32 included.
        """)
    for r in variants.indices {
      notebook.recordRun(
        "train_\(variants[r].rawValue)",
        [("skipped_steps_mean", runs.spread(r) { Double($0.history.skippedCount) }.mean)],
        extra: [
          ("seeds", .seeds(runs.seeds)), ("final_loss", .spread(runs.spread(r, \.finalLoss))),
          ("test_accuracy", .spread(runs.spread(r, \.testAccuracy))),
          ("first_layer_zero_share", .spread(runs.spread(r, \.finalFirstLayerZeroShare))),
        ])
    }
    return runs
  }
}

extension PrecisionTraining.Variant {
  /// How it is named in tables and charts.
  package func label(staticScale: Double) -> String {
    switch self {
    case .float32: "Float32"
    case .float16: "Float16, no scaling"
    case .float16Static: "Float16, S = \(Format.powerOfTwo(staticScale))"
    case .float16Dynamic: "Float16, dynamic S"
    case .bfloat16: "BFloat16, no scaling"
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `PrecisionLesson.outline`).
  static let underflow: StepID = "underflow"
}
