import NeuralNet
import Notebook

/// The documents' claims about initialization, with verdicts computed from lesson 2's own runs.
public enum InitializationClaims {
  /// The claims, judged by steps 1, 2, 4, 7 and 8.
  public static func claims(
    _ config: InitializationConfiguration, profiles: [InitProfiles.Profile], sweeps: [InitProfiles.DepthSweep],
    heRuns: [HeTraining.Run], finiteWidth: FiniteWidth.Result, symmetry: [Symmetry.Run]
  ) -> [Claim] {
    let activation: Activation = config.activations.contains(.relu) ? .relu : config.activations[0]
    let name = InitializationLesson.label(activation)
    func profile(_ choice: InitializerChoice) -> InitProfiles.Profile? {
      profiles.first { $0.activation == activation && $0.choice == choice }
    }
    let naive = profile(.naive)
    let good = activation == .relu ? profile(.he) : profile(.xavier) ?? profile(.lecun)
    let small = activation == .relu ? profile(.xavier) ?? profile(.lecun) : nil
    let goodSweep = sweeps.first { $0.activation == activation && $0.choice == (activation == .relu ? .he : .xavier) }
    let challenger = heRuns.first
    let he = heRuns.last
    let zero = symmetry.first { $0.slug == "zero" }
    func describe(_ p: InitProfiles.Profile?) -> String {
      guard let p else { return "–" }
      return
        "×\(Format.number(p.measuredFactor)) per layer (‖g₁‖/‖g_L‖ = \(Format.number(p.measuredRatio)) over \(p.depth) layers)"
    }
    var claims = [
      Claim(
        document: .generalization,
        quote: "良好的权重初始化可以降低梯度爆炸的发生率",
        translation: "A good weight initialization can lower the incidence of gradient explosion.",
        verdict: .holds,
        evidence:
          "Step 1, \(name): naive N(0, 1) weights give \(describe(naive)); \(good.map { InitializationLesson.label($0.choice) } ?? "a scaled init") gives \(describe(good)). \"Good\" has a precise meaning: σ_w²·E[φ'(h)²] = 1, and it holds at every depth (step 2: ‖g₁‖/‖g_L‖ = \(goodSweep.map { Format.number($0.measuredRatio.last!) } ?? "–") at depth \(config.sweepDepths.last!))."
      )
    ]
    claims.append(
      Claim(
        document: .generalization,
        quote: "在训练开始时，使用较小的初始权重值，可以降低梯度在训练开始时的增长速度，减少梯度爆炸的可能性",
        translation:
          "Using smaller initial weight values at the start of training lowers the growth rate of the gradient at the start and reduces the chance of explosion.",
        verdict: .partlyHolds,
        evidence:
          "Smaller weights do lower the growth, but past the critical scale they make gradients vanish instead\(small.map { ": \(InitializationLesson.label($0.choice)) on ReLU gives \(describe($0))" } ?? ""), and in step 4 the \(challenger.map { InitializationLesson.label($0.choice) } ?? "smaller") net ends at loss \(Format.number(challenger?.history.finalLoss ?? .nan)) while He reaches \(Format.number(he?.history.finalLoss ?? .nan)). The smallest weights of all, zeros, never learn (step 8: loss \(Format.number(zero?.history.finalLoss ?? .nan)), \(zero.map { "\($0.distinctUnits.max() ?? 0)" } ?? "–") distinct unit per layer). The target is a scale, not \"small\"."
      ))
    claims.append(
      Claim(
        document: .batchNormAndBatchGD,
        quote: "使用权重初始化可能无法有效地解决梯度爆炸问题",
        translation: "Using weight initialization may not effectively solve the gradient explosion problem.",
        verdict: .false_,
        evidence:
          "For explosion at initialization, the scale of the weights is the whole story: steps 1–2 predict every per-layer factor from σ_w² alone, each within three standard errors of the finite-width fluctuation, and the critical init stays flat at every depth. What finite width adds is predicted too: in step 7 the log of ‖g₁‖²/‖g_L‖² has variance \(Format.number(finiteWidth.varianceLog[0])) (theory 5d/n = \(Format.number(finiteWidth.predicted(layer: 1).variance))) around a small drift of \(Format.number(finiteWidth.meanLog[0])) (theory \(Format.number(finiteWidth.predicted(layer: 1).mean))). Explosions during training from a too-large learning rate are a different problem (lessons 4 and 5)."
      ))
    return claims
  }
}
