import Charts
import LessonKit
import NeuralNet
import Notebook
import Theory

extension ClippingLesson {
  // MARK: .deepNetwork

  /// Step `.deepNetwork`: clipping in a deep MLP on digits.
  static func stepDeepNetwork(_ config: ClippingConfiguration, in notebook: Notebook) throws -> DeepNetworkFindings {
    try notebook.step(.deepNetwork, "Clipping in a deep feed-forward net: a cap, not a cure") {
      let (train, test) = try Digits.trainTestSplit(seed: config.seed)
      let exploding = config.mlpInitialization.initializer(weightStd: config.weightStd)
      notebook.prose(
        """
        The documents apply clipping to feed-forward and convolutional nets. Two deep ReLU MLPs on \
        the 8×8 digits, width \(config.width), mini-batches of 32: (a) \(config.depth) hidden layers \
        with \(exploding.description) init trained at a too-large η = \(Format.number(config.mlpLearningRate)) \
        (and, for reference, at η = \(Format.number(config.mlpSafeLearningRate))); (b) \
        \(config.vanishingDepth) hidden layers with Xavier init, whose ReLU signal halves its variance \
        in every layer, so the gradient reaching the weights is tiny. Each is trained with and \
        without clipping to norm \(Format.number(config.mlpClipNorm)).
        """)
      notebook.comparison(
        differs: "clipping to norm \(Format.number(config.mlpClipNorm)), or (the reference run of (a)) the step size",
        same: ["within (a) and within (b): the architecture, the init (same seed), the mini-batches, the steps"])
      let plans: [DeepNetwork.Plan] = [
        .init(
          name: "depth \(config.depth), η = \(Format.number(config.mlpLearningRate))", depth: config.depth,
          initializer: exploding, learningRate: config.mlpLearningRate, clipping: .none),
        .init(
          name: "depth \(config.depth), η = \(Format.number(config.mlpLearningRate)), clipped", depth: config.depth,
          initializer: exploding, learningRate: config.mlpLearningRate, clipping: .norm(config.mlpClipNorm)),
        .init(
          name: "depth \(config.depth), η = \(Format.number(config.mlpSafeLearningRate))", depth: config.depth,
          initializer: exploding, learningRate: config.mlpSafeLearningRate, clipping: .none),
        .init(
          name: "Xavier depth \(config.vanishingDepth)", depth: config.vanishingDepth, initializer: .xavierNormal,
          learningRate: config.mlpSafeLearningRate, clipping: .none),
        .init(
          name: "Xavier depth \(config.vanishingDepth), clipped", depth: config.vanishingDepth,
          initializer: .xavierNormal, learningRate: config.mlpSafeLearningRate, clipping: .norm(config.mlpClipNorm)),
      ]
      let runs = notebook.experiment("deep MLP runs", total: plans.count) { progress in
        DeepNetwork.train(
          plans, width: config.width, steps: config.mlpSteps, seed: config.seed, train: train, test: test,
          progress: progress.update)
      }
      let (before, after) = DeepNetwork.firstStepLayerRatio(
        width: config.width, depth: config.vanishingDepth, seed: config.seed, train: train)
      let findings = DeepNetworkFindings(runs: runs, layerRatio: (before, after))
      let shown = TrainingRuns(runs.map { ($0.name, $0.history, $0.testAccuracy) })
      notebook.table(
        shown.table(
          finalLossOver: 20, extra: [("steps clipped", { Format.percent(runs[$0].history.clippedFraction) })]),
        caption: "ln 10 = 2.303 is the loss of guessing uniformly among the 10 digits.")
      let markers = shown.nonFiniteMarkers
      notebook.chart(
        Chart(
          name: "deep-mlp-loss", title: "Deep ReLU MLPs on digits, with and without clipping", xLabel: "SGD step",
          yLabel: "mini-batch loss", logY: true,
          series: shown.series(style: { runs[$0].clipping == .none ? .line : .dashed }, \.loss), markers: markers),
        caption:
          "Dashed: clipped. Clipping rescues the too-large step size; it cannot lengthen the vanishing net's gradient.")
      notebook.check([
        TheoryCheck(
          name: "Xavier depth \(config.vanishingDepth): ‖∂L/∂W₁‖/‖∂L/∂W_L‖ after clipping vs before",
          measured: findings.layerRatio.clipped, predicted: findings.layerRatio.unclipped, tolerance: .relative(1e-5),
          source: "theory §6 (Algorithm 1)")
      ])
      let vanishing = runs[3].history.steps.map(\.globalGradientNorm)
      let tooLarge = runs[0]
      let dead = tooLarge.history.steps.last?.layers.compactMap(\.deadFraction) ?? []
      let deadShare = dead.isEmpty ? Double.nan : dead.reduce(0, +) / Double(dead.count)
      notebook.prose(
        tooLarge.history.nonFinite.map { event in
          """
          At η = \(Format.number(config.mlpLearningRate)) without clipping the net went non-finite \
          (\(event)); clipped, it reached \(Format.percent(runs[1].testAccuracy)).
          """
        }
          ?? """
          At η = \(Format.number(config.mlpLearningRate)) without clipping the net did not overflow, it \
          died: its first oversized steps pushed the ReLUs' inputs negative (\(Format.percent(deadShare)) \
          of the hidden ReLU outputs were 0 on the last batch, against about half in a healthy net) and \
          the loss sits at ln 10. Clipped, the same steps are capped and it reaches \
          \(Format.percent(runs[1].testAccuracy)); at η = \(Format.number(config.mlpSafeLearningRate)) it \
          reaches \(Format.percent(runs[2].testAccuracy)).
          """
      )
      notebook.prose(
        """
        Norm clipping multiplies the whole gradient by min(1, τ/‖g‖): it can only shorten a step. \
        The vanishing net's gradient never reached τ (largest ‖g‖ \(Format.number(vanishing.max() ?? .nan))), \
        so clipping never fired and both runs are identical, and even where it does fire the ratio \
        between layers is untouched. The fix for vanishing gradients is the init (lesson 2), \
        normalization (lesson 3) or residual connections, not clipping.
        """)
      for (i, r) in runs.enumerated() {
        notebook.recordRun(
          "deep_mlp_\(i)",
          [
            ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
            ("max_grad_norm", r.history.maxGradientNorm), ("test_accuracy", r.testAccuracy),
          ], extra: [("name", .string(r.name))])
      }
      return findings
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ClippingLesson.outline`).
  static let deepNetwork: StepID = "deep-network"
}
