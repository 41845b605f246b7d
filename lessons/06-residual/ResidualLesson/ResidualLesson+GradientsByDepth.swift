import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension ResidualLesson {
  /// The architectures of `.gradientsByDepth` and `.training`.
  static let compared: [Architecture] = [.plain, .residual, .batchNorm, .batchNormResidual]

  // MARK: .gradientsByDepth

  /// Step `.gradientsByDepth`: the gradient reaching the first layer, by depth, for plain, residual and BN nets.
  static func stepGradientsByDepth(
    _ config: ResidualConfiguration, train: Dataset, in notebook: Notebook
  ) -> GradientDepthFindings {
    notebook.step(.gradientsByDepth, "The gradient reaching the first layer, by depth") {
      notebook.prose(
        """
        At init, on one mini-batch of 64 training digits, the ratio ‖∂L/∂W_first‖/‖∂L/∂W_last‖ \
        between the first and the last weight layer, for nets of \(config.gradientDepths.map(String.init).joined(separator: ", ")) \
        weight layers of width \(config.width) (\(config.gradientNetworks) networks each): a plain \
        He-initialized ReLU net, residual blocks scaled by 1/√L, the plain net with batch norm \
        before every ReLU (lesson 3's explosion: λ(B) per layer), and pre-activation residual \
        blocks with batch norm.
        """)
      let batch = train.subset(0..<64)
      let total = compared.count * config.gradientDepths.count * config.gradientNetworks
      let findings = notebook.experiment("gradients at init", total: total) { progress in
        GradientDepthFindings.measure(
          compared, depths: config.gradientDepths, networks: config.gradientNetworks, width: config.width,
          batch: batch, seed: config.seed, progress: progress.update)
      }
      notebook.table(
        Table(
          headers: ["architecture"] + config.gradientDepths.map { "L = \($0)" } + [
            "spread of log₁₀ at L = \(config.gradientDepths.last!)"
          ],
          rows: compared.indices.map { a in
            [compared[a].rawValue] + config.gradientDepths.indices.map { Format.number(findings.geometricMean(a, $0)) }
              + [Format.number(findings.logSpread(a, config.gradientDepths.count - 1))]
          }),
        caption: "‖∂L/∂W_first‖/‖∂L/∂W_last‖, geometric mean over the networks.")
      notebook.chart(
        Chart(
          name: "gradient-by-depth", title: "First-layer over last-layer weight gradient at init",
          xLabel: "weight layers L", yLabel: "‖∂L/∂W_{first}‖ / ‖∂L/∂W_{last}‖", logY: true,
          series: compared.indices.map { a in
            Series(
              title: compared[a].rawValue, x: config.gradientDepths.map(Double.init),
              y: config.gradientDepths.indices.map { findings.geometricMean(a, $0) }, style: .linePoints, colorGroup: a)
          }),
        caption: {
          let deepest = config.gradientDepths.count - 1
          return "At \(config.gradientDepths[deepest]) weight layers the ratio is "
            + compared.indices.map {
              "\(Format.number(findings.geometricMean($0, deepest))) for \(compared[$0].rawValue)"
            }
            .joined(separator: ", ") + "; 1 means the first and the last layer get the same gradient."
        }())
      notebook.prose(
        """
        The plain He net keeps the gradient's size on average (lesson 2) but its spread across \
        networks grows with depth (lesson 2's 5L/n); the residual net's gradient reaches the first \
        layer through the identity path and barely depends on depth. Batch norm without skip \
        connections multiplies the gradient by λ(B) per layer (lesson 3); in the pre-activation \
        residual net the same batch norm sits inside branches next to an identity, and the \
        explosion is gone.
        """)
      gradientHistograms(config, input: batch.inputs, targets: batch.targets, in: notebook)
      for (a, architecture) in compared.enumerated() {
        for (d, depth) in config.gradientDepths.enumerated() {
          notebook.recordRun(
            "gradient_\(architecture.recordName)_depth\(depth)",
            [("geometric_mean_ratio", findings.geometricMean(a, d)), ("log10_spread", findings.logSpread(a, d))])
        }
      }
      return findings
    }
  }
}

extension Architecture {
  /// A snake_case name for metrics.json.
  var recordName: String {
    switch self {
    case .plain: "plain"
    case .residual: "residual"
    case .batchNorm: "bn_only"
    case .batchNormResidual: "bn_residual"
    case .residualUnscaled: "residual_alpha1"
    case .fixup: "fixup"
    case .skipInit: "skipinit"
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ResidualLesson.outline`).
  static let gradientsByDepth: StepID = "gradients-by-depth"
}
