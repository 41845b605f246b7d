import Charts
import ExperimentKit
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension ExplodingLesson {
  /// An explosion during training: a net that trains for tens of steps, then blows up, watched as
  /// it unfolds (loss, gradient norms per layer, sharpness, update sizes, histograms), and the
  /// same run with each fix alone.
  static func stepMidTraining(
    _ config: ExplodingConfiguration, train: Dataset, test: Dataset, in notebook: Notebook
  ) -> SeedRuns<MidTrainingExplosion.Run> {
    let setup = config.midTraining
    let peak = Format.number(setup.schedule.peak)
    let smallerPeak = Format.number(setup.schedule.peak / setup.smallerStepDivisor)
    return notebook.step(.midTraining, "An explosion during training, and what each fix does") {
      notebook.prose(
        """
        Every explosion so far happened at step 0: the init made the gradient huge before any \
        learning. The documents also describe another kind: a model that trains, then "suddenly \
        dies at step 50". Here is one. A tanh net of \(setup.depth) × \(setup.width) at its critical \
        init (σ_w² = 1, so χ₁ = 1 and the gradient neither grows nor shrinks across layers at step 0) \
        learns the digits with the squared error on one-hot targets and plain SGD. Its step size \
        follows a linear warm-up, as most training recipes do: η rises from \
        \(Format.number(setup.schedule.rate(atStep: 0))) at step 0 to \(peak) at step \
        \(setup.schedule.warmupSteps - 1). Along the run, before every \(setup.sharpnessEvery)th \
        step, the sharpness λ_max (the top eigenvalue of the loss's Hessian, on the first \
        \(setup.sharpnessProbe) training images) is measured by power iteration, as in lesson 4: \
        gradient descent on a quadratic is stable only while η·λ_max < 2.
        """)
      notebook.comparison(
        differs:
          """
          one thing per fix: the peak step (\(smallerPeak) instead of \(peak)), clipping by global norm \
          at \(Format.number(setup.clipNorm)), or batch norm before every tanh
          """,
        same: [
          "architecture (\(setup.depth) × \(setup.width), tanh, σ_w² = 1)", "weight seed", "mini-batch order",
          "\(setup.steps) steps of \(setup.batchSize)", "the warm-up's length (\(setup.schedule.warmupSteps) steps)",
        ])
      let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
      let runs = notebook.experiment(
        "training \(MidTrainingExplosion.Variant.allCases.count) runs × \(setup.steps) steps × \(seeds.count) seeds",
        total: seeds.count * MidTrainingExplosion.Variant.allCases.count
      ) { progress in
        MidTrainingExplosion.overSeeds(setup, train: train, test: test, seeds: seeds, progress: progress.update)
      }
      midTrainingRunUp(setup, runs: runs, in: notebook)
      midTrainingFixes(setup, runs: runs, in: notebook)
      return runs
    }
  }

  /// The name of a run in tables and charts.
  static func runName(_ variant: MidTrainingExplosion.Variant, _ setup: MidTrainingExplosion.Setup) -> String {
    switch variant {
    case .baseline: "warm-up to η = \(Format.number(setup.schedule.peak))"
    case .smallerStep: "peak η = \(Format.number(setup.schedule.peak / setup.smallerStepDivisor))"
    case .clipping: "clipped at ‖g‖ = \(Format.number(setup.clipNorm))"
    case .batchNorm: "batch norm"
    }
  }

  /// The baseline's run-up on the lesson's seed: loss, gradient norms, sharpness against 2/η,
  /// update sizes and histograms, each explained with this run's figures.
  static func midTrainingRunUp(
    _ setup: MidTrainingExplosion.Setup, runs: SeedRuns<MidTrainingExplosion.Run>, in notebook: Notebook
  ) {
    let main = runs.main
    guard let baseline = main.first(where: { $0.variant == .baseline }),
      let smaller = main.first(where: { $0.variant == .smallerStep })
    else { return }
    func markers(_ shown: [MidTrainingExplosion.Run]) -> [Marker] {
      shown.compactMap { run in
        run.explosionStep.map { Marker(x: Double($0), label: "\(runName(run.variant, setup)): explodes at step \($0)") }
      }
    }
    func series(_ shown: [MidTrainingExplosion.Run], _ value: (StepRecord) -> Double) -> [Series] {
      shown.enumerated().map { index, run in
        Series(
          title: runName(run.variant, setup), x: run.history.steps.map { Double($0.step) },
          y: run.history.steps.map(value), colorGroup: index)
      }
    }
    notebook.chart(
      Chart(
        name: "mid-training-loss", title: "Training loss: an explosion during training, and the fixes",
        xLabel: "SGD step", yLabel: "mini-batch loss", logY: true, series: series(main, \.loss),
        markers: markers(main)),
      caption:
        "A marker is a run's explosion step: the first whose loss is not finite or ≥ 10× the lowest loss before it.")
    notebook.chart(
      Chart(
        name: "mid-training-gradient-norm", title: "Global gradient norm", xLabel: "SGD step",
        yLabel: "‖g‖ (all parameters)", logY: true, series: series(main, \.globalGradientNorm),
        markers: markers(main)),
      caption: "The clipped run's line is its raw norm, before clipping.")

    guard let explosion = baseline.explosionStep else {
      notebook.prose(
        """
        On this seed the warm-up to η = \(Format.number(setup.schedule.peak)) did not blow up within \
        \(setup.steps) steps, so there is no run-up to show (choose another `--seed`).
        """)
      return
    }
    let etaAtExplosion = baseline.history.steps[explosion].learningRate ?? .nan
    let before = baseline.meanLoss(Swift.max(0, explosion - 15)..<Swift.max(1, explosion - 5))
    let start = baseline.meanLoss(0..<5)
    let growth = baseline.gradientGrowth(at: explosion)
    let lead = baseline.leadingLayer()
    let flattest = baseline.flattest
    let lambda0 = baseline.initialSharpness
    let nonFinite = baseline.history.nonFinite?.step
    notebook.prose(
      """
      **The run-up.** The baseline trained normally: its loss fell from \(Format.number(start)) \
      (mean of steps 0–4) to \(Format.number(before)) (steps \(Swift.max(0, explosion - 15))–\(Swift.max(0, explosion - 6))). \
      At step \(explosion), with η = \(Format.number(etaAtExplosion)), its loss reached 10× its lowest so \
      far\(nonFinite.map { " and at step \($0) it overflowed (the run stops there: \(baseline.history.nonFinite.map { "\($0)" } ?? ""))" } ?? ""). \
      At the explosion step the global gradient norm was \(Format.number(growth))× its median over the \
      first 20 steps; its largest finite value, just before the overflow, was \(Format.number(baseline.peakGradientGrowth))× that. \(lead.map { """
        The first layer whose weight gradient reached 10× its own early level was \
        \(layerName($0.layer, setup)), at step \($0.step)
        """ } ?? "No layer's weight gradient reached 10× its early level")\(leaders(runs.runs(.baseline), setup)).
      """)
    let heatmapRuns = main.map { (name: runName($0.variant, setup), history: $0.history) }
    let heatmaps = WeightGradientHeatmaps.charts(
      heatmapRuns,
      chartNames: main.map { "mid-training-heatmap-\($0.variant.rawValue.replacingOccurrences(of: "_", with: "-"))" },
      hiddenLayers: setup.depth + 1)
    for chart in heatmaps {
      notebook.chart(
        chart,
        caption:
          """
          Each column is one step, each row one weight layer (row \(setup.depth + 1) is the readout); the \
          four runs share one color scale; blank = zero (saturated tanh units pass no gradient), not \
          finite, or not reached.
          """
      )
    }

    // Sharpness against 2/η.
    var sharpnessSeries: [Series] = []
    for (index, run) in [baseline, smaller].enumerated() {
      let steps = run.sharpnessSteps.map(Double.init)
      sharpnessSeries.append(
        Series(
          title: "λ_{max}, \(runName(run.variant, setup))", x: steps, y: run.sharpness, style: .linePoints,
          colorGroup: index))
      sharpnessSeries.append(
        Series(
          title: "2/η, \(runName(run.variant, setup))", x: run.history.steps.map { Double($0.step) },
          y: run.history.steps.map { 2 / ($0.learningRate ?? .nan) }, style: .dashed, colorGroup: index))
    }
    notebook.chart(
      Chart(
        name: "mid-training-sharpness", title: "Sharpness λ_{max} against the quadratic limit 2/η",
        xLabel: "SGD step", yLabel: "λ_{max} (probe of \(setup.sharpnessProbe) images)", logY: true,
        series: sharpnessSeries, markers: markers([baseline])),
      caption:
        """
        Points: λ_max measured before the step; dashed: 2/η(t) of the same run. Gradient descent on a \
        quadratic with curvature λ_max is stable while λ_max is below its dashed line.
        """
    )
    let smallerProducts = smaller.stepTimesSharpness.filter(\.isFinite)
    let band = zip(baseline.sharpnessSteps, baseline.stepTimesSharpness).filter { step, _ in
      step >= 10 && step <= (flattest?.step ?? 0)
    }.map(\.1).filter(\.isFinite).sorted()
    let bandMedian = band.isEmpty ? Double.nan : band[band.count / 2]
    let atExplosion = Array(zip(baseline.sharpnessSteps, baseline.stepTimesSharpness)).last { $0.0 <= explosion }
    let floorText: String
    if let flattest, let atExplosion, flattest.step < explosion, atExplosion.1 > 1.5 * bandMedian {
      floorText =
        """
        It has a floor: past step \(flattest.step) the net could flatten no further, λ_max rose again \
        while η still grew, η·λ_max reached \(Format.number(atExplosion.1)) at step \(atExplosion.0), \
        and every step overshot by more than the last: the loss grew geometrically until it overflowed.
        """
    } else {
      floorText =
        """
        In this run η·λ_max did not clearly leave that band before the \
        explosion\(atExplosion.map { " (\(Format.number($0.1)) at step \($0.0))" } ?? ""): the \
        sharpness measured every \(setup.sharpnessEvery) steps on \(setup.sharpnessProbe) images does \
        not show the moment it gave way.
        """
    }
    notebook.prose(
      """
      **Why then.** At step 0 the net's sharpness was λ_max = \(Format.number(lambda0)): on a quadratic \
      that curved, any constant step above 2/λ_max = \(Format.number(2 / lambda0)) diverges. The warm-up \
      passed that η at step \(firstStep(baseline, atLeast: 2 / lambda0).map(String.init) ?? "–") and the net did not \
      blow up: while η kept rising, λ_max fell\(flattest.map { """
        , to \(Format.number($0.sharpness)) at step \($0.step) \
        (\(Format.number(lambda0 / $0.sharpness))× flatter)
        """ } ?? ""). \
      Each overshooting step threw the net out of a sharp region into a flatter one, so λ_max followed \
      2/η down: η·λ_max stayed near \(Format.number(bandMedian)) (median from step 10 to the flattest \
      point) instead of growing with η. That is the edge of stability of lesson 4, ridden by a step \
      that keeps growing; it is why warm-ups work. (The level is \(Format.number(bandMedian, digits: 2)), not \
      lesson 4's 2, which is full-batch gradient descent's threshold on the whole loss. Two things \
      differ here: the steps are SGD's, each on another batch of \(setup.batchSize), and λ_max is \
      measured on a probe of \(setup.sharpnessProbe) training images. This run measures neither \
      effect apart, so it does not say which one moves the level.) \(floorText) \
      The smaller peak's step grows \(Format.number(setup.smallerStepDivisor)) times more slowly\(smaller.flattest.map {
          " (its flattest λ_max: \(Format.number($0.sharpness)) at step \($0.step))" } ?? ""): \
      its η·λ_max never exceeded \(Format.number(smallerProducts.max() ?? .nan)) in this run.
      """)
    midTrainingUpdateRatios(setup, baseline: baseline, smaller: smaller, explosion: explosion, in: notebook)
    midTrainingHistograms(setup, baseline: baseline, explosion: explosion, in: notebook)
  }

  /// The first step of `run` whose η is at least `rate`.
  static func firstStep(_ run: MidTrainingExplosion.Run, atLeast rate: Double) -> Int? {
    run.history.steps.first { ($0.learningRate ?? 0) >= rate }?.step
  }

  /// The update-to-data ratio of the baseline and the smaller step, against the 1e-3 rule of thumb.
  static func midTrainingUpdateRatios(
    _ setup: MidTrainingExplosion.Setup, baseline: MidTrainingExplosion.Run, smaller: MidTrainingExplosion.Run,
    explosion: Int, in notebook: Notebook
  ) {
    let ratios = baseline.medianUpdateRatio
    let smallerRatios = smaller.medianUpdateRatio
    guard ratios.contains(where: \.isFinite) else { return }
    let x = baseline.history.steps.map { Double($0.step) }
    let last = Double(Swift.max(setup.steps - 1, 1))
    notebook.chart(
      Chart(
        name: "mid-training-update-to-data-ratio", title: "Update-to-data ratio std(Δw)/std(w), median layer",
        xLabel: "SGD step", yLabel: "std(Δw) / std(w)", logY: true,
        series: [
          Series(title: runName(.baseline, setup), x: x, y: ratios, colorGroup: 0),
          Series(
            title: runName(.smallerStep, setup), x: smaller.history.steps.map { Double($0.step) }, y: smallerRatios,
            colorGroup: 1),
          Series(title: "1e-3", x: [0, last], y: [1e-3, 1e-3], style: .dashed, colorGroup: 7),
        ], markers: [Marker(x: Double(explosion), label: "explodes at step \(explosion)")]),
      caption:
        "The median over the \(setup.depth + 1) weight layers, step by step; the dashed line is the 1e-3 rule of thumb."
    )
    // The band: the ratio's range while the net rode the edge (step 20 to the flattest point);
    // the warning: the first step after that whose ratio is twice the band's top.
    let flattestStep = baseline.flattest?.step ?? explosion
    let inBand = ratios.indices.filter { $0 >= 20 && $0 <= flattestStep }.map { ratios[$0] }.filter(\.isFinite)
    guard let low = inBand.min(), let high = inBand.max() else { return }
    let left = ratios.indices.first { $0 > flattestStep && ratios[$0].isFinite && ratios[$0] >= 2 * high }
    notebook.prose(
      """
      **The update sizes.** While the net rode the edge (step 20 to its flattest point, step \
      \(flattestStep)), its median layer moved by \(Format.number(low))–\(Format.number(high)) of its \
      weights' spread per step: above the 1e-3 rule of thumb, as a large step makes it. \
      \(left.map { leftStep in """
        At step \(leftStep) the ratio left that band (twice its top: \
        \(Format.number(ratios[leftStep]))), \
        \(leftStep <= explosion
          ? "\(explosion - leftStep) steps before the explosion step \(explosion)"
          : "\(leftStep - explosion) steps after the explosion step \(explosion)")\
        \(baseline.history.nonFinite.map { event in " and \(event.step - leftStep) steps before the overflow" } ?? "").
        """ } ?? "It did not leave that band before the run ended.") \
      The band is read off this run after the fact; watched live, the same chart shows the ratio \
      climbing a decade within a few steps, which is the moment to lower η.
      """)
    notebook.recordRun(
      "mid_training_update_to_data_ratio",
      [
        ("band_low", low), ("band_high", high), ("left_band_step", left.map(Double.init)),
        ("explosion_step", Double(explosion)),
      ])
  }

  /// The baseline's activations and back-propagated gradients as histograms over the steps.
  static func midTrainingHistograms(
    _ setup: MidTrainingExplosion.Setup, baseline: MidTrainingExplosion.Run, explosion: Int, in notebook: Notebook
  ) {
    let recorded = baseline.history.steps.filter { record in
      MagnitudeHistogramCharts.hiddenLayers(record, depth: setup.depth) != nil
    }
    let layers = recorded.compactMap { MagnitudeHistogramCharts.hiddenLayers($0, depth: setup.depth) }
    guard !recorded.isEmpty, !MagnitudeHistogramCharts.span(layers.map { $0.activations[setup.depth - 1] }).isEmpty
    else { return }
    let steps = recorded.map(\.step)
    notebook.chart(
      MagnitudeHistogramCharts.overSteps(
        name: "mid-training-activation-histograms",
        title: "Activations |tanh| of hidden layer \(setup.depth) over training (\(runName(.baseline, setup)))",
        yLabel: "log10 |activation| (half-octave bins)", steps: steps,
        histograms: layers.map { $0.activations[setup.depth - 1] }),
      caption:
        "Each column is one step's histogram (every \(setup.histogramEvery) steps), colored by the share of the layer's units in each magnitude bin."
    )
    notebook.chart(
      MagnitudeHistogramCharts.overSteps(
        name: "mid-training-gradient-histograms",
        title: "Back-propagated gradient ∂L/∂h at hidden layer 1 over training (\(runName(.baseline, setup)))",
        yLabel: "log10 |∂L/∂h| (half-octave bins)", steps: steps, histograms: layers.map { $0.gradients[0] }),
      caption: "The same, for the gradient arriving at the first hidden layer.")
    func saturated(_ step: Int) -> Double {
      let record = baseline.history.steps[Swift.min(step, baseline.history.steps.count - 1)]
      let tanhLayers = record.layers.compactMap(\.saturatedFraction)
      return tanhLayers.isEmpty ? .nan : tanhLayers.reduce(0, +) / Double(tanhLayers.count)
    }
    let early = Swift.max(0, explosion - 20)
    func median(
      _ pick: ((gradients: [MagnitudeHistogram], activations: [MagnitudeHistogram])) -> MagnitudeHistogram, at step: Int
    ) -> Double {
      guard let index = steps.lastIndex(where: { $0 <= step }) else { return .nan }
      return pick(layers[index]).medianLog10
    }
    // The last histogram whose values were all finite (the overflow step's are not).
    let finite = steps.indices.filter { i in
      layers[i].gradients[0].nonFinite == 0 && layers[i].activations[setup.depth - 1].nonFinite == 0
    }
    let lastStep = finite.last.map { steps[$0] } ?? explosion
    func decades(_ pick: ((gradients: [MagnitudeHistogram], activations: [MagnitudeHistogram])) -> MagnitudeHistogram)
      -> String
    {
      [early, explosion, lastStep].map { step in
        let value = median(pick, at: step)
        return value.isNaN ? "– (no non-zero value)" : Format.number(value, digits: 3)
      }.joined(separator: ", ")
    }
    let saturatedBefore: Double = saturated(explosion)
    let saturatedLast: Double = saturated(lastStep)
    let saturationText =
      saturatedBefore < 0.05 && saturatedLast > 0.5
      ? """
      The saturation comes after the blow-up has started, not before: it is the net's state once the \
      readout's outputs, which nothing bounds, have run away, and a saturated unit passes almost no \
      gradient back.
      """
      : ""
    notebook.prose(
      """
      **Histograms over training.** Read a column at a time. The median of log10 |activation| of hidden \
      layer \(setup.depth) was \(decades { $0.activations[setup.depth - 1] }) at steps \(early), \(explosion) \
      (the explosion) and \(lastStep) (the last histogram with finite values); the median of log10 |∂L/∂h| \
      at layer 1 was \(decades { $0.gradients[0] }) at the same steps. The share of saturated tanh units \
      (|tanh| ≥ 0.99, mean over the hidden layers) was \(Format.percent(saturated(early))) at step \(early), \
      \(Format.percent(saturatedBefore)) at step \(explosion) and \(Format.percent(saturatedLast)) at step \
      \(lastStep). \(saturationText)
      """)
  }

  /// "the readout" or "hidden layer l", for a weight layer numbered from 1.
  static func layerName(_ layer: Int, _ setup: MidTrainingExplosion.Setup) -> String {
    layer == setup.depth + 1 ? "the readout" : "hidden layer \(layer)"
  }

  /// Which layer's weight gradient first grew 10× on how many of `runs`: "hidden layer 6 on 3,
  /// the readout on 1" (empty if none did).
  static func leaderCounts(_ runs: [MidTrainingExplosion.Run], _ setup: MidTrainingExplosion.Setup) -> String {
    var counts: [Int: Int] = [:]
    for run in runs { if let lead = run.leadingLayer() { counts[lead.layer, default: 0] += 1 } }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map { "\(layerName($0.key, setup)) on \($0.value)" }.joined(separator: ", ")
  }

  /// "; over the 5 seeds it was hidden layer 6 on 3, …" (empty for one seed).
  static func leaders(_ runs: [MidTrainingExplosion.Run], _ setup: MidTrainingExplosion.Setup) -> String {
    let counts = leaderCounts(runs, setup)
    guard runs.count > 1, !counts.isEmpty else { return "" }
    return
      """
      ; over the \(runs.count) seeds it was \
      \(counts)\(counts.contains(",") ? ": the blow-up has no fixed starting layer, the whole net overshoots together" : "")
      """
  }

  /// Every run over the seeds, each fix's verdict, and the records of metrics.json.
  static func midTrainingFixes(
    _ setup: MidTrainingExplosion.Setup, runs: SeedRuns<MidTrainingExplosion.Run>, in notebook: Notebook
  ) {
    let n = runs.seeds.count
    let baselines = runs.runs(.baseline)
    let explosions = baselines.compactMap(\.explosionStep)
    func spread(_ variant: MidTrainingExplosion.Variant, _ value: (MidTrainingExplosion.Run) -> Double) -> SeedSpread {
      SeedSpread(seeds: runs.seeds, values: runs.runs(variant).map(value))
    }
    // After the step the baseline exploded at on the same seed: how often did clipping act?
    let clippedAfter = zip(baselines, runs.runs(.clipping)).map { base, clipped in
      clipped.clippedShare(from: base.explosionStep ?? setup.steps)
    }
    notebook.table(
      Table(
        headers: ["run", "exploded", "explosion step", "first non-finite", "final loss (last 20)", "clipped steps"],
        rows: MidTrainingExplosion.Variant.allCases.map { variant in
          let exploded = runs.explodedCount(variant)
          return [
            runName(variant, setup), "\(exploded) of \(n)",
            exploded == n
              ? Format.spread(spread(variant) { Double($0.explosionStep ?? 0) })
              : exploded == 0 ? "none" : "\(exploded) of \(n)",
            "\(runs.runs(variant).filter { $0.history.nonFinite != nil }.count) of \(n)",
            Format.spread(spread(variant) { $0.finalLoss }),
            variant == .clipping ? Format.spread(spread(variant) { $0.history.clippedFraction }, Format.percent) : "–",
          ]
        }),
      caption:
        """
        Each run over \(n) seeds (weights and batch order: seeds \
        \(runs.seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” where a run \
        exploded.
        """
    )
    let smallerFinite = runs.explodedCount(.smallerStep) == 0
    let clippedFinite = runs.explodedCount(.clipping) == 0
    let clippedShare = SeedSpread(seeds: runs.seeds, values: clippedAfter)
    let smallerLoss = spread(.smallerStep) { $0.finalLoss }
    let clippedLoss = spread(.clipping) { $0.finalLoss }
    let bnExploded = runs.explodedCount(.batchNorm)
    let clippedWorse = zip(runs.runs(.clipping), runs.runs(.smallerStep)).filter { $0.finalLoss > $1.finalLoss }.count
    // Batch norm against the baseline, seed by seed, where both exploded.
    let bothExploded = zip(runs.seeds, zip(baselines, runs.runs(.batchNorm))).compactMap { seed, pair in
      pair.0.explosionStep.flatMap { b in pair.1.explosionStep.map { (seed: seed, baseline: b, batchNorm: $0) } }
    }
    func medianStep(_ step: (Int, Int) -> Int) -> String {
      Format.number(
        SeedSpread(
          seeds: bothExploded.map(\.seed), values: bothExploded.map { Double(step($0.baseline, $0.batchNorm)) }
        ).median)
    }
    let bnEarlier = bothExploded.filter { $0.batchNorm < $0.baseline }.count
    let bnTiming =
      bothExploded.isEmpty
      ? ""
      : """
      ; on the \(bothExploded.count) seed\(bothExploded.count == 1 ? "" : "s") where both exploded, \
      batch norm exploded earlier than the baseline on \(bnEarlier) (median step \
      \(medianStep { _, bn in bn }) against \(medianStep { b, _ in b }))
      """
    notebook.prose(
      """
      **Which fix removes the cause.** The baseline exploded on \(explosions.count) of \(n) seeds\
      \(explosions.isEmpty ? "" : ", at steps \(explosions.map(String.init).joined(separator: ", "))"). The cause is \
      a step larger than the flattest region the net can reach tolerates. \
      *A smaller peak* (η up to \(Format.number(setup.schedule.peak / setup.smallerStepDivisor))) removes it: \
      it \(smallerFinite ? "stayed finite on every seed" : "still exploded on \(runs.explodedCount(.smallerStep)) of \(n) seeds") \
      and reached a final loss of \(Format.spread(smallerLoss)). \
      *Clipping* at ‖g‖ = \(Format.number(setup.clipNorm)) \(clippedFinite ? "also stayed finite on every seed" :
          "exploded on \(runs.explodedCount(.clipping)) of \(n) seeds"), \
      but only by capping the symptom: from the step where the baseline exploded on the same seed, it \
      clipped \(Format.spread(clippedShare, Format.percent)) of the remaining steps. A clipped step has length \
      η·\(Format.number(setup.clipNorm)) instead of η·‖g‖, so an overshoot cannot compound; the step is still \
      too large for the net. Its final loss is \(Format.spread(clippedLoss)) against the smaller peak's \
      \(Format.spread(smallerLoss)) (worse on \(clippedWorse) of \(n) seeds). Take clipping away and the cause \
      is still there. \
      *Batch norm* \(bnExploded == 0 ? "stayed finite on every seed" : """
        did not help: it exploded on \(bnExploded) of \(n) \
        seeds\(runs.runs(.batchNorm).compactMap(\.explosionStep).isEmpty
          ? "" : ", at steps \(runs.runs(.batchNorm).compactMap(\.explosionStep).map(String.init).joined(separator: ", "))")\
        \(bnTiming)
        """). \
      \(bnExploded > 0 ? """
        Batch norm makes each layer's output independent of its weights' scale, which fixes an init \
        that is too large (lesson 3); it does not change the step size, and the readout and batch \
        norm's own γ and β are not \
        scale-invariant\(leaderCounts(runs.runs(.batchNorm), setup).isEmpty
          ? "" : " (the first weight gradient to grow 10× in its runs: \(leaderCounts(runs.runs(.batchNorm), setup)))").
        """ : "") \
      *A better init* does not apply: the net already starts at its critical init, where the gradient is \
      balanced across layers; the blow-up comes from the step, not from the init.
      """)
    for variant in MidTrainingExplosion.Variant.allCases {
      let key =
        variant == .baseline
        ? "mid_training_explosion"
        : variant == .batchNorm
          ? "mid_training_explosion_with_batch_norm" : "mid_training_explosion_fixed_\(variant.rawValue)"
      let own = runs.runs(variant)
      let main = own[0]
      notebook.recordRun(
        key,
        [
          ("explosion_step", main.explosionStep.map(Double.init)),
          ("first_nonfinite_step", main.history.nonFinite.map { Double($0.step) }),
          ("exploded_seeds", Double(runs.explodedCount(variant))),
          ("steps_recorded", Double(main.history.steps.count)),
          ("initial_sharpness", main.initialSharpness),
          ("flattest_sharpness", main.flattest?.sharpness),
          ("flattest_sharpness_step", main.flattest.map { Double($0.step) }),
        ],
        extra: [
          ("name", .string(runName(variant, setup))),
          ("seeds", .seeds(runs.seeds)),
          ("explosion_steps", .array(own.map { $0.explosionStep.map { .integer($0) } ?? .null })),
          ("final_loss", .spread(spread(variant) { $0.finalLoss })),
          ("max_grad_norm", .spread(spread(variant) { $0.history.maxGradientNorm })),
        ]
          + (variant == .clipping
            ? [("clipped_share_after_baseline_explosion", .spread(clippedShare))] : []))
    }
  }
}

extension StepID {
  /// Lesson 1's step on an explosion during training.
  static let midTraining: StepID = "mid-training"
}
