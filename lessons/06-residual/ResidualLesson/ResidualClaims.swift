import NeuralNet
import Notebook

/// The documents' claims that lesson 6 judges, each by a rule over its measurements.
enum ResidualClaims {
  /// A net "trains" when it stays finite and reaches this test accuracy (chance is 10%).
  static let trainedAccuracy = 0.5
  /// Accuracy gaps of at least this many points are differences a reader would call real.
  static let accuracyGap = 0.2
  /// A first-to-last gradient ratio this far from 1 (either way) is an explosion or a vanishing.
  static let unevenRatio = 10.0

  /// The claims, judged by `.variance`, `.gradientsByDepth`, `.training` and `.withoutNormalization`.
  static func claims(
    _ config: ResidualConfiguration, gradients: GradientDepthFindings, training trainingSeeds: ArchitecturesOverSeeds,
    unnormalized unnormalizedSeeds: ArchitecturesOverSeeds, variance: VarianceFindings, in notebook: Notebook
  ) -> [Claim] {
    let training = trainingSeeds.main
    func run(_ list: [TrainedArchitecture], _ a: Architecture) -> TrainedArchitecture? {
      list.first { $0.architecture == a }
    }
    /// Test accuracy over the seeds, as "mean (min–max) test accuracy", with the non-finite runs.
    func outcome(_ a: Architecture, _ set: ArchitecturesOverSeeds) -> String {
      let n = set.seeds.count
      let bad = set.nonFiniteCount(a)
      guard let spread = set.accuracy(a) else { return "–" }
      return bad == n
        ? "non-finite on all \(n) seeds"
        : "\(Format.spread(spread, Format.percent)) test accuracy\(bad > 0 ? " (non-finite on \(bad) of \(n) seeds, counted as 0)" : "")"
    }
    /// The mean test accuracy over the seeds, a run that went non-finite counted as 0.
    func accuracy(_ a: Architecture, _ set: ArchitecturesOverSeeds) -> Double? { set.accuracy(a)?.mean }
    let deepest = gradients.depths.count - 1
    let bnIndex = gradients.architectures.firstIndex(of: .batchNorm)
    let bnResIndex = gradients.architectures.firstIndex(of: .batchNormResidual)
    let plain = run(training, .plain)
    let profile = variance.meanProfiles.first ?? []
    let trainingStep = notebook.reference(.training)
    let deepStep = notebook.reference(.withoutNormalization)
    func uneven(_ ratio: Double) -> Bool { !ratio.isFinite || ratio >= unevenRatio || ratio <= 1 / unevenRatio }

    return [
      .measured(
        .resnetExample, step: .training,
        measurements: [
          "bn_only_gradient_ratio_deepest": bnIndex.map { gradients.geometricMean($0, deepest) },
          "bn_residual_gradient_ratio_deepest": bnResIndex.map { gradients.geometricMean($0, deepest) },
          "bn_only_test_accuracy_mean": accuracy(.batchNorm, trainingSeeds),
          "bn_residual_test_accuracy_mean": accuracy(.batchNormResidual, trainingSeeds),
        ],
        rule:
          """
          false if BN + residual does not train (mean test accuracy over the seeds < \
          \(Format.percent(trainedAccuracy))); otherwise partly holds if BN alone leaves the \
          first-to-last gradient ratio at the deepest depth ≥ ×\(Format.number(unevenRatio)) from 1 or \
          trains ≥ \(Format.number(accuracyGap * 100)) points worse than BN + residual (the skip \
          connection does the work), holds if not
          """,
        verdict: { m in
          guard m["bn_residual_test_accuracy_mean"] >= trainedAccuracy else { return .false_ }
          let skipMatters =
            uneven(m["bn_only_gradient_ratio_deepest"])
            || m["bn_residual_test_accuracy_mean"] - m["bn_only_test_accuracy_mean"] >= accuracyGap
          return skipMatters ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let numbers =
            """
            at init, BN without skip connections gives ‖∂L/∂W_first‖/‖∂L/∂W_last‖ = \
            \(Format.number(m["bn_only_gradient_ratio_deepest"])) at \(gradients.depths[deepest]) layers, \
            the same BN inside residual blocks \(Format.number(m["bn_residual_gradient_ratio_deepest"])) \
            (\(notebook.reference(.gradientsByDepth))). Trained at \(config.depth) layers: BN only \
            \(outcome(.batchNorm, trainingSeeds)), BN + residual \
            \(outcome(.batchNormResidual, trainingSeeds)) (\(trainingStep)).
            """
          let code = "The code itself does not run: tf.keras.models.resnet.ResNet and BasicBlock do not exist in Keras."
          switch verdict {
          case .partlyHolds:
            return
              "In a deep net it is the residual connection that removes the explosion, not batch norm: \(numbers) \(code)"
          case .holds: return "In this run batch norm alone did as well as with skip connections: \(numbers) \(code)"
          default: return "Even BN with skip connections did not train in this run: \(numbers) \(code)"
          }
        }),
      .measured(
        .depthScalability, step: .withoutNormalization,
        measurements: [
          "plain_test_accuracy_mean": accuracy(.plain, trainingSeeds),
          "residual_test_accuracy_mean": accuracy(.residual, trainingSeeds),
          "unscaled_deep_test_accuracy_mean": accuracy(.residualUnscaled, unnormalizedSeeds),
          "fixup_deep_test_accuracy_mean": accuracy(.fixup, unnormalizedSeeds),
        ],
        rule:
          """
          partly holds if depth pays only with a path for the gradient: the residual net beats the plain \
          one by ≥ \(Format.number(accuracyGap * 100)) points, or at \(config.deepDepth) layers α = 1 \
          does not train while Fixup does (≥ \(Format.percent(trainedAccuracy))); holds if neither (depth \
          alone is enough); false if no deep net trains
          """,
        verdict: { m in
          let anyTrains = [
            m["plain_test_accuracy_mean"], m["residual_test_accuracy_mean"], m["fixup_deep_test_accuracy_mean"],
            m["unscaled_deep_test_accuracy_mean"],
          ].contains { $0 >= trainedAccuracy }
          guard anyTrains else { return .false_ }
          let residualHelps = m["residual_test_accuracy_mean"] - m["plain_test_accuracy_mean"] >= accuracyGap
          let initHelps =
            m["unscaled_deep_test_accuracy_mean"] < trainedAccuracy
            && m["fixup_deep_test_accuracy_mean"] >= trainedAccuracy
          return residualHelps || initHelps ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let numbers =
            """
            At \(config.depth) weight layers the plain net, at its best step size (η = \
            \(plain.map { Format.number($0.learningRate) } ?? "–")), reached \
            \(outcome(.plain, trainingSeeds)) and the residual net \(outcome(.residual, trainingSeeds)) \
            (\(trainingStep)); at \(config.deepDepth) layers without normalization, α = 1: \
            \(outcome(.residualUnscaled, unnormalizedSeeds)), while Fixup reached \
            \(outcome(.fixup, unnormalizedSeeds)) and SkipInit \(outcome(.skipInit, unnormalizedSeeds)) \
            (\(deepStep)).
            """
          return verdict == .partlyHolds
            ? "Depth helps only if the gradient still reaches the first layers. \(numbers)"
            : "\(numbers)"
        }),
      .measured(
        .initMayNotSolve, step: .withoutNormalization,
        measurements: [
          "fixup_deep_test_accuracy_mean": accuracy(.fixup, unnormalizedSeeds),
          "unscaled_deep_test_accuracy_mean": accuracy(.residualUnscaled, unnormalizedSeeds),
          "unscaled_squared_norm_growth_10_blocks": profile.isEmpty ? nil : profile[min(10, profile.count - 1)],
        ],
        rule:
          """
          false if Fixup, an init designed for the whole stack, trains the \(config.deepDepth)-layer net \
          without normalization to ≥ \(Format.percent(trainedAccuracy)) test accuracy; holds if it does \
          not
          """,
        verdict: { m in m["fixup_deep_test_accuracy_mean"] >= trainedAccuracy ? .false_ : .holds },
        evidence: { m, verdict in
          let layerByLayer =
            """
            What does not is an init chosen layer by layer: with α = 1 every He-initialized block still \
            doubles E‖x‖², \(Format.number(m["unscaled_squared_norm_growth_10_blocks"])) times after 10 \
            blocks (\(notebook.reference(.variance))), and that net: \
            \(outcome(.residualUnscaled, unnormalizedSeeds)) (\(deepStep)).
            """
          return verdict == .false_
            ? """
            An init designed for the whole stack does solve it: Fixup trains \(config.deepDepth) layers \
            without any normalization to \(outcome(.fixup, unnormalizedSeeds)) (\(deepStep)). \
            \(layerByLayer)
            """
            : "In this run Fixup did not train: \(outcome(.fixup, unnormalizedSeeds)) (\(deepStep)). \(layerByLayer)"
        }),
    ]
  }
}
