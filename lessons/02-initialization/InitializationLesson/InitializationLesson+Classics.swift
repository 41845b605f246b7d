import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
  // MARK: .glorotBengio

  /// Step `.glorotBengio`: Glorot & Bengio (2010): standard vs normalized init in five tanh layers.
  static func stepGlorotBengio(_ config: InitializationConfiguration, batch: Dataset, in notebook: Notebook) {
    notebook.step(.glorotBengio, "Glorot & Bengio 2010: why the \"standard\" init starves the lower layers") {
      let n = config.glorotWidth
      notebook.prose(
        """
        Before 2010 the usual init was U[±1/√n_in]: variance 1/(3·n_in), so σ_w² = 1/3 and, in the \
        linear regime of tanh, the back-propagated gradient variance shrinks ×1/3 per layer. Glorot \
        and Bengio's normalized init U[±√6/√(n_in+n_out)] has variance 2/(n_in+n_out): σ_w² = 1 for \
        equal widths. We rebuild their net, \(GlorotBengio.layers) tanh layers of width \(n) \
        \(n == 1000 ? "as in the paper" : "(1000 in the paper)"), feed \(batch.count) \
        standardized digits, and measure the gradient variance at each layer and the singular values \
        of the layer Jacobians J_l = ∂z_{l+1}/∂z_l = diag(φ'(h_{l+1}))·W_{l+1}. A square matrix \
        with entries of variance s²/n has singular values on the quarter circle [0, 2s], mean \
        8s/(3π) ≈ 0.849·s: that is where the paper's 0.49 comes from (s² = 1/3).
        """)
      let results = notebook.experiment("2 inits, \(GlorotBengio.layers) layers of width \(n)", total: 2) { progress in
        GlorotBengio.run(config, batch: batch, progress: progress.update)
      }
      let standard = results[0]
      let normalized = results[1]
      let reportedStandard = GlorotBengio.reported(normalized: false)
      let reportedNormalized = GlorotBengio.reported(normalized: true)
      notebook.table(
        Table(
          headers: [
            "layer", "standard measured", "predicted", "paper", "normalized measured", "predicted", "paper",
          ],
          rows: (1...GlorotBengio.layers).reversed().map { l in
            let top = GlorotBengio.layers - l
            return [
              "\(l)", Format.number(standard.gradientVariance[l - 1]),
              Format.number(standard.predictedGradientVariance[l - 1]), Format.number(reportedStandard.variance[top]),
              Format.number(normalized.gradientVariance[l - 1]),
              Format.number(normalized.predictedGradientVariance[l - 1]),
              Format.number(reportedNormalized.variance[top]),
            ]
          }),
        caption:
          "Back-propagated gradient variance Var[∂L/∂h_l] relative to the top layer (\(GlorotBengio.layers)). The paper's inputs were Shapeset images, ours are digits, so its numbers are context, not the check."
      )
      func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
      notebook.table(
        Table(
          headers: ["init", "mean sv of W measured", "8s/(3π)", "mean sv of J measured", "predicted", "paper"],
          rows: results.map { r in
            [
              r.normalized ? "normalized (Xavier)" : "standard", Format.number(mean(r.weightMeanSingularValue)),
              Format.number(r.predictedWeightMeanSingularValue), Format.number(mean(r.jacobianMeanSingularValue)),
              Format.number(mean(r.predictedJacobianMeanSingularValue)),
              r.normalized ? "0.77–0.8" : Format.number(reportedStandard.meanSingularValue),
            ]
          }),
        caption:
          "Mean singular values, averaged over layers: J's prediction is 8s/(3π)·√E[φ'(h)²] with E[φ'²] from the mean field."
      )
      let layers = (1...GlorotBengio.layers).map(Double.init)
      notebook.chart(
        Chart(
          name: "glorot-gradient-variance",
          title: "Back-propagated gradient variance, \(GlorotBengio.layers) tanh layers",
          xLabel: "hidden layer l (input side = 1)", yLabel: "Var[∂L/∂h_l] / Var[∂L/∂h_5]", logY: true,
          series: [
            Series(
              title: "standard U[±1/√n]", x: layers, y: standard.gradientVariance, style: .linePoints, colorGroup: 1),
            Series(title: "", x: layers, y: standard.predictedGradientVariance, style: .dashed, colorGroup: 1),
            Series(
              title: "normalized (Xavier)", x: layers, y: normalized.gradientVariance, style: .linePoints, colorGroup: 0
            ),
            Series(title: "", x: layers, y: normalized.predictedGradientVariance, style: .dashed, colorGroup: 0),
            Series(
              title: "paper, standard", x: layers, y: reportedStandard.variance.reversed(), style: .points,
              colorGroup: 5),
            Series(
              title: "paper, normalized", x: layers, y: reportedNormalized.variance.reversed(), style: .points,
              colorGroup: 2),
          ]),
        caption: "Dashed: the mean-field prediction for our inputs. The standard init loses ×3 per layer.")
      let upper = 2.2
      let histograms = results.map { JacobianSpectrum.histogram($0.jacobianSingularValues, upper: upper, bins: 44) }
      notebook.chart(
        Chart(
          name: "glorot-jacobian-singular-values", title: "Singular values of the layer Jacobians J_l",
          xLabel: "singular value", yLabel: "density",
          series: [
            Series(title: "standard", x: histograms[0].edges, y: histograms[0].density, style: .steps, colorGroup: 1),
            Series(
              title: "normalized (Xavier)", x: histograms[1].edges, y: histograms[1].density, style: .steps,
              colorGroup: 0),
          ]),
        caption: {
          let medians = results.map { r -> Double in
            let sorted = r.jacobianSingularValues.sorted()
            return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
          }
          return
            "Median singular value: \(Format.number(medians[0])) under the standard init, \(Format.number(medians[1])) under the normalized one"
            + (medians[0] < 1 && abs(medians[1] - 1) < abs(medians[0] - 1)
              ? ": the standard init shrinks most directions; the normalized one keeps them closer to 1." : ".")
        }())
      stepGlorotHistograms(results, in: notebook)
      notebook.check(
        results.flatMap { r -> [TheoryCheck] in
          let name = r.normalized ? "normalized" : "standard"
          let measuredFactor = MeanFieldPrediction.backwardFactor(r.gradientVariance)
          let predictedFactor = MeanFieldPrediction.backwardFactor(r.predictedGradientVariance)
          return [
            TheoryCheck(
              name: "gradient-variance factor per layer (fit), \(name)", measured: measuredFactor,
              predicted: predictedFactor, tolerance: .relative(0.05), source: "theory §2, §4"),
            TheoryCheck(
              name: "mean singular value of W, \(name)", measured: mean(r.weightMeanSingularValue),
              predicted: r.predictedWeightMeanSingularValue, tolerance: .relative(0.01), source: "theory §2"),
            TheoryCheck(
              name: "mean singular value of J, \(name)", measured: mean(r.jacobianMeanSingularValue),
              predicted: mean(r.predictedJacobianMeanSingularValue), tolerance: .relative(0.03),
              source: "theory §2"),
          ]
        })
      for r in results {
        notebook.recordRun(
          r.normalized ? "glorot_normalized" : "glorot_standard",
          [
            ("bottom_gradient_variance", r.gradientVariance[0]),
            ("predicted_bottom_gradient_variance", r.predictedGradientVariance[0]),
            ("weight_mean_singular_value", mean(r.weightMeanSingularValue)),
            ("jacobian_mean_singular_value", mean(r.jacobianMeanSingularValue)),
          ])
      }
    }
  }

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
          "Dashed: √(σ_w²/2) per layer. Under \(runs[0].choice.name) the bottom layer gets \(Format.number(runs[0].initialGradientNorm.first! / runs[0].initialGradientNorm.last!)) of the top's gradient (ReLU with σ_w² = 1 predicts 2^-\(Format.number(Double(depth - 1) / 2)))."
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
  /// The ids of this file's steps (their order: `InitializationLesson.outline`).
  static let glorotBengio: StepID = "glorot-bengio"
  static let heTraining: StepID = "he-training"
}
