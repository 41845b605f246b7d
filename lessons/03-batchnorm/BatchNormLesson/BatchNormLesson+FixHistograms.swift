import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
  /// What batch norm does to each layer's values at step 0 of `.fix`'s runs: the magnitude
  /// histograms of the activations and of the back-propagated gradients of a few hidden layers,
  /// plain (solid) against BN (dashed), with the medians' shift per layer.
  static func fixHistograms(_ config: BatchNormConfiguration, runs: [TrainedRun], in notebook: Notebook) {
    let depth = config.depth
    guard
      let (gradients, activations, shown) = MagnitudeHistogramCharts.firstStepPair(runs.map(\.history), depth: depth)
    else { return }
    let names = runs.map(\.name)
    // Going down from the top: the gradient's factor per layer; the activations' forward growth
    // per layer is its inverse.
    let gradientFactors = gradients.map { MagnitudeHistogramCharts.medianFactorPerLayer($0) ?? .nan }
    let activationGrowth = activations.map { 1 / (MagnitudeHistogramCharts.medianFactorPerLayer($0) ?? .nan) }
    // The share of a drawn layer's units in the first bin (below 2^−47.5, the clamped tail).
    let tiny = gradients.flatMap { h in shown.map { h[$0 - 1].shares.first ?? 0 } }.max() ?? 0
    let phi = config.activation
    let plainTheory = MeanField(phi, weightVariance: config.gain2).gradientFactor(atVariance: 1).squareRoot()
    let yang = BatchNormTheory.gradientGrowth(config.activation, batchSize: config.batchSize).squareRoot()
    notebook.prose(
      """
      **Layer by layer, value by value.** The histograms of step 0 show what batch norm changes. \
      Forward, each layer's median |h| grows by \(Format.number(activationGrowth[0])) per layer in the \
      plain net and by \(Format.number(activationGrowth[1])) with BN: BN resets every layer's scale, so \
      its activation histograms lie on top of one another. Backward, the median |∂L/∂h| grows by \
      \(Format.number(gradientFactors[0])) per layer going down in the plain net (the init's \
      √(σ_w²·E[φ'²]) = \(Format.number(plainTheory))) and by \(Format.number(gradientFactors[1])) with BN \
      (Yang et al.'s √λ(B) = \(Format.number(yang)) for B = \(config.batchSize)): with BN the growth no \
      longer comes from the init, whose scale BN cancels, but from BN itself, the explosion of \
      \(notebook.reference(.yang)).
      """)
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "fix-activation-histograms", title: "|h| per hidden layer at step 0, plain vs batch norm",
        of: .activation,
        runs: MagnitudeHistogramCharts.beforeAndAfter(names, activations, layers: shown)),
      caption: "Solid: \(runs[0].name); dashed: \(runs[1].name); one color per layer.")
    notebook.chart(
      MagnitudeHistogramCharts.overlay(
        name: "fix-gradient-histograms", title: "|∂L/∂h| per hidden layer at step 0, plain vs batch norm",
        of: .gradient,
        runs: MagnitudeHistogramCharts.beforeAndAfter(names, gradients, layers: shown)),
      caption:
        """
        Solid: \(runs[0].name); dashed: \(runs[1].name); one color per \
        layer.\(tiny > 0.01 ? """
           The spike at the left edge is the first bin, which also holds every value below 2^−48: up to \
          \(Format.percent(tiny)) of a layer's units get a gradient below 2^−48, almost none.
          """ : "")
        """
    )
    notebook.recordRun(
      "fix_histograms_step_0",
      [
        ("plain_activation_growth_per_layer", activationGrowth[0]),
        ("batch_norm_activation_growth_per_layer", activationGrowth[1]),
        ("plain_gradient_factor_per_layer", gradientFactors[0]),
        ("batch_norm_gradient_factor_per_layer", gradientFactors[1]),
      ])
  }
}
