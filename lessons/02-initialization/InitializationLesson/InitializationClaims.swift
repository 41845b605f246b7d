import Theory
import LessonKit
import NeuralNet
import Nonlinearity
import Notebook

/// The documents' claims about initialization, each judged by a rule over lesson 2's measurements.
enum InitializationClaims {
  /// A per-layer gradient factor above 1 plus this explodes the gradient.
  static let preservedFactor = 0.1
  /// A per-layer factor at or above this explodes (×1.5 per layer is ×6e8 over 50 layers).
  static let explodingFactor = 1.5
  /// A per-layer factor at or below this vanishes.
  static let vanishingFactor = 0.9
  /// A first-to-last gradient ratio above this at the deepest depth is an explosion.
  static let flatRatio = 2.0
  /// A net "trains worse" when its final loss is at least this many times the critical init's.
  static let worseLoss = 1.5

  /// The claims, judged by the variance argument, the depth sweep, the training runs, finite width
  /// and the all-zero init.
  static func claims(
    _ config: InitializationConfiguration, profiles: [InitProfiles.Profile], sweeps: [InitProfiles.DepthSweep],
    heRuns: [HeTraining.Run], finiteWidth: FiniteWidth.Result, symmetry: [Symmetry.Run], in notebook: Notebook
  ) -> [Claim] {
    let activation: Activation = config.activations.contains(.relu) ? .relu : config.activations[0]
    let name = activation.name
    func profile(_ choice: InitializerChoice) -> InitProfiles.Profile? {
      profiles.first { $0.activation == activation && $0.choice == choice }
    }
    let naive = profile(.naive)
    let good = activation == .relu ? profile(.he) : profile(.xavier) ?? profile(.lecun)
    let goodName = good.map { $0.choice.name } ?? "a scaled init"
    let small = activation == .relu ? profile(.xavier) ?? profile(.lecun) : nil
    let goodSweep = sweeps.first { $0.activation == activation && $0.choice == (activation == .relu ? .he : .xavier) }
    let deepest = config.sweepDepths.last ?? 0
    let challenger = heRuns.first
    let he = heRuns.last
    let zero = symmetry.first { $0.slug == "zero" }
    let varianceStep = notebook.reference(.variance)
    let sweepStep = notebook.reference(.depthSweep)
    let noExplosion =
      """
      the \(goodName) init's per-layer factor is ≤ \(Format.number(1 + preservedFactor)) and its \
      first-to-last ratio at depth \(deepest) ≤ \(Format.number(flatRatio)) (no explosion)
      """
    func explodes(_ m: Claim.Measurements) -> Bool {
      !(m["good_factor"] <= 1 + preservedFactor && m["good_ratio_deepest"] <= flatRatio)
    }

    return [
      .measured(
        .goodInit, step: .variance,
        measurements: [
          "naive_factor": naive?.measuredFactor, "good_factor": good?.measuredFactor,
          "good_ratio_deepest": goodSweep?.measuredRatio.last,
        ],
        rule:
          """
          holds if the naive N(0, 1) init's per-layer gradient factor is ≥ \
          \(Format.number(explodingFactor)) and \(noExplosion); partly holds if the scaled init does not \
          explode but the naive one does not either; false if the scaled init explodes
          """,
        verdict: { m in
          guard !explodes(m) else { return .false_ }
          return m["naive_factor"] >= explodingFactor ? .holds : .partlyHolds
        },
        evidence: { m, verdict in
          let numbers =
            """
            \(varianceStep), \(name): naive N(0, 1) weights multiply the gradient by \
            ×\(Format.number(m["naive_factor"])) per layer; \(goodName) by \
            ×\(Format.number(m["good_factor"])), and at depth \(deepest) its ‖g₁‖/‖g_L‖ is \
            \(Format.number(m["good_ratio_deepest"])) (\(sweepStep)).
            """
          switch verdict {
          case .holds:
            return "\(numbers) \"Good\" has a precise meaning: σ_w²·E[φ'(h)²] = 1 (theory §1)."
          case .partlyHolds:
            return "\(numbers) The scaled init does not explode, but in this run the naive one does not either."
          default:
            return "\(numbers) In this run the scaled init explodes too."
          }
        }),
      .measured(
        .smallInitialWeights, step: .heTraining,
        measurements: [
          "small_factor": small?.measuredFactor, "challenger_final_loss": challenger?.history.finalLoss,
          "he_final_loss": he?.history.finalLoss, "zero_final_loss": zero?.history.finalLoss,
          "zero_distinct_units": zero.map { Double($0.distinctUnits.max() ?? 0) },
        ],
        rule:
          """
          partly holds if weights below the critical scale make the gradient vanish (per-layer factor ≤ \
          \(Format.number(vanishingFactor))), or train to a final loss ≥ \(Format.number(worseLoss))× the \
          critical init's, or (all zeros) keep one distinct unit per layer; holds otherwise
          """,
        verdict: { m in
          let vanishes = m["small_factor"] <= vanishingFactor
          let worse = !(m["challenger_final_loss"] < worseLoss * m["he_final_loss"])
          return vanishes || worse || m["zero_distinct_units"] <= 1 ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let numbers =
            """
            \(small.map { $0.choice.name } ?? "Smaller weights") on ReLU multiply the gradient by \
            ×\(Format.number(m["small_factor"])) per layer (\(varianceStep)); in \
            \(notebook.reference(.heTraining)) the \(challenger.map { $0.choice.name } ?? "smaller") net \
            ends at loss \(Format.number(m["challenger_final_loss"])) while He reaches \
            \(Format.number(m["he_final_loss"])); the smallest weights of all, zeros, end at loss \
            \(Format.number(m["zero_final_loss"])) with \(Format.number(m["zero_distinct_units"])) distinct \
            unit(s) per layer (\(notebook.reference(.symmetry))).
            """
          return verdict == .partlyHolds
            ? """
            Smaller weights do lower the growth, but past the critical scale they make gradients vanish or \
            learn worse instead: \(numbers) The target is a scale, not \"small\".
            """
            : "In this run smaller weights did no harm: \(numbers)"
        }),
      .measured(
        .initMayNotSolve, step: .variance,
        measurements: [
          "good_factor": good?.measuredFactor, "good_ratio_deepest": goodSweep?.measuredRatio.last,
          "finite_width_log_variance": finiteWidth.varianceLog.first,
          "finite_width_log_variance_theory": finiteWidth.predicted(layer: 1).variance,
        ],
        rule:
          "false if \(noExplosion): the init removes the explosion at initialization; holds otherwise",
        verdict: { m in explodes(m) ? .holds : .false_ },
        evidence: { m, verdict in
          let numbers =
            """
            the \(goodName) init multiplies the gradient by ×\(Format.number(m["good_factor"])) per layer \
            and keeps ‖g₁‖/‖g_L‖ at \(Format.number(m["good_ratio_deepest"])) at depth \(deepest) \
            (\(notebook.reference([.variance, .depthSweep])))
            """
          let width =
            """
            What finite width adds is predicted too: in \(notebook.reference(.finiteWidth)) the log of \
            ‖g₁‖²/‖g_L‖² has variance \(Format.number(m["finite_width_log_variance"])) (theory 5d/n = \
            \(Format.number(m["finite_width_log_variance_theory"]))).
            """
          return verdict == .false_
            ? """
            For explosion at initialization, the scale of the weights is the whole story: \(numbers). \
            \(width) Explosions during training from a too-large learning rate are a different problem \
            (lessons 4 and 5).
            """
            : "In this run \(numbers): the init did not remove the explosion. \(width)"
        }),
    ]
  }
}
