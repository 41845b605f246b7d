import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension ExplodingLesson {
  /// A controlled explosion: the gradient norm layer by layer.
  static func stepProfiles(_ config: ExplodingConfiguration, train: Dataset, in notebook: Notebook)
    -> [ExplodingExperiments.GradientProfile]
  {
    let depth = config.depth
    let phi = config.activation.name
    let gains2 = config.comparedGains2
    return notebook.step(.profiles, "A controlled explosion: the gradient norm layer by layer") {
      notebook.prose(
        """
        Now scale the weights properly, N(0, σ_w²/fan_in), and vary σ_w². Going backward, each \
        \(phi) layer multiplies the squared norm of the back-propagated gradient ∂L/∂h_l by \
        σ_w²·E[φ'(h)²] = \(config.activation == .relu ? "σ_w²/2" : "σ_w²"), so the norm grows by \
        √(\(config.activation == .relu ? "σ_w²/2" : "σ_w²")) per layer: it is flat at σ_w² = \
        \(Format.number(config.criticalGain2)) (He init for ReLU) and explodes above. We measure \
        ‖∂L/∂h_l‖ for every hidden layer of \(config.networksPerGain) networks per σ_w² \
        (depth \(depth), width \(config.width), a batch of \(config.measurementBatch) digits) and fit \
        the per-layer factor by least squares on log-norms.
        """)
      let profiles = notebook.experiment(
        "gradients at init for σ_w² = \(gains2.map { Format.number($0) }.joined(separator: ", "))",
        total: gains2.count * config.networksPerGain
      ) { progress in
        ExplodingExperiments.gradientProfiles(config, gains2: gains2, digits: train, progress: progress.update)
      }
      let layers = (1...depth).map(Double.init)
      notebook.chart(
        Chart(
          name: "gradient-by-layer", title: "Back-propagated gradient norm by layer (\(phi), depth \(depth))",
          xLabel: "hidden layer l (input side = 1)", yLabel: "‖∂L/∂h_l‖", logY: true,
          series: profiles.enumerated().flatMap { index, profile in
            let factor = PlainNetworkTheory.normGrowthPerLayer(config.activation, gain2: profile.gain2)
            let top = profile.gradientNorm[depth - 1]
            return [
              Series(
                title: "σ_w² = \(Format.number(profile.gain2))", x: layers, y: profile.gradientNorm, style: .line,
                colorGroup: index),
              Series(
                title: "theory ×\(Format.number(factor))/layer", x: layers,
                y: layers.map { top * Double.pow(factor, Double(depth) - $0) }, style: .dashed, colorGroup: index),
            ]
          }),
        caption:
          "Solid: measured (geometric mean over networks); dashed: the theory's slope, anchored at the top layer.")
      notebook.table(
        Table(
          headers: ["σ_w²", "factor/layer measured", "predicted √(σ_w²·E[φ'²])", "‖g₁‖/‖g_L‖ measured", "predicted"],
          rows: profiles.map { profile in
            let factor = PlainNetworkTheory.normGrowthPerLayer(config.activation, gain2: profile.gain2)
            return [
              Format.number(profile.gain2), Format.number(profile.fittedBackwardFactor), Format.number(factor),
              Format.number(profile.firstToLastRatio), Format.number(Double.pow(factor, Double(depth - 1))),
            ]
          }), caption: "Per-layer factor of the back-propagated gradient norm:")
      notebook.check(
        profiles.map { profile in
          TheoryCheck(
            name: "per-layer gradient factor, σ_w² = \(Format.number(profile.gain2))",
            measured: profile.fittedBackwardFactor,
            predicted: PlainNetworkTheory.normGrowthPerLayer(config.activation, gain2: profile.gain2),
            tolerance: .relative(0.05), source: "theory §1")
        })
      notebook.prose(
        """
        The weight gradient ∂L/∂W_l = (∂L/∂h_l)·x_{l−1}ᵀ is the product of a backward factor and a \
        forward one, and with a pure scale mismatch the two drift in opposite directions across \
        layers; that is why the charts here show ∂L/∂h_l, the quantity the theory is about. Either \
        way, at σ_w² = \(Format.number(config.gain2)) every weight gradient is already huge at step 0, \
        before any training: ‖∂L/∂W_1‖ = \
        \(Format.number(profiles.profile(gain2: config.gain2)?.weightGradientNorm[0] ?? .nan)) \
        against \(Format.number(profiles.profile(gain2: config.criticalGain2)?.weightGradientNorm[0] ?? .nan)) \
        at σ_w² = \(Format.number(config.criticalGain2)).
        """)
      for profile in profiles {
        notebook.recordRun(
          "init_gain2_\(Format.number(profile.gain2))",
          [
            ("fitted_factor", profile.fittedBackwardFactor), ("first_to_last_ratio", profile.firstToLastRatio),
            ("max_grad_norm", profile.gradientNorm.max()),
            ("first_layer_weight_grad_norm", profile.weightGradientNorm[0]),
          ])
      }
      return profiles
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ExplodingLesson.outline`).
  static let profiles: StepID = "profiles"
}
