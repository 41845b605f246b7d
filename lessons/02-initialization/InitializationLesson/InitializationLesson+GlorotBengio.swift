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
          """
          Back-propagated gradient variance Var[∂L/∂h_l] relative to the top layer \
          (\(GlorotBengio.layers)). The paper's inputs were Shapeset images, ours are digits, so its \
          numbers are context, not the check.
          """
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
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let glorotBengio: StepID = "glorot-bengio"
}
