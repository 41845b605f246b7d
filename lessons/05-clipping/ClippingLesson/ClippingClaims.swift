import NeuralNet
import Notebook

/// The documents' claims about gradient clipping, each judged by a rule over lesson 5's
/// measurements (and one by the document's code).
enum ClippingClaims {
  /// Two factors are "the same" within this relative difference.
  static let sameFactor = 1e-6
  /// Clipping "leaves a ratio unchanged" within this relative difference.
  static let unchangedRatio = 0.01

  /// The claims, judged by `.condition`, `.unclipped`, `.sweep`, `.direction` and `.deepNetwork`.
  static func claims(
    _ config: ClippingConfiguration, unclipped: AddingProblemTrainer.History, sweep: SweepFindings,
    direction: DirectionFindings, deep: DeepNetworkFindings, in notebook: Notebook
  ) -> [Claim] {
    let raw = direction.raw
    let medianIndex = raw.count / 2
    let reference = sweep.reference
    let seeds = sweep.averageNorms.count
    // The largest raw norm once training is under way (the first steps carry the init's error).
    let lensMax = reference.history.steps.dropFirst(100).map(\.gradientNorm).max() ?? reference.history.maxGradientNorm
    let deepExploding = deep[0]
    let deepClipped = deep[1]
    let vanishing = deep[3]
    let vanishingClipped = deep[4]
    let sweepStep = notebook.reference(.sweep)
    let unclippedText =
      unclipped.nonFiniteStep.map { "Without clipping the adding-problem net went non-finite at step \($0)" }
      ?? "Without clipping the adding-problem net's largest ‖g‖ was \(Format.number(unclipped.maxGradientNorm))"
    let referenceLearned = Double(sweep.learnedCount(multiple: reference.multiple))

    return [
      .measured(
        .pruningKeepsLargest, step: .direction,
        measurements: [
          "norm_clip_largest_factor": direction.normClipped.first.map { $0 / raw[0] },
          "norm_clip_median_factor": raw.isEmpty ? nil : direction.normClipped[medianIndex] / raw[medianIndex],
          "value_clip_largest_factor": direction.valueClipped.first.map { $0 / raw[0] },
          "value_clip_untouched_share": Double(raw.filter { $0 <= direction.valueClip }.count)
            / Double(max(raw.count, 1)),
        ],
        rule:
          """
          false if norm clipping multiplies the largest and the median component by the same factor \
          (within \(Format.number(sameFactor)) relative) and value clipping shrinks the largest component \
          (factor < 1): neither keeps the largest; not tested if neither clipped this gradient
          """,
        verdict: { m in
          let normLargest = m["norm_clip_largest_factor"]
          let valueLargest = m["value_clip_largest_factor"]
          if normLargest >= 1 && valueLargest >= 1 { return .notTested }
          let sameFactor = abs(normLargest - m["norm_clip_median_factor"]) <= sameFactor * normLargest
          return sameFactor && valueLargest < 1 ? .false_ : .partlyHolds
        },
        evidence: { m, _ in
          """
          Neither kind of clipping does this. Norm clipping multiplies every component by the same \
          factor: the largest by ×\(Format.number(m["norm_clip_largest_factor"])), the median by \
          ×\(Format.number(m["norm_clip_median_factor"])). Value clipping does the opposite of the claim: \
          it shrinks the LARGEST components (the largest by \
          ×\(Format.number(m["value_clip_largest_factor"]))) and leaves every component below c unchanged \
          (\(Format.percent(m["value_clip_untouched_share"])) of them, the smallest among them) \
          (\(notebook.reference(.direction))).
          """
        }),
      .measured(
        .pruningReducesComputation, step: .sweep,
        measurements: [
          "bptt_steps_per_update_clipped": Double(config.length),
          "bptt_steps_per_update_unclipped": Double(config.length),
          "unclipped_nonfinite": unclipped.nonFiniteStep == nil ? 0 : 1, "reference_learned_seeds": referenceLearned,
          "seeds": Double(seeds),
        ],
        rule:
          """
          false if the clipped runs back-propagate through as many time steps per update as the unclipped \
          one (clipping rescales a gradient that has already been computed, so it removes no \
          computation); not tested otherwise
          """,
        verdict: { m in
          m["bptt_steps_per_update_clipped"] >= m["bptt_steps_per_update_unclipped"] ? .false_ : .notTested
        },
        evidence: { m, _ in
          """
          Clipping acts after back-propagation has computed the whole gradient: every clipped step in \
          this lesson ran the full BPTT over T = \(Format.number(m["bptt_steps_per_update_clipped"])) \
          steps and then one more pass over the parameters to take the norm. It saves no computation. \
          What it changes is the length of the update: at η = \(Format.number(config.learningRate)) the \
          unclipped net \(m.flag("unclipped_nonfinite") ? "diverged" : "stayed finite") while τ = \
          \(Format.number(reference.threshold)) learned the task on \
          \(Format.number(m["reference_learned_seeds"])) of \(seeds) network seeds \
          (\(notebook.reference([.unclipped, .sweep]))).
          """
        }),
      .measured(
        .clippingRange, step: .sweep,
        measurements: [
          "unclipped_nonfinite": unclipped.nonFiniteStep == nil ? 0 : 1,
          "reference_nonfinite": reference.history.nonFiniteStep == nil ? 0 : 1,
          "reference_threshold": reference.threshold,
          "reference_raw_max_after_step_100": lensMax, "reference_learned_seeds": referenceLearned,
          "ten_gbar_learned_seeds": Double(sweep.learnedCount(multiple: 10)), "seeds": Double(seeds),
        ],
        rule:
          """
          not tested if the unclipped net stays finite; false if the clipped run goes non-finite too; \
          otherwise partly holds if the raw gradient under clipping still exceeds τ after step 100 or \
          some threshold fails to learn on some seed (the explosion is still there; only its consequence \
          is prevented, and the range must be chosen), holds if neither
          """,
        verdict: { m in
          guard m.flag("unclipped_nonfinite") else { return .notTested }
          if m.flag("reference_nonfinite") { return .false_ }
          let spikes = m["reference_raw_max_after_step_100"] > m["reference_threshold"]
          let choiceMatters = m["reference_learned_seeds"] < m["seeds"] || m["ten_gbar_learned_seeds"] < m["seeds"]
          return spikes || choiceMatters ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let deepText =
            """
            In a deep MLP at η = \(Format.number(config.mlpLearningRate)) clipping turned a run that \
            \(deepExploding.history.nonFinite.map { "went non-finite at step \($0.step)" } ??
                "ended at \(Format.percent(deepExploding.testAccuracy)) test accuracy") \
            into one at \
            \(deepClipped.testAccuracy.isFinite ? Format.percent(deepClipped.testAccuracy) : "–") \
            (\(notebook.reference(.deepNetwork))).
            """
          let numbers =
            """
            \(unclippedText); clipped at τ = \(Format.number(m["reference_threshold"])), the raw gradient \
            still reached ‖g‖ = \(Format.number(m["reference_raw_max_after_step_100"])) after step 100 and \
            \(Format.percent(reference.history.clippedFraction)) of the steps were clipped, but no update \
            was longer than η·τ\(m.flag("reference_nonfinite") ? "" : " and the run stayed finite") \
            (\(notebook.reference([.unclipped, .sweep]))).
            """
          let seedText =
            """
            τ = ḡ learned on \(Format.number(m["reference_learned_seeds"])) and τ = 10·ḡ on \
            \(Format.number(m["ten_gbar_learned_seeds"])) of \(seeds) seeds (\(sweepStep)).
            """
          switch verdict {
          case .partlyHolds:
            return
              "It prevents the explosion's consequence, not the explosion. \(numbers) \(deepText) The range must be chosen: \(seedText)"
          case .holds: return "\(numbers) \(deepText) \(seedText)"
          case .false_: return "Clipping did not prevent it in this run. \(numbers)"
          default: return "\(unclippedText), so this run has no explosion for clipping to prevent."
          }
        }),
      .measured(
        .clippingLimitsGrowth, step: .sweep,
        measurements: [
          "reference_threshold": reference.threshold, "reference_raw_max_after_step_100": lensMax,
          "vanishing_layer_ratio_unclipped": deep.layerRatio.unclipped,
          "vanishing_layer_ratio_clipped": deep.layerRatio.clipped,
          "vanishing_final_loss_unclipped": vanishing.history.finalLoss,
          "vanishing_final_loss_clipped": vanishingClipped.history.finalLoss,
        ],
        rule:
          """
          false if the raw gradient under clipping still exceeds τ after step 100 (its growth is not \
          limited, only the step) and clipping leaves a vanishing net's first-to-last layer ratio \
          unchanged (within \(Format.percent(unchangedRatio))); partly holds if only one of the two; \
          holds if neither
          """,
        verdict: { m in
          let spikes = m["reference_raw_max_after_step_100"] > m["reference_threshold"]
          let before = m["vanishing_layer_ratio_unclipped"]
          let unchanged = abs(m["vanishing_layer_ratio_clipped"] - before) <= unchangedRatio * abs(before)
          return spikes && unchanged ? .false_ : (spikes || unchanged ? .partlyHolds : .holds)
        },
        evidence: { m, _ in
          """
          Clipping does not change how the gradient grows: back-propagation still multiplies by \
          W_recᵀ·diag(φ') at every step back (\(notebook.reference(.condition))), and the gradient before \
          clipping still reached \(Format.number(m["reference_raw_max_after_step_100"])) after step 100 \
          of the run clipped at τ = \(Format.number(m["reference_threshold"])) (\(sweepStep)). It caps \
          the step taken, after the fact. Nor does it lengthen a short gradient: the \
          \(config.vanishingDepth)-layer Xavier ReLU net ends at loss \
          \(Format.number(m["vanishing_final_loss_clipped"])) with clipping and \
          \(Format.number(m["vanishing_final_loss_unclipped"])) without, and clipping its first gradient \
          leaves ‖∂L/∂W₁‖/‖∂L/∂W_L‖ at \(Format.number(m["vanishing_layer_ratio_clipped"])) (before: \
          \(Format.number(m["vanishing_layer_ratio_unclipped"]))) (\(notebook.reference(.deepNetwork))).
          """
        }),
      .readFromCode(
        .cnnUsesClipping, step: .claims, verdict: .false_,
        reading:
          """
          The code compiles the model with optimizer='adam' and no clipnorm= or clipvalue= argument, so \
          Keras does not clip at all. Clipping in Keras is an optimizer argument, e.g. \
          tf.keras.optimizers.Adam(clipnorm=1.0); in this tool it is --clip-norm or --clip-value.
          """
      ),
    ]
  }
}
