import Charts
import ExperimentKit
import LessonKit
import NeuralNet
import Notebook
import Theory

extension ExplodingLesson {

  /// The documents' other remedies (more data, weight decay, dropout) added to the mid-training
  /// explosion and to the smaller peak that trains: does each remove the explosion, and does it
  /// narrow the gap between training and test accuracy?
  static func stepRemedies(
    _ config: ExplodingConfiguration, train: Dataset, test: Dataset, without: SeedRuns<MidTrainingExplosion.Run>,
    in notebook: Notebook
  ) -> [RemedyFindings] {
    let setup = config.midTraining
    let midStep = notebook.reference(.midTraining)
    return notebook.step(.remedies, "More data and regularization against the same explosion") {
      notebook.prose(
        """
        The documents offer two more remedies. "Data augmentation: adding training data enlarges the \
        model's sample size and lowers the effect of gradient explosion." And, in a list of techniques \
        against explosion, "use regularization, to prevent the model from overfitting". Each is added \
        here to two runs of \(midStep), on the same weights and seeds: the warm-up to η = \
        \(Format.number(setup.schedule.peak)) that explodes, and the warm-up to η = \
        \(Format.number(setup.schedule.peak / setup.smallerStepDivisor)) that trains. *More data*: \
        every training digit and its four one-pixel shifts (right, left, down, up; \
        \(Digits.trainingExamples) × 5 images), the classic augmentation of digits. *Weight decay*: \
        SGD on L + (λ/2)‖θ‖² with λ = \(Format.number(setup.weightDecay)), so each step multiplies the \
        parameters by 1 − η·λ. *Dropout*: every tanh unit zeroed with probability p = \
        \(Format.number(setup.dropoutRate)) in training, the others scaled by 1/(1 − p); the test uses \
        the whole net (theory §13). A remedy for overfitting should narrow the gap between the accuracy on the \
        training digits and on the \(test.count) held-out ones; a remedy for the explosion should stop \
        it.
        """)
      notebook.comparison(
        differs:
          "one remedy per run: the shifted digits, weight decay λ = \(Format.number(setup.weightDecay)) or dropout p = \(Format.number(setup.dropoutRate))",
        same: [
          "the nets and warm-ups of \(midStep)", "weight seed",
          "batch seed (the augmented set has 5× the images, so its batches differ)",
          "\(setup.steps) steps of \(setup.batchSize)",
        ])
      let runs = notebook.experiment(
        "training \(OtherRemedies.Remedy.allCases.count) remedies × \(OtherRemedies.peaks.count) peaks × \(without.seeds.count) seeds",
        total: without.seeds.count * OtherRemedies.Remedy.allCases.count * OtherRemedies.peaks.count
      ) { progress in
        OtherRemedies.overSeeds(setup, train: train, test: test, seeds: without.seeds, progress: progress.update)
      }
      let findings =
        [
          RemedyFindings(
            remedy: nil, explosive: without.runs(.baseline), smaller: without.runs(.smallerStep), seeds: without.seeds)
        ]
        + OtherRemedies.Remedy.allCases.map { remedy in
          RemedyFindings(
            remedy: remedy, explosive: runs.runs(.baseline, remedy: remedy),
            smaller: runs.runs(.smallerStep, remedy: remedy),
            seeds: runs.seeds)
        }
      remediesResults(setup, findings, in: notebook)
      return findings
    }
  }

  /// A remedy's name in tables, charts and sentences.
  static func remedyName(_ remedy: OtherRemedies.Remedy?, _ setup: MidTrainingExplosion.Setup) -> String {
    switch remedy {
    case nil: "no remedy"
    case .augmentation: "one-pixel shifts (5× the digits)"
    case .weightDecay: "weight decay λ = \(Format.number(setup.weightDecay))"
    case .dropout: "dropout p = \(Format.number(setup.dropoutRate))"
    }
  }

  /// The table, the chart and the verdicts of the remedies, and their records in metrics.json.
  static func remediesResults(_ setup: MidTrainingExplosion.Setup, _ findings: [RemedyFindings], in notebook: Notebook)
  {
    guard let none = findings.first else { return }
    let n = none.seeds.count
    let explosivePeak = Format.number(setup.schedule.peak)
    let smallerPeak = Format.number(setup.schedule.peak / setup.smallerStepDivisor)
    func steps(_ runs: [MidTrainingExplosion.Run]) -> String {
      runs.map { $0.explosionStep.map(String.init) ?? "–" }.joined(separator: ", ")
    }
    notebook.table(
      Table(
        headers: [
          "remedy", "η = \(explosivePeak): exploded", "explosion step by seed", "η = \(smallerPeak): train accuracy",
          "test accuracy", "gap (train − test)",
        ],
        rows: findings.map { found in
          [
            remedyName(found.remedy, setup), "\(found.explodedCount) of \(n)", steps(found.explosive),
            Format.spread(found.trainAccuracy, Format.percent), Format.spread(found.testAccuracy, Format.percent),
            Format.spread(found.gap, Format.percent),
          ]
        }),
      caption:
        """
        Over \(n) seeds (\(none.seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” \
        where a run exploded. The accuracies are the warm-up to η = \(smallerPeak)'s, after \
        \(setup.steps) steps, in evaluation mode (no dropout).
        """
    )
    let main = findings.map { $0.explosive[0] }
    notebook.chart(
      Chart(
        name: "remedies-loss", title: "Training loss of the warm-up to η = \(explosivePeak), with each remedy",
        xLabel: "SGD step", yLabel: "mini-batch loss", logY: true,
        series: zip(findings, main).enumerated().map { index, pair in
          Series(
            title: remedyName(pair.0.remedy, setup), x: pair.1.history.steps.map { Double($0.step) },
            y: pair.1.history.steps.map(\.loss), colorGroup: index)
        },
        markers: zip(findings, main).compactMap { found, run in
          run.explosionStep.map {
            Marker(x: Double($0), label: "\(remedyName(found.remedy, setup)): explodes at step \($0)")
          }
        }),
      caption:
        "The lesson's seed (\(none.seeds[0])); a marker is a run's explosion step (loss not finite or ≥ 10× its lowest so far). The table gives every seed."
    )
    let sentences = findings.dropFirst().map { found -> String in
      let name = remedyName(found.remedy, setup)
      let delay = found.medianDelay(against: none)
      let explosion: String
      if found.explodedCount == 0 {
        explosion =
          "did not explode on any of the \(n) seeds within the \(setup.steps) steps (η reached its peak at the last)"
      } else if found.explodedCount < none.explodedCount {
        explosion = "exploded on \(found.explodedCount) of \(n) seeds, against \(none.explodedCount) without"
      } else {
        explosion =
          """
          still exploded on \(found.explodedCount) of \(n) \
          seeds\(delay.isFinite ?
              ", a median \(Format.number(abs(delay))) step\(abs(delay) == 1 ? "" : "s") \(delay >= 0 ? "later" : "earlier") than without" : "")
          """
      }
      let narrower = found.narrowerGapCount(than: none)
      let sharpness =
        found.remedy == .dropout && found.explosive.allSatisfy({ !$0.sharpness.isEmpty })
        ? """
         Its whole net's sharpness (in evaluation mode, every \(4 * setup.sharpnessEvery) steps) ended \
        at η·λ_max = \(Format.spread(found.finalStepTimesSharpness)) and rose no higher than \
        \(Format.number(found.largestStepTimesSharpness)) on any seed.
        """
        : ""
      let passes =
        found.remedy == .augmentation
        ? """
         (its \(setup.steps) batches of \(setup.batchSize) pass over its \
        \(found.smaller[0].trainingExamples) images \
        \(Format.number(Double(setup.steps * setup.batchSize) / Double(found.smaller[0].trainingExamples), digits: 2)) \
        times, over the \(none.smaller[0].trainingExamples) digits \
        \(Format.number(Double(setup.steps * setup.batchSize) / Double(none.smaller[0].trainingExamples), digits: 2)) \
        times)
        """
        : ""
      return
        """
        *\(name.prefix(1).uppercased() + name.dropFirst())* \(explosion); at η = \(smallerPeak) its gap \
        was \(Format.spread(found.gap, Format.percent)) against \
        \(Format.spread(none.gap, Format.percent)) without (narrower on \(narrower) of \(n) seeds), its \
        test accuracy \(Format.spread(found.testAccuracy, Format.percent)) against \
        \(Format.spread(none.testAccuracy, Format.percent))\(passes).\(sharpness)
        """
    }
    let remedies = Array(findings.dropFirst())
    let unchanged = remedies.filter { $0.explodedCount > 0 && $0.explodedCount >= none.explodedCount }
    let finite = remedies.filter { $0.explodedCount == 0 }
    func names(_ found: [RemedyFindings]) -> String {
      let all = found.map { remedyName($0.remedy, setup) }
      return all.count <= 1 ? all.joined() : all.dropLast().joined(separator: ", ") + " and " + all.last!
    }
    let cause =
      unchanged.isEmpty
      ? ""
      : """
      With \(names(unchanged)) the warm-up exploded on as many seeds as without: \
      \(unchanged.count == 1 ? "it does" : "they do") not change η, and a step size that outgrows the \
      sharpness the net can reach is what explodes here (\(notebook.reference(.midTraining))).
      """
    let survived =
      finite.isEmpty
      ? ""
      : """
       With \(names(finite)) the warm-up reached η = \(explosivePeak) without exploding on any seed; \
      this step measures that, and the whole net's sharpness, but does not isolate why.
      """
    let weakTest =
      none.gap.mean < Self.overfittingGap
      ? """
       Without a remedy this net overfits little in \(setup.steps) steps (a gap of \
      \(Format.percent(none.gap.mean)) on average, under \(Format.percent(Self.overfittingGap))), so \
      the gaps are a weak test of a remedy against overfitting: differences of a point are within the \
      spread over seeds.
      """
      : ""
    notebook.prose(
      """
      **What each remedy did.** Without a remedy the warm-up to η = \(explosivePeak) exploded on \
      \(none.explodedCount) of \(n) seeds (steps \(steps(none.explosive))), and the warm-up to η = \
      \(smallerPeak) ended \(Format.spread(none.gap, Format.percent)) more accurate on its training \
      digits than on the held-out ones. \(sentences.joined(separator: " ")) \(cause)\(survived)\(weakTest)
      """)
    for found in findings.dropFirst() {
      guard let remedy = found.remedy else { continue }
      notebook.recordRun(
        "remedy_\(remedy.rawValue)",
        [
          ("exploded_seeds", Double(found.explodedCount)), ("median_explosion_delay", found.medianDelay(against: none)),
          ("narrower_gap_seeds", Double(found.narrowerGapCount(than: none))),
        ],
        extra: [
          ("name", .string(remedyName(remedy, setup))), ("seeds", .seeds(found.seeds)),
          ("explosion_steps", .array(found.explosive.map { $0.explosionStep.map { .integer($0) } ?? .null })),
          ("gap", .spread(found.gap)), ("test_accuracy", .spread(found.testAccuracy)),
          ("train_accuracy", .spread(found.trainAccuracy)), ("gap_without", .spread(none.gap)),
        ])
    }
  }
}

extension ExplodingLesson {
  /// A mean train-minus-test accuracy gap below this is too small to test a remedy against
  /// overfitting (a point or two is within the spread over seeds).
  static let overfittingGap = 0.02
}

extension StepID {
  /// Lesson 1's step on the documents' other remedies.
  static let remedies: StepID = "remedies"
}
