import NeuralNet
import Nonlinearity
import RealModule
import Theory

/// `.variance` and `.depthSweep`: the back-propagated gradient norm layer by layer for each init and activation, and
/// the first-to-last ratio against depth, each next to the mean-field prediction (docs/theory.md §1, §4).
package enum InitProfiles {
  /// One (activation, init, depth) case, measured and predicted.
  package struct Profile: Sendable {
    /// φ.
    package var activation: Activation
    /// The init.
    package var choice: InitializerChoice
    /// Hidden layers.
    package var depth: Int
    /// σ_w² of the hidden layers: fan-in × Var[W].
    package var hiddenGain2: Double
    /// ‖∂L/∂h_l‖, l = 1…depth: the geometric mean over networks.
    package var gradientNorm: [Double]
    /// E‖g_l‖²/E‖g_L‖² from the mean-field recursion started at the batch's own q₁.
    package var predictedSquaredRatio: [Double]
    /// Var[log‖g_l‖] per layer at this width (the finite-width fluctuation, docs/theory.md §1).
    package var perLayerVariance: Double
    /// Networks averaged.
    package var networks: Int

    /// The tolerance of `measuredFactor` against `predictedFactor`: 3 standard errors of the fit.
    package var tolerance: Double {
      LogLinearFit.randomWalkSlopeTolerance(
        perStepVariance: perLayerVariance, points: depth, walks: networks)
    }

    /// The predicted norms, anchored at the measured top layer.
    package var predictedNorm: [Double] {
      MeanFieldPrediction.anchoredNorms(squaredRatios: predictedSquaredRatio, top: gradientNorm[depth - 1])
    }
    /// The measured per-layer factor (backward), fitted on log norms.
    package var measuredFactor: Double { MeanFieldPrediction.backwardFactor(gradientNorm) }
    /// The predicted per-layer factor, fitted the same way on the predicted profile.
    package var predictedFactor: Double { MeanFieldPrediction.backwardFactor(predictedNorm) }
    /// ‖g₁‖/‖g_L‖ measured.
    package var measuredRatio: Double { gradientNorm[0] / gradientNorm[depth - 1] }
    /// ‖g₁‖/‖g_L‖ predicted.
    package var predictedRatio: Double { predictedSquaredRatio[0].squareRoot() }
  }

  /// The depth at which a naive N(0, 1) net is measured: its ReLU and linear layers multiply the
  /// signal by √(width/2) or √width per layer and overflow Float32 within about 20 layers
  /// (lesson 1), so they are measured over 10 layers; tanh and sigmoid are bounded and keep `depth`.
  package static func measuredDepth(_ choice: InitializerChoice, _ activation: Activation, depth: Int) -> Int {
    choice == .naive && (activation == .relu || activation == .identity) ? Swift.min(depth, 10) : depth
  }

  /// Measures one case on `batch` over `networks` seeded networks.
  package static func measure(
    _ activation: Activation, _ choice: InitializerChoice, depth: Int, width: Int, weightStd: Double,
    batch: Dataset, networks: Int, seed: UInt64
  ) -> Profile {
    let initializer = choice.initializer(weightStd: weightStd)
    let profiles = (0..<networks).map { network in
      var rng = SeededGenerator(seed: seed, stream: "network \(network)")
      let model = MLP.make(
        inputs: batch.features, width: width, depth: depth, outputs: Digits.classes, activation: activation,
        initializer: initializer, bias: false, using: &rng)
      return model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
        .hiddenGradientNorms
    }
    let gain2 = MeanFieldPrediction.hiddenGain2(initializer, width: width)
    let q1 = MeanFieldPrediction.firstLayerVariances(
      batch, weightVariance: initializer.variance(fanIn: batch.features, fanOut: width))
    let theory = MeanField(activation, weightVariance: gain2)
    return Profile(
      activation: activation, choice: choice, depth: depth, hiddenGain2: gain2,
      gradientNorm: ProfileAverage.geometricMean(profiles),
      predictedSquaredRatio: theory.squaredGradientRatios(firstVariances: q1, layers: depth),
      perLayerVariance: MeanFieldPrediction.perLayerVariance(
        theory, firstVariance: q1[q1.count / 2], layers: depth, width: width),
      networks: networks)
  }

  /// Step `.variance`: every init × activation at the configured depth, one case per core at a time
  /// (`ParallelSweep`: each case seeds its own networks, so the results do not depend on the schedule).
  package static func byLayer(
    _ config: InitializationConfiguration, batch: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Profile] {
    let cases = config.activations.flatMap { activation in config.inits.map { (activation, $0) } }
    return ParallelSweep.map(cases.count, progress: progress) { index in
      let (activation, choice) = cases[index]
      return measure(
        activation, choice, depth: measuredDepth(choice, activation, depth: config.depth), width: config.width,
        weightStd: config.weightStd, batch: batch, networks: config.networksPerCase,
        seed: SeededGenerator.streamSeed(config.seed, "profiles \(activation) \(choice)"))
    }
  }

  /// The first-to-last ratio against depth for one activation and init.
  package struct DepthSweep: Sendable {
    /// φ.
    package var activation: Activation
    /// The init.
    package var choice: InitializerChoice
    /// The depths.
    package var depths: [Int]
    /// ‖g₁‖/‖g_L‖ measured at each depth.
    package var measuredRatio: [Double]
    /// ‖g₁‖/‖g_L‖ predicted at each depth.
    package var predictedRatio: [Double]
    /// Var[log‖g_l‖] per layer at the deepest depth (the finite-width fluctuation).
    package var perLayerVariance: Double

    /// The tolerance of `measuredFactor`: 3 standard errors of the fit across depths.
    package var tolerance: Double {
      MeanFieldPrediction.sweepTolerance(perLayerVariance: perLayerVariance, depths: depths)
    }

    /// The per-layer factor: exp of the least-squares slope of log ratio against (depth − 1).
    package var measuredFactor: Double { Self.factor(depths, measuredRatio) }
    /// The same fit on the predicted ratios.
    package var predictedFactor: Double { Self.factor(depths, predictedRatio) }

    static func factor(_ depths: [Int], _ ratios: [Double]) -> Double {
      LogLinearFit(x: depths.map { Double($0 - 1) }, y: ratios)?.factor ?? .nan
    }
  }

  /// The inits of the depth sweep: those of `.variance` except naive, which overflows before depth 20.
  package static func sweepInits(_ config: InitializationConfiguration) -> [InitializerChoice] {
    config.inits.filter { $0 != .naive }
  }

  /// Step `.depthSweep`: the ratio against depth for every swept init × activation, one network per depth
  /// (the fit across depths averages the networks' fluctuations); one network per core at a time.
  package static func depthSweep(
    _ config: InitializationConfiguration, batch: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [DepthSweep] {
    let cases = config.activations.flatMap { activation in sweepInits(config).map { (activation, $0) } }
    let depths = config.sweepDepths
    let profiles = ParallelSweep.grid(rows: cases.count, columns: depths.count, progress: progress) { row, column in
      let (activation, choice) = cases[row]
      let depth = depths[column]
      return measure(
        activation, choice, depth: depth, width: config.width, weightStd: config.weightStd, batch: batch,
        networks: 1, seed: SeededGenerator.streamSeed(config.seed, "depth sweep \(activation) \(choice) \(depth)"))
    }
    return zip(cases, profiles).map { pair, measured in
      DepthSweep(
        activation: pair.0, choice: pair.1, depths: depths, measuredRatio: measured.map(\.measuredRatio),
        predictedRatio: measured.map(\.predictedRatio), perLayerVariance: measured.last?.perLayerVariance ?? 0)
    }
  }
}
