import NeuralNet

/// Step `.deepNetwork`'s experiment: deep ReLU MLPs on the digits trained with and without clipping, and how
/// clipping rescales the vanishing net's first gradient (all layers alike).
package enum DeepNetwork {
  /// One run to make.
  package struct Plan: Sendable {
    /// A short name for tables and charts.
    package var name: String
    /// Hidden layers.
    package var depth: Int
    /// The weights' init (same seed for every plan).
    package var initializer: Initializer
    /// The SGD step size η.
    package var learningRate: Double
    /// The clipping applied before each update.
    package var clipping: GradientClipping
  }

  /// Trains each plan's MLP (width `width`, ReLU, mini-batches of 32 in one order drawn from
  /// `seed`) for `steps` SGD steps, one plan per core (`ParallelSweep`); `progress` gets the plans
  /// done.
  package static func train(
    _ plans: [Plan], width: Int, steps: Int, seed: UInt64, train: Dataset, test: Dataset,
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> [DeepNetworkRun] {
    ParallelSweep.map(plans.count, progress: progress) { i in
      let plan = plans[i]
      var rng = SeededGenerator(seed: seed)
      let model = MLP.make(
        inputs: Digits.pixels, width: width, depth: plan.depth, outputs: Digits.classes, activation: .relu,
        initializer: plan.initializer, using: &rng)
      let recipe = TrainingRecipe(
        learningRate: plan.learningRate, steps: steps, batchSize: 32,
        batchSeed: SeededGenerator.streamSeed(seed, "batches"),
        clipping: plan.clipping)
      let trained = recipe.train(model, on: train, test: test)
      return DeepNetworkRun(
        name: plan.name, clipping: plan.clipping, history: trained.history, testAccuracy: trained.testAccuracy)
    }
  }

  /// The first step of the Xavier net of `depth` layers, clipped to a tenth of its own norm so
  /// that clipping surely fires: the first layer's weight-gradient norm over the last one's,
  /// before and after. Clipping by the global norm scales every layer alike, so the two are equal.
  package static func firstStepLayerRatio(width: Int, depth: Int, seed: UInt64, train: Dataset) -> (
    unclipped: Double, clipped: Double
  ) {
    var rng = SeededGenerator(seed: seed)
    let probe = MLP.make(
      inputs: Digits.pixels, width: width, depth: depth, outputs: Digits.classes, activation: .relu,
      initializer: .xavierNormal, using: &rng)
    var sampler = BatchSampler(count: train.count, batchSize: 32, seed: SeededGenerator.streamSeed(seed, "batches"))
    let indices = sampler.next()
    let first = probe.measureGradients(
      input: train.inputs.gatheringRows(indices), targets: train.targets.gathering(indices),
      loss: SoftmaxCrossEntropy())
    let weights = probe.parameters.filter { $0.name == "weight" }
    func layerRatio() -> Double { weights[0].gradient.norm() / weights[weights.count - 1].gradient.norm() }
    let before = layerRatio()
    GradientClipping.norm(first.globalGradientNorm / 10).apply(to: probe.parameters)
    return (before, layerRatio())
  }
}

/// One training run of `.deepNetwork`.
package struct DeepNetworkRun: Sendable {
  /// A short name.
  package var name: String
  /// The clipping used.
  package var clipping: GradientClipping
  /// What the run measured.
  package var history: TrainingHistory
  /// Test accuracy (NaN when the run stopped on a non-finite value).
  package var testAccuracy: Double
}

/// What `.deepNetwork` measured, for the claims and tests.
package struct DeepNetworkFindings: Sendable {
  /// The runs: too-large η without and with clipping, a sane η, then the vanishing net without and
  /// with clipping.
  package var runs: [DeepNetworkRun]
  /// ‖∂L/∂W₁‖/‖∂L/∂W_L‖ of the vanishing net's first step, before and after clipping it to a
  /// tenth of its norm.
  package var layerRatio: (unclipped: Double, clipped: Double)

  /// A run by position: 0 too-large η, 1 clipped, 2 sane η, 3 vanishing, 4 vanishing clipped.
  package subscript(_ i: Int) -> DeepNetworkRun { runs[i] }
}
