import ExperimentKit
import Theory
import NeuralNet
import Notebook

/// The documents' claims that lesson 1 judges, each by a rule over this run's measurements.
enum ExplodingClaims {
  /// A first-to-last gradient ratio at or above this is an explosion (a tenfold growth over the
  /// net); the critical net's ratio must stay within a factor of it of 1 to count as flat.
  static let explosionRatio = 10.0
  /// A run "explodes" during training when its largest gradient norm is this many times its
  /// norm at step 0. (Not an accuracy: how far one short SGD run gets depends on the seed, and the
  /// claim is about explosion.)
  static let growthDuringTraining = 100.0
  /// The explosion "precedes training" when the exploding net's gradient norm at step 0 is this
  /// many times the fixed net's.
  static let initialGap = 100.0
  /// A run "trains, then dies" when its explosion step is at least this.
  static let suddenDeathEarliest = 20

  /// The claims, judged by the overflow of the naive net, the gradient profiles, the training runs,
  /// the explosion during training and the remedies added to it.
  static func claims(
    _ config: ExplodingConfiguration, overflow: ExplodingExperiments.OverflowResult,
    prediction: (growth: Double, meanSquareLayer: Int, valueLayer: Int),
    profiles: [ExplodingExperiments.GradientProfile], training: ExplodingExperiments.TrainingOverSeeds,
    midTraining: SeedRuns<MidTrainingExplosion.Run>, remedies: [RemedyFindings],
    in notebook: Notebook
  ) -> [Claim] {
    let critical = profiles.profile(gain2: config.criticalGain2)
    let exploding = profiles.profile(gain2: config.gain2)
    let gainText = Format.number(config.gain2)
    let criticalText = Format.number(config.criticalGain2)
    let profilesStep = notebook.reference(.profiles)
    let trainingStep = notebook.reference(.training)
    let sameSize =
      "Both nets in \(profilesStep) have the same depth (\(config.depth)), width (\(config.width)), parameter count and FLOPs"
    let runs = training.main
    let explodingRun = runs.first
    let fixedRun = runs.last
    let n = training.seeds.count
    let fix = config.fix.rawValue

    // Same size, different gain: does the amount of computation decide?
    let sizeMeasurements: KeyValuePairs<String, Double?> = [
      "critical_first_to_last_ratio": critical?.firstToLastRatio,
      "exploding_first_to_last_ratio": exploding?.firstToLastRatio,
    ]
    let sizeRule =
      """
      false if, at equal size, the σ_w² = \(gainText) net's first-to-last gradient ratio is ≥ \
      \(Format.number(explosionRatio)) while the critical net's stays within \
      ×\(Format.number(explosionRatio)) of 1; not tested if neither explodes
      """
    func sizeVerdict(_ m: Claim.Measurements) -> Claim.Verdict {
      let flat = m["critical_first_to_last_ratio"]
      let explodes = m["exploding_first_to_last_ratio"]
      let criticalFlat = flat.isFinite && flat < explosionRatio && flat > 1 / explosionRatio
      let separated = !explodes.isFinite || explodes >= explosionRatio
      return criticalFlat && separated ? .false_ : .notTested
    }
    func ratios(_ m: Claim.Measurements) -> String {
      """
      at σ_w² = \(criticalText) the first/last gradient ratio is \
      \(Format.number(m["critical_first_to_last_ratio"])), at σ_w² = \(gainText) it is \
      \(Format.number(m["exploding_first_to_last_ratio"]))
      """
    }

    // Training runs over seeds: finite or not, and the gradient norm at step 0 and its growth.
    let explodingNonFinite = Double(training.nonFiniteCount(0))
    let fixedNonFinite = Double(training.nonFiniteCount(1))
    let initialRatios = training.perSeed.map { $0[0].history.initialGradientNorm / $0[1].history.initialGradientNorm }
    let fixedGrowth = training.spread(1) { $0.history.maxGradientNorm / $0.history.initialGradientNorm }
    let fixedAccuracy = training.spread(1) { $0.testAccuracy }
    let explodingOutcome =
      explodingRun?.history.nonFinite.map { "goes non-finite at \($0)" } ?? "stays finite"
    let seedsText = "\(n) seed\(n == 1 ? "" : "s")"
    func seedCount(_ count: Int) -> String { "\(count) seed\(count == 1 ? "" : "s")" }
    let midStep = notebook.reference(.midTraining)
    let midBaselines = midTraining.runs(.baseline)
    let midExplosions = midBaselines.compactMap(\.explosionStep)
    let midGrowth = midBaselines.map(\.peakGradientGrowth)
    let midSeeds = midTraining.seeds.count
    let midText =
      midExplosions.count == midSeeds
      ? """
      in \(midStep) a net at its critical init trains normally, then explodes at step \
      \(midExplosions.map(String.init).joined(separator: ", ")) on its \(midSeeds) \
      seed\(midSeeds == 1 ? "" : "s") once its warm-up outgrows what it tolerates, and a smaller \
      step, not an init, removes that
      """
      : "\(midStep) tries one (a net at its critical init whose warm-up outgrows it): it exploded on \(midExplosions.count) of \(midSeeds) seeds"

    return [
      augmentationClaim(config, remedies, in: notebook), regularizationClaim(config, remedies, in: notebook),
      .measured(
        .tooMuchComputation, step: .profiles, measurements: sizeMeasurements, rule: sizeRule, verdict: sizeVerdict
      ) { m, verdict in
        verdict == .false_
          ? "\(sameSize); \(ratios(m)). The amount of computation is identical; the per-layer Jacobian gain decides."
          : "\(sameSize); \(ratios(m)). Neither net explodes in this run, so it cannot tell whether computation matters (choose a larger --weight-std)."
      },
      .measured(
        .parameterCount, step: .profiles, measurements: sizeMeasurements, rule: sizeRule, verdict: sizeVerdict
      ) { m, verdict in
        verdict == .false_
          ? "\(sameSize), yet \(ratios(m)). Parameter count does not enter the per-layer factor √(σ_w²·E[φ'²]); the weights' scale does."
          : "\(sameSize); \(ratios(m)). Neither net explodes in this run, so it cannot separate size from scale."
      },
      .measured(
        .growsWithSteps, step: .training,
        measurements: [
          "exploding_step0_grad_norm": explodingRun?.history.initialGradientNorm,
          "fixed_step0_grad_norm": fixedRun?.history.initialGradientNorm,
          "smallest_step0_ratio_over_seeds": initialRatios.min(), "exploding_nonfinite_seeds": explodingNonFinite,
          "seeds": Double(n),
        ],
        rule:
          """
          partly holds if on every seed the exploding net's ‖g‖ at step 0 is already ≥ \
          \(Format.number(Self.initialGap))× the fixed net's (the explosion precedes training); holds if \
          it is not but the exploding run still goes non-finite on a seed; not tested otherwise
          """,
        verdict: { m in
          let gap = m["smallest_step0_ratio_over_seeds"]
          if !gap.isFinite || gap >= Self.initialGap { return .partlyHolds }
          return m["exploding_nonfinite_seeds"] > 0 ? .holds : .notTested
        },
        evidence: { m, verdict in
          let norms =
            """
            at step 0 the global gradient norm is \(Format.number(m["exploding_step0_grad_norm"])) for σ_w² \
            = \(gainText) against \(Format.number(m["fixed_step0_grad_norm"])) for \(fix) (the smallest \
            ratio over \(seedsText): \(Format.number(m["smallest_step0_ratio_over_seeds"])))
            """
          switch verdict {
          case .partlyHolds:
            return
              """
              Gradients can grow during training, but here the explosion is there before the first step: \
              \(norms). The number of steps did not cause it; the first update on those gradients \
              \(explodingOutcome).
              """
          case .holds:
            return
              """
              Here the gradient grew with the steps: \(norms), and the run went non-finite on \
              \(Format.number(m["exploding_nonfinite_seeds"])) of \(seedsText).
              """
          default:
            return
              "\(norms.prefix(1).uppercased() + norms.dropFirst()), and no run went non-finite: this run shows no explosion to attribute."
          }
        }),
      .measured(
        .inputRange, step: .naive,
        measurements: [
          "predicted_overflow_layer": Double(prediction.valueLayer),
          "measured_overflow_layer": overflow.firstNonFiniteLayer.map(Double.init) ?? Double(config.depth + 1),
          "depth": Double(config.depth),
        ],
        rule:
          """
          false if the first layer whose values overflow Float32 is predicted from σ_w² and the width \
          alone within ±1 layer (no input range enters); not tested if the naive net does not overflow \
          within its depth
          """,
        verdict: { m in
          guard m["measured_overflow_layer"] <= m["depth"] else { return .notTested }
          return abs(m["measured_overflow_layer"] - m["predicted_overflow_layer"]) <= 1 ? .false_ : .partlyHolds
        },
        evidence: { m, verdict in
          switch verdict {
          case .false_:
            return
              """
              There is no 'input range' involved. The range that is exceeded is Float32's (3.4e38), and \
              \(notebook.reference(.naive)) predicts the layer where values leave it from σ_w² and the width \
              alone: layer \(Format.number(m["predicted_overflow_layer"])), measured \
              \(Format.number(m["measured_overflow_layer"])). Explosion is geometric growth; overflow is only \
              its last symptom.
              """
          case .notTested:
            return
              "The naive net did not overflow within its \(Format.number(m["depth"])) layers in this run, so it shows no range being exceeded."
          default:
            return
              """
              The naive net overflowed at layer \(Format.number(m["measured_overflow_layer"])), not at the \
              predicted \(Format.number(m["predicted_overflow_layer"])): something besides σ_w² and the width \
              mattered in this run.
              """
          }
        }),
      .measured(
        .initMayNotSolve, step: .training,
        measurements: [
          "exploding_nonfinite_seeds": explodingNonFinite, "fixed_nonfinite_seeds": fixedNonFinite, "seeds": Double(n),
          "fixed_largest_gradient_growth": fixedGrowth.max, "fixed_test_accuracy_mean": fixedAccuracy.mean,
          "fixed_test_accuracy_min": fixedAccuracy.min, "fixed_test_accuracy_max": fixedAccuracy.max,
        ],
        rule:
          """
          not tested if the σ_w² = \(gainText) run goes non-finite on no seed; holds if the \(fix) run \
          goes non-finite on more than half the seeds; false if it stays finite on every seed with its \
          largest ‖g‖ under \(Format.number(growthDuringTraining))× its ‖g‖ at step 0 (no explosion); \
          partly holds otherwise
          """,
        verdict: { m in
          guard m["exploding_nonfinite_seeds"] > 0 else { return .notTested }
          if 2 * m["fixed_nonfinite_seeds"] > m["seeds"] { return .holds }
          return m["fixed_nonfinite_seeds"] == 0 && m["fixed_largest_gradient_growth"] < growthDuringTraining
            ? .false_ : .partlyHolds
        },
        evidence: { m, verdict in
          // The same three numbers the rule reads, as "mean (min–max)".
          let accuracy = "test accuracy \(Format.spread(fixedAccuracy, Format.percent)) after \(config.steps) steps"
          switch verdict {
          case .false_:
            return
              """
              For the explosion at initialization it is exactly the fix: with \(fix) the same \
              \(config.depth)-layer net trains with no non-finite value on all \(seedsText), its gradient \
              norm growing at most ×\(Format.number(m["fixed_largest_gradient_growth"])) (\(accuracy)), while \
              σ_w² = \(gainText) went non-finite on \(Format.number(m["exploding_nonfinite_seeds"])) of \(n) \
              (\(trainingStep)). What initialization cannot fix is a step too large for the net: \(midText).
              """
          case .holds:
            return
              """
              In this run the \(fix) net also went non-finite, on \
              \(Format.number(m["fixed_nonfinite_seeds"])) of \(seedsText) at lr = \
              \(Format.number(config.learningRate)) (\(trainingStep)): this initialization did not solve it \
              here. A well-scaled init removes the explosion at initialization, not one caused by the step \
              size.
              """
          case .partlyHolds:
            return
              """
              The \(fix) net went non-finite on \(Format.number(m["fixed_nonfinite_seeds"])) of \(seedsText), \
              and its gradient norm grew up to ×\(Format.number(m["fixed_largest_gradient_growth"])) during \
              training (\(trainingStep)): it removed the explosion only in part.
              """
          default:
            return
              "Neither run went non-finite on any seed (\(trainingStep)), so this run has no explosion for an initialization to solve."
          }
        }),
      .measured(
        .suddenDeath, step: .midTraining,
        measurements: [
          "exploded_seeds": Double(midExplosions.count), "seeds": Double(midSeeds),
          "earliest_explosion_step": midExplosions.min().map(Double.init),
          "smallest_peak_gradient_growth": midGrowth.min(),
          "smaller_step_exploded_seeds": Double(midTraining.explodedCount(.smallerStep)),
        ],
        rule:
          """
          not tested unless the warm-up run explodes on every seed at a step ≥ \
          \(Self.suddenDeathEarliest); false if its global gradient norm never reaches \
          \(Format.number(explosionRatio))× its median over the first 20 steps on some seed (it died of \
          something else); partly holds if the same run with a smaller peak step stays finite on every \
          seed (the exploding gradient is how the run dies, the step size is why); holds otherwise
          """,
        verdict: { m in
          guard m["exploded_seeds"] == m["seeds"], m["earliest_explosion_step"] >= Double(Self.suddenDeathEarliest)
          else { return .notTested }
          guard m["smallest_peak_gradient_growth"] >= explosionRatio else { return .false_ }
          return m["smaller_step_exploded_seeds"] == 0 ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let steps = midExplosions.map(String.init).joined(separator: ", ")
          switch verdict {
          case .partlyHolds:
            let growth = Format.number(m["smallest_peak_gradient_growth"])
            return
              """
              A run can train normally and then die suddenly of an exploding gradient: in \(midStep) the \
              warm-up run exploded at step \(steps) (\(seedCount(midSeeds))), its gradient norm growing to at \
              least \(growth)× its early level before it overflowed. 
              """
                + """
                But the exploding gradient is the symptom: the cause is a step larger than the flattest region \
                the net can reach tolerates, and the same run with a smaller peak step stayed finite on every \
                seed.
                """
          case .holds:
            return
              """
              In \(midStep) the warm-up run trained, then exploded at step \(steps), its gradient norm \
              growing to at least \(Format.number(m["smallest_peak_gradient_growth"]))× its early level; the \
              smaller step exploded too, on \(Format.number(m["smaller_step_exploded_seeds"])) of \(midSeeds) \
              seeds.
              """
          case .false_:
            return
              """
              The warm-up run of \(midStep) died at step \(steps), but its gradient norm never grew beyond \
              \(Format.number(m["smallest_peak_gradient_growth"]))× its early level on some seed: not a \
              gradient explosion.
              """
          default:
            return
              """
              In this run the warm-up of \(midStep) did not produce a run that trains for \
              \(Self.suddenDeathEarliest)+ steps and then explodes on every seed (it exploded on \
              \(Format.number(m["exploded_seeds"])) of \
              \(midSeeds)\(steps.isEmpty ? "" : ", at step \(steps)")), so it cannot judge the claim.
              """
          }
        }),
    ]
  }

  /// A remedy narrows the gap between training and test accuracy when it does so on more than
  /// this share of the seeds.
  static let narrowerShare = 0.5

  /// The measurements both remedy claims read: a remedy's explosions and gap against the runs
  /// without it.
  static func remedyMeasurements(_ found: RemedyFindings?, _ none: RemedyFindings?)
    -> (exploded: Double?, delay: Double?, narrower: Double?)
  {
    guard let found, let none else { return (nil, nil, nil) }
    return (Double(found.explodedCount), found.medianDelay(against: none), Double(found.narrowerGapCount(than: none)))
  }

  /// "Data augmentation lowers the effect of gradient explosion", judged on the explosive warm-up
  /// with and without the shifted digits.
  static func augmentationClaim(
    _ config: ExplodingConfiguration, _ remedies: [RemedyFindings], in notebook: Notebook
  ) -> Claim {
    let none = remedies.first { $0.remedy == nil }
    let augmented = remedies.first { $0.remedy == .augmentation }
    let measured = remedyMeasurements(augmented, none)
    let step = notebook.reference(.remedies)
    let name = ExplodingLesson.remedyName(.augmentation, config.midTraining)
    return .measured(
      .dataAugmentation, step: .remedies,
      measurements: [
        "exploded_seeds_without": none.map { Double($0.explodedCount) },
        "exploded_seeds_augmented": measured.exploded, "seeds": none.map { Double($0.seeds.count) },
        "median_explosion_step_without": none.map(\.medianExplosionStep), "median_explosion_delay": measured.delay,
        "narrower_gap_seeds": measured.narrower,
        "later_explosion_seeds": augmented.flatMap { a in
          none.map { n in Double(a.explosionSteps(against: n).filter { $0.own > $0.other }.count) }
        },
      ],
      rule:
        """
        not tested if the warm-up without a remedy explodes on no seed; holds if with the shifted \
        digits it explodes on at most half as many seeds; false if it explodes on as many seeds (a \
        later explosion step is reported, not counted: the model still dies); partly holds otherwise \
        (fewer seeds, but more than half as many)
        """,
      verdict: { m in
        guard m["exploded_seeds_without"] > 0 else { return .notTested }
        if 2 * m["exploded_seeds_augmented"] <= m["exploded_seeds_without"] { return .holds }
        return m["exploded_seeds_augmented"] >= m["exploded_seeds_without"] ? .false_ : .partlyHolds
      },
      evidence: { m, verdict in
        let counts =
          """
          with \(name) the warm-up that explodes in \(notebook.reference(.midTraining)) exploded on \
          \(Format.number(m["exploded_seeds_augmented"])) of \(Format.number(m["seeds"])) seeds, against \
          \(Format.number(m["exploded_seeds_without"])) without (\(step))
          """
        let delay = m["median_explosion_delay"]
        let delayText =
          delay.isFinite
          ? """
          , a median \(Format.number(abs(delay))) step\(abs(delay) == 1 ? "" : "s") \
          \(delay >= 0 ? "later" : "earlier") (later on \(Format.number(m["later_explosion_seeds"])) \
          seeds; median step without: \(Format.number(m["median_explosion_step_without"])))
          """
          : ""
        let gap =
          """
           The gap between training and test accuracy at the smaller peak was narrower with the extra \
          images on \(Format.number(m["narrower_gap_seeds"])) of \(Format.number(m["seeds"])) \
          seeds\(none.map { $0.gap.mean < ExplodingLesson.overfittingGap ?
              ", but this net overfits little in \(config.midTraining.steps) steps (a mean gap of \(Format.percent($0.gap.mean)) without)" : "" } ?? "").
          """
        switch verdict {
        case .false_:
          return
            """
            More data did not lower the explosion: \(counts)\(delayText). The warm-up's η grows by \
            \(Format.number(config.midTraining.schedule.peak / Double(config.midTraining.schedule.warmupSteps))) \
            per step, so a later explosion is one at a slightly larger step size; the model still died on \
            every seed it died on before. The explosion comes from the step size against the sharpness the \
            net can reach, and more images do not change the step; at init the gradient's growth is a \
            product of the layers' gains, which depend on the weights' scale, not on how many images there \
            are.\(gap)
            """
        case .holds:
          return "Here more data lowered the explosion: \(counts)\(delayText).\(gap)"
        case .partlyHolds:
          return
            "More data removed the explosion on some seeds, not on most: \(counts)\(delayText).\(gap)"
        default:
          return
            "The warm-up without a remedy did not explode on any seed in this run, so there is no explosion for more data to lower."
        }
      })
  }

  /// "Use regularization to prevent overfitting", offered against explosion: judged on both the
  /// sentence's own promise (a narrower train/test gap) and the explosion, for weight decay and dropout.
  static func regularizationClaim(
    _ config: ExplodingConfiguration, _ remedies: [RemedyFindings], in notebook: Notebook
  ) -> Claim {
    let none = remedies.first { $0.remedy == nil }
    let decay = remedyMeasurements(remedies.first { $0.remedy == .weightDecay }, none)
    let dropout = remedyMeasurements(remedies.first { $0.remedy == .dropout }, none)
    let setup = config.midTraining
    let step = notebook.reference(.remedies)
    let gapText = { (found: RemedyFindings?) in
      found.map { Format.spread($0.gap, Format.percent) } ?? "–"
    }
    let gaps =
      """
      the gap between training and test accuracy at the smaller peak was \(gapText(none)) without, \
      \(gapText(remedies.first { $0.remedy == .weightDecay })) with weight decay λ = \
      \(Format.number(setup.weightDecay)) and \(gapText(remedies.first { $0.remedy == .dropout })) \
      with dropout p = \(Format.number(setup.dropoutRate))
      """
    return .measured(
      .regularization, step: .remedies,
      measurements: [
        "exploded_seeds_without": none.map { Double($0.explodedCount) }, "seeds": none.map { Double($0.seeds.count) },
        "exploded_seeds_weight_decay": decay.exploded, "exploded_seeds_dropout": dropout.exploded,
        "narrower_gap_seeds_weight_decay": decay.narrower, "narrower_gap_seeds_dropout": dropout.narrower,
      ],
      rule:
        """
        not tested if the warm-up without a remedy explodes on no seed; a regularizer prevents \
        overfitting if it narrows the train/test accuracy gap on more than \
        \(Format.percent(narrowerShare)) of the seeds, and removes the explosion if its explosive \
        warm-up explodes on no seed; holds if weight decay and dropout each do both; false if neither \
        does either; partly holds otherwise
        """,
      verdict: { m in
        guard m["exploded_seeds_without"] > 0 else { return .notTested }
        let narrows = ["weight_decay", "dropout"].map { m["narrower_gap_seeds_\($0)"] > narrowerShare * m["seeds"] }
        let removes = ["weight_decay", "dropout"].map { m["exploded_seeds_\($0)"] == 0 }
        if !narrows.contains(false) && !removes.contains(false) { return .holds }
        return narrows.contains(true) || removes.contains(true) ? .partlyHolds : .false_
      },
      evidence: { m, verdict in
        let seeds = Format.number(m["seeds"])
        func each(_ key: String, _ name: String) -> String {
          """
          \(name) exploded on \(Format.number(m["exploded_seeds_\(key)"])) of \(seeds) seeds and narrowed \
          the gap on \(Format.number(m["narrower_gap_seeds_\(key)"]))
          """
        }
        let both =
          """
          \(each("weight_decay", "weight decay λ = \(Format.number(setup.weightDecay))")); \
          \(each("dropout", "dropout p = \(Format.number(setup.dropoutRate))")); without a remedy the \
          warm-up exploded on \(Format.number(m["exploded_seeds_without"])) of \(seeds)
          """
        let weak =
          none.map { $0.gap.mean < ExplodingLesson.overfittingGap } ?? false
          ? " This net overfits little in \(config.midTraining.steps) steps, so the gaps are a weak test."
          : ""
        switch verdict {
        case .false_:
          return
            """
            Neither regularizer did either thing (\(step)): \(both); \(gaps). Regularization is a remedy \
            for overfitting; this explosion comes from the step size.\(weak)
            """
        case .partlyHolds:
          return
            """
            Not as a rule (\(step)): \(both); \(gaps). What one regularizer did, the other did not; a \
            remedy for overfitting is not, as such, a remedy for an explosion that comes from the step \
            size.\(weak)
            """
        case .holds:
          return "Here both regularizers did both things (\(step)): \(both); \(gaps).\(weak)"
        default:
          return
            "The warm-up without a remedy did not explode on any seed in this run, so it cannot judge regularization as a remedy for explosion."
        }
      })
  }
}
