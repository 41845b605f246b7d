import ExperimentKit
import NeuralNet
import Theory
import Notebook
import RealModule

/// The documents' claims about batch normalization (and the BN paper's own), each judged by a rule
/// over lesson 3's measurements.
enum BatchNormClaims {
  /// A squared-gradient growth per layer above this is an explosion at init (Yang et al.'s λ).
  static let explodingLambda = 1.05
  /// Batch means within this of 0 and variances within this of σ²/(σ²+ε) are "normalized".
  static let normalizedTolerance = 1e-3
  /// Accuracy gaps of at least this many points are differences a reader would call real.
  static let accuracyGap = 0.2
  /// BN "allows much higher learning rates" when its largest training rate is at least this
  /// multiple of the plain net's.
  static let higherRateMultiple = 2.0

  /// The claims, judged by every step before `.claims` (the outline: `BatchNormLesson.outline`).
  static func claims(
    _ config: BatchNormConfiguration, oneLayer: OneLayer.Result, fix overSeeds: FixComparison.OverSeeds,
    sweep: LearningRateSweep.OverSeeds, shift: SeedRuns<CovariateShift.Run>, yang: [YangExplosion.Measurement],
    limit: DepthLimit.Result,
    evaluation: EvaluationMode.OverSeeds,
    in notebook: Notebook
  ) -> [Claim] {
    let fix = overSeeds.main
    let plain = fix.first
    let bn = fix.last
    let n = overSeeds.seeds.count
    let bnAccuracy = overSeeds.spread(1) { $0.testAccuracy }
    let yangShown = yang.first { $0.activation == .relu && $0.batchSize == config.batchSize } ?? yang.first
    let deepest = limit.table.last
    let deepestPlain = limit.deepest.spread(0) { $0.plain.testAccuracy }
    let deepestResidual = limit.deepest.spread(0) { $0.residual.testAccuracy }
    let seedCount = limit.deepest.seeds.count
    let worstMean = oneLayer.meanAfter.map(abs).max()
    let worstVariance = zip(oneLayer.varianceAfter, oneLayer.predictedVarianceAfter).map { abs($0 - $1) }.max()
    func outcome(_ run: TrainedRun?) -> String {
      guard let run else { return "–" }
      return run.history.nonFinite.map { "goes non-finite at step \($0.step)" }
        ?? "trains to \(Format.percent(run.testAccuracy)) test accuracy (final loss \(Format.number(run.finalLoss)))"
    }
    let yangStep = notebook.reference(.yang)
    func explosion(_ m: Claim.Measurements) -> String {
      """
      a \(config.yangDepth)-layer BN net at init multiplies the squared gradient by λ = \
      \(Format.number(m["yang_lambda"])) per layer (theory \
      \(Format.number(yangShown?.predicted ?? .nan)) for B = \
      \(yangShown?.batchSize ?? config.batchSize)) (\(yangStep))
      """
    }
    let lambda = "yang_lambda"
    let normalizedRule =
      """
      BN's outputs have every batch mean within \(Format.number(normalizedTolerance)) of 0 and every \
      variance within \(Format.number(normalizedTolerance)) of σ²/(σ²+ε)
      """
    func normalized(_ m: Claim.Measurements) -> Bool {
      m["largest_batch_mean_after"] <= normalizedTolerance && m["largest_variance_error_after"] <= normalizedTolerance
    }
    let largestPlain = sweep.largestRateTrainingOnEverySeed(0)
    let largestBN = sweep.largestRateTrainingOnEverySeed(1)
    let deepGap = limit.deepest.perSeed.map { DepthLimit.accuracyGap($0[0]) }.min()  // +∞: the plain net blew up

    return [
      covariateShiftClaim(shift, in: notebook),
      .measured(
        .bnNormalizesParameters, step: .yang,
        measurements: [
          "largest_batch_mean_after": worstMean, "largest_variance_error_after": worstVariance,
          lambda: yangShown?.measured,
        ],
        rule:
          """
          false if \(normalizedRule) (activations are normalized, not parameters) and a deep BN net's \
          squared gradient still grows by λ > \(Format.number(explodingLambda)) per layer at init (the \
          gradient is not reduced); partly holds if only one of the two is measured so
          """,
        verdict: { m in
          let grows = m[lambda] > explodingLambda
          return normalized(m) && grows ? .false_ : (normalized(m) || grows ? .partlyHolds : .holds)
        },
        evidence: { m, verdict in
          """
          BN normalizes activations, per feature across the batch (\(notebook.reference(.oneLayer)): \
          largest |mean| \(Format.number(m["largest_batch_mean_after"])), largest variance error \
          \(Format.number(m["largest_variance_error_after"]))); the parameters are untouched. \
          \(verdict == .false_ ? "It does not shrink gradients at init" : "At init"): \(explosion(m)). \
          And it adds computation (two passes over every activation) rather than removing any.
          """
        }),
      .measured(
        .bnParameterThreshold, step: .oneLayer,
        measurements: ["largest_batch_mean_after": worstMean, "largest_variance_error_after": worstVariance],
        rule:
          "false if \(normalizedRule): BN standardizes each feature of the activations to a fixed mean and variance; no parameter and no threshold is involved",
        verdict: { m in normalized(m) ? .false_ : .notTested },
        evidence: { m, verdict in
          verdict == .false_
            ? """
            What BN standardizes is each feature of a layer's activations over the batch, to mean 0 \
            (largest |mean| after BN \(Format.number(m["largest_batch_mean_after"]))) and variance \
            σ²/(σ²+ε) (largest error \(Format.number(m["largest_variance_error_after"]))) \
            (\(notebook.reference(.oneLayer))). The weights are not changed by it, and nothing is compared \
            with a threshold: ε only keeps the division finite.
            """
            : """
            BN's outputs were not normalized in this run (largest |mean| \
            \(Format.number(m["largest_batch_mean_after"]))), so it cannot show what BN standardizes.
            """
        }),
      .measured(
        .bnPreventsExplosion, step: .fix,
        measurements: [
          "plain_nonfinite_seeds": Double(overSeeds.nonFiniteCount(0)),
          "bn_nonfinite_seeds": Double(overSeeds.nonFiniteCount(1)), "seeds": Double(n),
          "bn_test_accuracy_mean": bnAccuracy.mean, "bn_test_accuracy_min": bnAccuracy.min, lambda: yangShown?.measured,
        ],
        rule:
          """
          not tested if the plain net goes non-finite on no seed; false if the BN net goes non-finite on \
          any seed; otherwise partly holds if a deep BN net's squared gradient still grows by λ > \
          \(Format.number(explodingLambda)) per layer at init, holds if not
          """,
        verdict: { m in
          guard m["plain_nonfinite_seeds"] > 0 else { return .notTested }
          if m["bn_nonfinite_seeds"] > 0 { return .false_ }
          return m[lambda] > explodingLambda ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let fixText =
            """
            with σ_w² = \(Format.number(config.gain2)) the plain \(config.depth)-layer net \
            \(outcome(plain)), the same net with BN \(outcome(bn)); over \(n) seeds the plain net went \
            non-finite \(Format.number(m["plain_nonfinite_seeds"])) times and the BN net \
            \(Format.number(m["bn_nonfinite_seeds"])) times, the BN net's test accuracy \
            \(Format.spread(bnAccuracy, Format.percent)) (\(notebook.reference(.fix)))
            """
          switch verdict {
          case .partlyHolds:
            return
              """
              It does normalize each neuron's input, and that removes the explosion caused by the weights' \
              scale: \(fixText). But it causes its own: \
              \(explosion(m))\(deepest.map { deepest in """
                , and at depth \(deepest.depth) the BN net without skip connections reaches \
                \(Format.spread(deepestPlain, Format.percent)) test accuracy and the residual BN net \
                \(Format.spread(deepestResidual, Format.percent)) (over \(seedCount) seeds, \
                \(notebook.reference(.depthLimit)))
                """ } ?? "").
              """
          case .holds: return "BN removed the explosion, \(fixText), and \(explosion(m))."
          case .false_: return "BN did not prevent it in this run: \(fixText)."
          default:
            return "The plain net did not explode in this run (\(fixText)), so there was nothing for BN to prevent."
          }
        }),
      .measured(
        .sameScaleFactor, step: .evaluationMode,
        measurements: [
          "training_mode_batch1_accuracy": evaluation.main[0].trainingModeAccuracy.first,
          "evaluation_mode_accuracy": evaluation.main[0].evaluationAccuracy.last,
          "smallest_gap_over_seeds": evaluation.perSeed.map {
            ($0[0].evaluationAccuracy.last ?? .nan) - ($0[0].trainingModeAccuracy.first ?? .nan)
          }.min(),
          "seeds": Double(evaluation.seeds.count),
        ],
        rule:
          """
          partly holds if, on every seed, scoring one example at a time in training mode loses at least \
          \(Format.number(accuracyGap * 100)) points of accuracy against evaluation mode (each batch gets \
          its own factor); holds otherwise
          """,
        verdict: { m in m["smallest_gap_over_seeds"] >= accuracyGap ? .partlyHolds : .holds },
        evidence: { m, verdict in
          let numbers =
            """
            scoring the test digits in training mode one at a time gives \
            \(Format.percent(m["training_mode_batch1_accuracy"])) accuracy against \
            \(Format.percent(m["evaluation_mode_accuracy"])) in evaluation mode, and the gap is at least \
            \(Format.percent(m["smallest_gap_over_seeds"])) on each of \(Format.number(m["seeds"])) seeds \
            (\(notebook.reference(.evaluationMode)))
            """
          return verdict == .partlyHolds
            ? """
            Every batch is normalized, but in training mode each feature gets its own mean and scale from \
            each batch, so the factor differs from batch to batch; that is why evaluation needs running \
            statistics: \(numbers).
            """
            : "In this run the per-batch factors made little difference: \(numbers)."
        }),
      .measured(
        .higherLearningRates, step: .learningRates,
        measurements: ["largest_rate_plain": largestPlain ?? 0, "largest_rate_bn": largestBN ?? 0],
        rule:
          """
          holds if the largest learning rate that trains on every seed with BN is ≥ \
          \(Format.number(higherRateMultiple))× the plain net's (0 when none trains); partly holds if \
          larger but less; false if not larger
          """,
        verdict: { m in
          let plainRate = m["largest_rate_plain"]
          let bnRate = m["largest_rate_bn"]
          if bnRate >= higherRateMultiple * plainRate && bnRate > 0 { return .holds }
          return bnRate > plainRate ? .partlyHolds : .false_
        },
        evidence: { m, verdict in
          """
          Largest learning rate that trains a \(config.sweepDepth)-layer net on all \(sweep.seeds.count) \
          seeds: \(Format.number(m["largest_rate_plain"])) without BN, \
          \(Format.number(m["largest_rate_bn"])) with BN (\(notebook.reference(.learningRates)); 0 = none \
          of the grid). \
          \(verdict == .holds ? "It holds at moderate depth; \(notebook.reference(.depthLimit)) shows where it stops." : "")
          """
        }),
      .measured(
        .bnMayCauseProblems, step: .depthLimit,
        measurements: [
          lambda: yangShown?.measured, "deepest_depth": deepest.map { Double($0.depth) },
          "deepest_smallest_residual_minus_plain_accuracy": deepGap,
        ],
        rule:
          """
          holds if a deep BN net's squared gradient grows by λ > \(Format.number(explodingLambda)) per \
          layer at init and, at the deepest depth, on every seed, the BN net without skip connections \
          trains to ≥ \(Format.number(accuracyGap * 100)) points less test accuracy than with them (or \
          goes non-finite); partly holds if only one of the two; false if neither
          """,
        verdict: { m in
          let grows = m[lambda] > explodingLambda
          let gap = m["deepest_smallest_residual_minus_plain_accuracy"]
          let limited = !gap.isFinite || gap >= accuracyGap
          return grows && limited ? .holds : (grows || limited ? .partlyHolds : .false_)
        },
        evidence: { m, verdict in
          """
          \(verdict == .false_ ? "Not in this run" : "For deep models it does"): \(explosion(m)); at \
          depth \(Format.number(m["deepest_depth"])) the BN net without skip connections trains to \
          \(Format.spread(deepestPlain, Format.percent)) and the residual BN net to \
          \(Format.spread(deepestResidual, Format.percent)) over \(seedCount) seeds, the smallest gap \
          \(BatchNormLesson.describeGap(m["deepest_smallest_residual_minus_plain_accuracy"])) \
          (\(notebook.reference(.depthLimit))).
          """
            + (verdict == .holds
              ? " The problem is depth without skip connections, not complexity or a changing data set." : "")
        }),
    ]
  }

  /// "The purpose [of BN] is to reduce the effect of internal covariate shift and improve
  /// training", judged by Santurkar et al.'s measurements: does BN clearly lower the shift, and
  /// does it still help when noise raises the shift on purpose?
  static func covariateShiftClaim(_ shift: SeedRuns<CovariateShift.Run>, in notebook: Notebook) -> Claim {
    let compared = CovariateShift.Comparison(shift)
    let n = Double(shift.seeds.count)
    let step = notebook.reference(.covariateShift)
    let reduction = Format.number(CovariateShift.clearReduction, digits: 2)
    return .measured(
      .internalCovariateShift, step: .covariateShift,
      measurements: [
        "seeds": n,
        "bn_lower_loss_seeds": Double(compared.bnLowerLoss),
        "bn_clearly_lower_ics_seeds": Double(compared.bnClearlyLowerShift),
        "noisy_higher_ics_than_plain_seeds": Double(compared.noisyAbovePlain),
        "noisy_more_accurate_seeds": Double(compared.noisyMoreAccurate),
        "bn_smoother_seeds": Double(compared.bnSmoother),
      ],
      rule:
        """
        not tested unless batch norm ends at a lower loss than the plain net on more than half the \
        seeds; false if its internal covariate shift (Santurkar et al.'s ‖G − G'‖/‖G‖, median over \
        layers and steps) is at most \(reduction) of the plain net's on at most half the seeds (it \
        helps without clearly reducing the shift); partly holds if it is, but the net with noise that \
        raises the shift above the plain net's (on more than half the seeds) is still more accurate on \
        the test digits than the plain net on more than half; holds otherwise
        """,
      verdict: { m in
        let half = m["seeds"] / 2
        guard m["bn_lower_loss_seeds"] > half else { return .notTested }
        guard m["bn_clearly_lower_ics_seeds"] > half else { return .false_ }
        return m["noisy_higher_ics_than_plain_seeds"] > half && m["noisy_more_accurate_seeds"] > half
          ? .partlyHolds : .holds
      },
      evidence: { m, verdict in
        let seeds = Format.number(m["seeds"])
        let counts =
          """
          batch norm ended at a lower loss than the plain net on \
          \(Format.number(m["bn_lower_loss_seeds"])) of \(seeds) seeds, with an internal covariate shift \
          at most \(reduction) of the plain net's on \(Format.number(m["bn_clearly_lower_ics_seeds"])); \
          with noise that moves every layer's distribution each step, the shift rose above the plain \
          net's on \(Format.number(m["noisy_higher_ics_than_plain_seeds"])) seeds and the noisy net was \
          more accurate on the test digits than the plain net on \
          \(Format.number(m["noisy_more_accurate_seeds"])); batch norm's loss was smoother along the \
          gradient (a lower β-smoothness) on \(Format.number(m["bn_smoother_seeds"])) (\(step))
          """
        switch verdict {
        case .false_:
          return
            """
            Reducing it was the purpose Ioffe and Szegedy stated, but it is not how batch norm helps here: \
            \(counts). Santurkar et al. (2018) reached the same conclusion on larger nets.
            """
        case .partlyHolds:
          return
            """
            Batch norm did reduce the shift here, but the reduction is not needed for its help: \(counts). \
            Santurkar et al. (2018) drew the same conclusion from the same test on larger nets.
            """
        case .holds:
          return "Here the shift and the benefit moved together: \(counts)."
        default:
          return
            "Batch norm did not train better than the plain net in this run, so there is no improvement to attribute: \(counts)."
        }
      })
  }
}
