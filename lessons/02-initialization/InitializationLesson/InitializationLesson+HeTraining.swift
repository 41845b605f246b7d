import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
  // MARK: .heTraining

  /// Step `.heTraining`: He et al. (2015) in miniature: a deep ReLU net trained from Xavier and from He init.
  static func stepHeTraining(
    _ config: InitializationConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> [HeTraining.Run] {
    notebook.step(
      .heTraining, "He et al. 2015: a \(config.trainingDepth)-layer ReLU net, \(config.challenger.name) vs He"
    ) {
      let depth = config.trainingDepth
      notebook.prose(
        """
        Xavier's σ_w² = 1 was derived for tanh. A ReLU passes half of its input's energy, so the \
        signal and the gradient shrink ×1/√2 per layer: 2^-15 ≈ 3e-5 after 30 layers. He et al. \
        doubled the variance (σ_w² = 2) and their 30-layer plain net trained where Xavier's \
        stalled. We train a \(depth)-layer ReLU net of width \(config.width) on \(train.count) \
        digits with SGD (lr \(Format.number(config.learningRate)), batches of \(config.batchSize), \
        \(config.steps) steps) from \(config.challenger.name) and from He init.
        """)
      notebook.comparison(
        differs: "the weights' variance only (\(config.challenger.name) against He's σ_w² = 2)",
        same: [
          "architecture", "weight seed", "mini-batch order", "lr \(Format.number(config.learningRate))",
          "\(config.steps) steps of \(config.batchSize)",
        ])
      let runs = notebook.experiment("training 2 runs × \(config.steps) steps", total: 2) { progress in
        HeTraining.run(config, train: train, test: test, progress: progress.update)
      }
      notebook.table(
        Table(
          headers: [
            "init", "factor/layer at step 0", "predicted", "‖g₁‖/‖g_L‖ at step 0", "E[h_L²]/E[h₁²] at step 0",
            "loss at step 0", "final loss", "test accuracy",
          ],
          rows: runs.map { r in
            [
              r.choice.name, Format.number(r.measuredFactor), Format.number(r.predictedFactor),
              Format.number(r.initialGradientNorm.first! / r.initialGradientNorm.last!),
              Format.number(r.initialSignalRatio), Format.number(r.history.steps.first?.loss ?? .nan),
              Format.number(r.history.finalLoss), r.testAccuracy.isFinite ? Format.percent(r.testAccuracy) : "–",
            ]
          }))
      let shown = TrainingRuns(runs.map { ($0.choice.name, $0.history, $0.testAccuracy) })
      notebook.chart(
        Chart(
          name: "he-training-loss", title: "Training loss, \(depth)-layer ReLU net", xLabel: "SGD step",
          yLabel: "mini-batch loss", series: shown.series(\.loss), markers: shown.nonFiniteMarkers),
        caption: "ln 10 ≈ 2.303 is the loss of a uniform guess over 10 digits: a net stuck there has learned nothing.")
      let layers = (1...depth).map(Double.init)
      notebook.chart(
        Chart(
          name: "he-gradient-at-init", title: "Why: gradient norm by layer at step 0", xLabel: "hidden layer l",
          yLabel: "‖∂L/∂h_l‖", logY: true,
          series: runs.enumerated().flatMap { i, r in
            let top = r.initialGradientNorm.last!
            return [
              Series(title: r.choice.name, x: layers, y: r.initialGradientNorm, style: .line, colorGroup: i),
              Series(
                title: "", x: layers, y: layers.map { top * Double.pow(r.predictedFactor, Double(depth) - $0) },
                style: .dashed, colorGroup: i),
            ]
          }),
        caption:
          """
          Dashed: √(σ_w²/2) per layer. Under \(runs[0].choice.name) the bottom layer gets \
          \(Format.number(runs[0].initialGradientNorm.first! / runs[0].initialGradientNorm.last!)) of the \
          top's gradient (ReLU with σ_w² = 1 predicts 2^-\(Format.number(Double(depth - 1) / 2))).
          """
      )
      let withoutGradient = runs.filter { !$0.initialGradientNorm.allSatisfy { $0 > 0 } }
      for r in withoutGradient {
        notebook.prose(
          """
          \(r.choice.name): some hidden layers receive a gradient of exactly 0 at step 0, so there is no \
          per-layer factor to compare (\(notebook.reference(.symmetry)) shows why a constant init passes no gradient down).
          """)
      }
      notebook.check(
        runs.filter { $0.initialGradientNorm.allSatisfy { $0 > 0 } }.map { r in
          TheoryCheck(
            name: "per-layer gradient factor at step 0, ReLU, \(r.choice.name)", measured: r.measuredFactor,
            predicted: r.predictedFactor, tolerance: .relative(r.tolerance), source: "theory §3")
        })
      for r in runs {
        notebook.recordRun(
          "train_\(r.choice.rawValue)",
          [
            ("final_loss", r.history.finalLoss), ("initial_loss", r.history.steps.first?.loss),
            ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
            ("max_grad_norm", r.history.maxGradientNorm), ("test_accuracy", r.testAccuracy),
            ("step0_factor", r.measuredFactor), ("step0_signal_ratio", r.initialSignalRatio),
          ])
      }
      return runs
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let heTraining: StepID = "he-training"
}
