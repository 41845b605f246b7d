import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension InitializationLesson {
  // MARK: .variance

  /// Step `.variance`: the per-layer gradient factor of five inits × the chosen nonlinearities.
  static func stepVarianceArgument(
    _ config: InitializationConfiguration, batch: Dataset, in notebook: Notebook
  ) -> [InitProfiles.Profile] {
    notebook.step(.variance, "The variance argument: one factor per layer, σ_w²·E[φ'(h)²]") {
      notebook.prose(
        """
        Going backward through layer l+1, the gradient at the pre-activations is \
        g_l = φ'(h_l) ⊙ W_{l+1}ᵀg_{l+1}. With W of variance σ_w²/fan_in, its squared norm is \
        multiplied on average by σ_w²·E[φ'(h)²]. For a linear layer E[φ'²] = 1, for ReLU ½ (half \
        the units pass the gradient), for tanh it depends on the variance q of h: 1 when q is small, \
        less as units saturate. The inits set σ_w² = fan_in·Var[W]: naive N(0, 1) gives σ_w² = \
        \(config.width) (the width), LeCun and Xavier (equal widths) 1, He 2, orthogonal 1 with \
        every singular value exactly 1. For tanh the prediction follows the mean-field length map \
        q ← σ_w²·E[φ(√q·z)²] from each example's own first-layer variance (theory §4). We \
        measure ‖∂L/∂h_l‖ at every hidden layer of \(config.depth)-layer nets of width \
        \(config.width) on \(batch.count) digits (\(config.networksPerCase) network(s) per case) and fit \
        the per-layer factor by least squares on log norms.
        """)
      let total = config.activations.count * config.inits.count
      let profiles = notebook.experiment("gradients at init: \(total) cases", total: total) { progress in
        InitProfiles.byLayer(config, batch: batch, progress: progress.update)
      }
      if profiles.contains(where: { $0.choice == .naive && $0.depth < config.depth }) {
        notebook.prose(
          """
          The naive linear and ReLU nets are measured over 10 layers only: their signal grows \
          ×√\(config.width) or ×√\(config.width / 2) per layer and leaves Float32 within about 20 \
          layers (lesson 1), after which there is no gradient left to measure.
          """)
      }
      for (index, activation) in config.activations.enumerated() {
        let cases = profiles.filter { $0.activation == activation }
        notebook.chart(
          Chart(
            name: "gradient-by-layer-\(activation.name.lowercased())",
            title:
              "Gradient norm by layer at init, \(activation.name) (depth \(config.depth), width \(config.width))",
            xLabel: "hidden layer l (input side = 1)", yLabel: "‖∂L/∂h_l‖", logY: true,
            series: cases.enumerated().flatMap { i, profile in
              let layers = (1...profile.depth).map(Double.init)
              return [
                Series(
                  title: profile.choice.name, x: layers, y: profile.gradientNorm, style: .line, colorGroup: i),
                Series(title: "", x: layers, y: profile.predictedNorm, style: .dashed, colorGroup: i),
              ]
            }),
          caption:
            "Solid: measured; dashed (same color): the theory's profile anchored at the top layer."
            + (index == 0 ? " Flat means the init preserves the gradient." : ""))
      }
      notebook.table(
        Table(
          headers: [
            "φ", "init", "σ_w²", "factor/layer measured", "predicted", "‖g₁‖/‖g_L‖ measured", "predicted",
          ],
          rows: profiles.map { p in
            [
              p.activation.name, p.choice.name + (p.depth < config.depth ? " (10 layers)" : ""),
              Format.number(p.hiddenGain2), Format.number(p.measuredFactor), Format.number(p.predictedFactor),
              Format.number(p.measuredRatio), Format.number(p.predictedRatio),
            ]
          }), caption: "Per-layer factor of the back-propagated gradient norm (backward, layer l+1 → l):")
      notebook.prose(
        """
        Each tolerance is three standard errors of the fitted slope, from the finite-width \
        fluctuation of log‖g‖ per layer, (3K − 1)/(4n) with K = E[φ'⁴]/E[φ'²]² (theory §1: 5/(4n) \
        for ReLU), at least 2%. A saturated tanh, where few units pass any gradient, fluctuates \
        most and gets the widest band.
        """)
      notebook.check(
        profiles.map { p in
          TheoryCheck(
            name: "per-layer gradient factor, \(p.activation.name), \(p.choice.name)", measured: p.measuredFactor,
            predicted: p.predictedFactor, tolerance: .relative(p.tolerance),
            source: p.activation == .tanh || p.activation == .sigmoid ? "theory §4" : "theory §1")
        })
      for p in profiles {
        notebook.recordRun(
          "init_\(p.activation.name.lowercased())_\(p.choice.rawValue)",
          [
            ("hidden_gain2", p.hiddenGain2), ("fitted_factor", p.measuredFactor),
            ("predicted_factor", p.predictedFactor),
            ("first_to_last_ratio", p.measuredRatio), ("predicted_ratio", p.predictedRatio),
            ("max_grad_norm", p.gradientNorm.max()), ("depth", Double(p.depth)),
          ])
      }
      return profiles
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `InitializationLesson.outline`).
  static let variance: StepID = "variance"
}
