import NeuralNet
import Notebook
import Theory

/// The exercises of lesson 3. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum BatchNormExercises {
  /// The number of exercises.
  package static let count = 4

  /// How each exercise changes with the variant: 1 draws a batch size and a depth, 4 a depth; 2 and 3
  /// are checked by the lesson's own trained nets.
  package static let variations: [ExerciseVariation] = [
    .varies(relativeTolerance: 0.05),
    .shared("it is checked by the lesson's own learning-rate sweep, and several rates are right"),
    .shared("its answer is the accuracy of the lesson's own trained BN net in training mode"),
    .varies(relativeTolerance: 0.05),
  ]

  /// "per layer" for one layer, "over D layers" for D.
  static func layers(_ d: Int) -> String { d == 1 ? "per layer" : "over \(d) layers" }

  /// The exercises of `variant` for a configuration. Exercises 1 and 4 change with the variant.
  package static func all(
    _ config: BatchNormConfiguration, train: Dataset, test: Dataset, variant: ExerciseVariant = .original
  ) -> [Exercise] {
    // A batch size and a number of layers D: the answer λ^D spreads a class over e^2…e^28.
    let reluBatch = variant.draw(16, in: 6...128, salt: 31, axis: .first)
    let reluLayers = variant.draw(1, in: 5...40, salt: 32, axis: .second)
    // The linear case keeps B = 8 and draws D alone: (6/5)^D with D from 5 to 60 keeps 30
    // variants more than 5% apart, which a second drawn number would not.
    let linearBatch = 8
    let linearLayers = variant.draw(1, in: 5...60, salt: 35)
    let reluGrowth = BatchNormTheory.gradientGrowth(.relu, batchSize: reluBatch)
    let linearGrowth = BatchNormTheory.gradientGrowth(.identity, batchSize: linearBatch)
    let reluAnswer = Double.pow(reluGrowth, Double(reluLayers))
    let linearAnswer = Double.pow(linearGrowth, Double(linearLayers))
    let overLayers = "Over D layers the factors multiply: λ^D."
    let evaluation = Memo { EvaluationMode.run(config, train: train, test: test) }
    let sweep = Memo { LearningRateSweep.overSeeds(config, train: train, test: test) }
    return [
      .prediction(
        question:
          """
          A deep BN-ReLU net without skip connections, at initialization, batch size B = \(reluBatch): by \
          what factor does the SQUARED gradient norm grow \(layers(reluLayers)) going backward (Yang et \
          al.'s λ\(reluLayers == 1 ? "" : "^\(reluLayers)"))?
          """,
        answerFormat: reluLayers == 1 ? "λ" : "λ^D", predicted: reluAnswer, tolerance: reluLayers == 1 ? 0.02 : 0.05,
        reasoning: [
          """
          Yang et al. (2019) follow the batch's Gram matrix through BN-ReLU layers: it converges to a \
          fixed point where all B examples have correlation c₀ = −1/(B−1), and the backward pass through \
          BN's projection then multiplies the squared gradient norm by λ(B) per layer, given in closed \
          form by their Theorem 8 through the arc-cosine kernel J₁ of ReLU.
          """,
          """
          λ(B) = (B−1)(J₁'(c₀) + (B−1)J₁(1)) / ((B−3)(B−1)(J₁(1) − J₁(c₀))) − 1/(B−3), with B = \
          \(reluBatch) (Theory's BatchNormTheory.gradientGrowth evaluates it): λ = \
          \(Format.number(reluGrowth, digits: 6)).
          """,
        ] + (reluLayers == 1 ? [] : [overLayers]),
        derivation: reluLayers == 1 ? "λ(\(reluBatch))" : "λ(\(reluBatch))^\(reluLayers)",
        mistakes: [
          .init(
            reluAnswer.squareRoot(), within: 0.02 * reluAnswer.squareRoot(),
            hint: "That is the factor of the norm; λ is for the squared norm."),
          .init(
            Double.pow(BatchNormTheory.gradientGrowth(.identity, batchSize: reluBatch), Double(reluLayers)),
            within: 0.01
              * Double.pow(BatchNormTheory.gradientGrowth(.identity, batchSize: reluBatch), Double(reluLayers)),
            hint: "(B−2)/(B−3) is the LINEAR case; ReLU grows faster."),
          .init(0.5, within: 0.5, hint: "BN nets without skip connections explode at init: λ > 1 for every B."),
        ]
      ),
      Exercise(
        question:
          """
          Find a learning rate at which the plain \(config.sweepDepth)-layer net of \
          \(BatchNormLesson.outline.reference(.learningRates)) DIVERGES but the same net with batch norm \
          TRAINS, on each of the step's \(config.fixSeeds) seeds (\(config.sweepSteps) steps; diverges = \
          goes non-finite or ends no lower than its first loss; trains = final loss below \
          \(Format.number(TrainedRun.trainedLoss))).
          """,
        answerFormat: "learning rate",
        solution: {
          let runs = sweep.value
          let rates = config.sweepRates
          let seeds = runs.seeds.count
          let found = rates.indices.first { i in
            runs.count(0) { $0.runs[i].diverged } == seeds && runs.count(1) { $0.runs[i].trained } == seeds
          }
          let table = rates.indices.map { i in
            """
            η = \(Format.number(rates[i])): plain diverges on \(runs.count(0) { $0.runs[i].diverged }) of \
            \(seeds) seeds, BN trains on \(runs.count(1) { $0.runs[i].trained })
            """
          }
          return WorkedSolution(
            [
              """
              A plain net's stable step size is bounded by the curvature of its loss (η < 2/λ_max); with \
              batch norm, the loss does not change when a layer's weights are scaled, so a too-large step \
              grows the weights' norm, which shrinks the effective step η/‖W‖² until it is stable again \
              (Arora, Li & Lyu 2019). So look above the plain net's largest trainable rate.
              """,
              "The lesson's sweep trains both nets at each rate: " + table.joined(separator: "; ") + ".",
              found.map {
                "The first rate where the plain net diverges and the BN net trains, on every seed, is η = \(Format.number(rates[$0]))."
              }
                ?? "No rate of the sweep separates them on every seed in this configuration.",
            ], answer: found.map { rates[$0] } ?? .nan)
        }
      ) { answer in
        guard answer > 0 && answer <= 100 else {
          return ExerciseVerdict(correct: false, reason: "A learning rate must be in (0, 100].")
        }
        var single = config
        single.sweepRates = [answer]
        let runs = LearningRateSweep.overSeeds(single, train: train, test: test)
        let seeds = runs.seeds.count
        let plainDiverged = runs.count(0) { $0.runs[0].diverged }
        let bnTrained = runs.count(1) { $0.runs[0].trained }
        let correct = plainDiverged == seeds && bnTrained == seeds
        func describe(_ r: TrainedRun) -> String {
          r.history.nonFinite.map { "goes non-finite at step \($0.step)" }
            ?? "ends at loss \(Format.number(r.finalLoss))"
        }
        let verdict =
          correct
          ? "BN's scale invariance lets it take steps the plain net cannot."
          : plainDiverged < seeds
            ? """
            The plain net still learns (without diverging) on \(seeds - plainDiverged) of \(seeds) seeds: \
            it is slow or stable there, not unstable; try larger.
            """
            : "The BN net trains on only \(bnTrained) of \(seeds) seeds: try smaller."
        return ExerciseVerdict(
          correct: correct,
          reason:
            """
            At lr \(Format.number(answer)), on seed \(runs.seeds[0]) the plain net \
            \(describe(runs.main[0].runs[0])) and the BN net \(describe(runs.main[1].runs[0])); over \
            \(seeds) seeds the plain net diverges on \(plainDiverged) and the BN net trains on \
            \(bnTrained). \(verdict)
            """
        )
      },
      Exercise(
        question:
          """
          Train \(BatchNormLesson.outline.reference(.evaluationMode))'s 4-layer BN net, then score the \
          test digits in TRAINING mode one example at a time (batches of 1). What accuracy do you get, as \
          a fraction (e.g. 0.5)?
          """,
        answerFormat: "fraction",
        solution: {
          let result = evaluation.value
          let measured = result.trainingModeAccuracy[result.batchSizes.firstIndex(of: 1) ?? 0]
          return WorkedSolution(
            [
              """
              In training mode BN normalizes each feature with the batch's own mean and variance. With a \
              batch of one example the mean is that example, so x − μ = 0 for every feature and every input \
              leaves the layer as β: the net gives the same output for every digit.
              """,
              """
              Its accuracy is then the share of the test set that belongs to the one class it predicts, about \
              1/10. Which class, and so the exact share, depends on the trained β; the lesson's run measures \
              \(Format.number(measured)).
              """,
            ], answer: measured)
        }
      ) { answer in
        let result = evaluation.value
        let measured = result.trainingModeAccuracy[result.batchSizes.firstIndex(of: 1) ?? 0]
        let correct = abs(answer - measured) <= 0.02
        var reason =
          """
          The real run gives \(Format.number(measured)) (eval mode: \
          \(Format.number(result.evaluationAccuracy.last ?? .nan))); your answer is \
          \(correct ? "within" : "outside") 0.02.
          """
        if !correct {
          reason +=
            """
             With one example, x − μ = 0 for every feature: every input is normalized to β, so the net \
            predicts one class for all digits, right only for that class's share of the test set.
            """
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        question:
          linearLayers == 1
          ? "The same deep BN net with LINEAR activations, batch size \(linearBatch): what is λ, the per-layer growth of the squared gradient norm at init?"
          : """
          The same deep BN net with LINEAR activations, batch size \(linearBatch): by what factor does \
          the squared gradient norm grow over \(linearLayers) layers at init (λ^\(linearLayers))?
          """,
        answerFormat: linearLayers == 1 ? "λ" : "λ^D", predicted: linearAnswer,
        tolerance: linearLayers == 1 ? 0.02 : 0.05,
        reasoning: [
          """
          Without a nonlinearity the batch's Gram matrix still converges to equal correlations c₀ = \
          −1/(B−1), and Yang et al.'s (2019) Theorem 8 reduces to a rational function of B: BN's centring \
          and scaling remove 2 of the B directions, leaving the factor (B−2)/(B−3).
          """
        ] + (linearLayers == 1 ? [] : [overLayers]),
        derivation: linearLayers == 1
          ? "(B−2)/(B−3) = \(linearBatch - 2)/\(linearBatch - 3)"
          : "((B−2)/(B−3))^D = (\(linearBatch - 2)/\(linearBatch - 3))^\(linearLayers)",
        mistakes: [
          .init(
            1, within: 0.01, hint: "A linear net with BN is not neutral: BN's projection still makes gradients grow.")
        ]
      ),
    ]
  }
}
