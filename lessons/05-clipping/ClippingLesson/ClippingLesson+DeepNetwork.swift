import Charts
import NeuralNet
import Notebook

/// One training run of step 6.
public struct DeepNetworkRun: Sendable {
  /// A short name.
  public var name: String
  /// The clipping used.
  public var clipping: GradientClipping
  /// What the run measured.
  public var history: TrainingHistory
  /// Test accuracy (NaN when the run stopped on a non-finite value).
  public var testAccuracy: Double
}

/// What step 6 measured, for the claims and tests.
public struct DeepNetworkFindings: Sendable {
  /// The runs: too-large η without and with clipping, a sane η, then the vanishing net without and
  /// with clipping.
  public var runs: [DeepNetworkRun]
  /// ‖∂L/∂W₁‖/‖∂L/∂W_L‖ of the vanishing net's first step, before and after clipping it to a
  /// tenth of its norm.
  public var layerRatio: (unclipped: Double, clipped: Double)

  /// A run by position: 0 too-large η, 1 clipped, 2 sane η, 3 vanishing, 4 vanishing clipped.
  public subscript(_ i: Int) -> DeepNetworkRun { runs[i] }
}

extension ClippingLesson {
  // MARK: Step 6

  /// Step 6: clipping in a deep MLP on digits.
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
      let plans: [(String, Int, Initializer, Double, GradientClipping)] = [
        (
          "depth \(config.depth), η = \(Format.number(config.mlpLearningRate))", config.depth, exploding,
          config.mlpLearningRate, .none
        ),
        (
          "depth \(config.depth), η = \(Format.number(config.mlpLearningRate)), clipped", config.depth, exploding,
          config.mlpLearningRate, .norm(config.mlpClipNorm)
        ),
        (
          "depth \(config.depth), η = \(Format.number(config.mlpSafeLearningRate))", config.depth, exploding,
          config.mlpSafeLearningRate, .none
        ),
        (
          "Xavier depth \(config.vanishingDepth)", config.vanishingDepth, .xavierNormal, config.mlpSafeLearningRate,
          .none
        ),
        (
          "Xavier depth \(config.vanishingDepth), clipped", config.vanishingDepth, .xavierNormal,
          config.mlpSafeLearningRate, .norm(config.mlpClipNorm)
        ),
      ]
      let runs = notebook.experiment("deep MLP runs", total: plans.count * config.mlpSteps) { progress in
        plans.enumerated().map { i, plan in
          var rng = SeededGenerator(seed: config.seed)
          let model = MLP.make(
            inputs: Digits.pixels, width: config.width, depth: plan.1, outputs: Digits.classes, activation: .relu,
            initializer: plan.2, using: &rng)
          let history = Trainer.train(
            model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(plan.3)),
            steps: config.mlpSteps, batchSize: 32, batchSeed: config.seed &+ 7, clipping: plan.4,
            progress: { progress.update(i * config.mlpSteps + $0) })
          return DeepNetworkRun(
            name: plan.0, clipping: plan.4, history: history,
            testAccuracy: history.nonFinite == nil ? test.accuracy(of: model) : .nan)
        }
      }
      // The first step of the vanishing net, clipped to a tenth of its own norm so that clipping
      // surely fires: the first layer's weight gradient over the last one's, before and after.
      var rng = SeededGenerator(seed: config.seed)
      let probe = MLP.make(
        inputs: Digits.pixels, width: config.width, depth: config.vanishingDepth, outputs: Digits.classes,
        activation: .relu, initializer: .xavierNormal, using: &rng)
      var sampler = BatchSampler(count: train.count, batchSize: 32, seed: config.seed &+ 7)
      let indices = sampler.next()
      let first = probe.measureGradients(
        input: train.inputs.gatheringRows(indices), targets: train.targets.gathering(indices),
        loss: SoftmaxCrossEntropy())
      let weights = probe.parameters.filter { $0.name == "weight" }
      func layerRatio() -> Double { weights[0].gradient.norm() / weights[weights.count - 1].gradient.norm() }
      let before = layerRatio()
      GradientClipping.norm(first.globalGradientNorm / 10).apply(to: probe.parameters)
      let after = layerRatio()
      let findings = DeepNetworkFindings(runs: runs, layerRatio: (before, after))
      notebook.table(
        Table(
          headers: [
            "run", "first non-finite", "‖g‖ at step 0", "max ‖g‖", "steps clipped", "final loss (last 20)",
            "test accuracy",
          ],
          rows: runs.map { r in
            let finalLoss = r.history.meanLoss(overLast: 20)
            return [
              r.name, r.history.nonFinite.map { "\($0)" } ?? "none",
              Format.number(r.history.initialGradientNorm),
              Format.number(r.history.maxGradientNorm), Format.percent(r.history.clippedFraction),
              finalLoss.isFinite ? Format.number(finalLoss) : "–",
              r.testAccuracy.isFinite ? Format.percent(r.testAccuracy) : "–",
            ]
          }),
        caption: "ln 10 = 2.303 is the loss of guessing uniformly among the 10 digits.")
      let markers = runs.compactMap { r in
        r.history.nonFinite.map { Marker(x: Double($0.step), label: "\(r.name): non-finite at step \($0.step)") }
      }
      notebook.chart(
        Chart(
          name: "deep-mlp-loss", title: "Deep ReLU MLPs on digits, with and without clipping", xLabel: "SGD step",
          yLabel: "mini-batch loss", logY: true,
          series: runs.enumerated().map { i, r in
            Series(
              title: r.name, x: r.history.steps.map { Double($0.step) }, y: r.history.steps.map(\.loss),
              style: r.clipping == .none ? .line : .dashed, colorGroup: i)
          }, markers: markers),
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
          "At η = \(Format.number(config.mlpLearningRate)) without clipping the net went non-finite (\(event)); clipped, it reached \(Format.percent(runs[1].testAccuracy))."
        }
          ?? "At η = \(Format.number(config.mlpLearningRate)) without clipping the net did not overflow, it died: its first oversized steps pushed the ReLUs' inputs negative (\(Format.percent(deadShare)) of the hidden ReLU outputs were 0 on the last batch, against about half in a healthy net) and the loss sits at ln 10. Clipped, the same steps are capped and it reaches \(Format.percent(runs[1].testAccuracy)); at η = \(Format.number(config.mlpSafeLearningRate)) it reaches \(Format.percent(runs[2].testAccuracy))."
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
