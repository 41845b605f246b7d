import RealModule
import NeuralNet
import Notebook
import Theory

/// The experiments of lesson 1, as plain functions of the configuration: the notebook shows their
/// results, the tests hold them to the theory, and the exercises re-run them.
public enum ExplodingExperiments {
  // MARK: - Step 1: products of random matrices

  /// Norms of v_l = W_l ⋯ W_1 v_0 for W with i.i.d. N(0, s²/n) entries, averaged over trials in log.
  public struct ProductResult: Sendable {
    /// The scale s.
    public var scale: Double
    /// exp(mean over trials of log(‖v_l‖/‖v_0‖)), for l = 0…depth.
    public var geometricMeanRatio: [Double]
    /// The per-layer factor fitted by least squares on the log ratios.
    public var fittedFactor: Double
  }

  /// Step 1: `trials` independent products of `depth` Gaussian matrices for each scale.
  public static func randomProducts(
    scales: [Double], depth: Int, width: Int, trials: Int, seed: UInt64,
    progress: ((Int) -> Void)? = nil
  ) -> [ProductResult] {
    var results: [ProductResult] = []
    var done = 0
    for (index, scale) in scales.enumerated() {
      var rng = SeededGenerator(seed: seed &+ 1_000 &+ UInt64(index))
      var logSums = [Double](repeating: 0, count: depth + 1)
      for _ in 0..<trials {
        var v = Tensor(shape: [width, 1], scalars: (0..<width).map { _ in Float(rng.nextGaussian()) })
        let logNorm0 = Double.log(v.norm())
        for l in 1...depth {
          let w = Initializer.normal(std: scale / Double(width).squareRoot())
            .makeWeights(fanOut: width, fanIn: width, using: &rng)
          v = Tensor.matmul(w, v)
          logSums[l] += Double.log(v.norm()) - logNorm0
        }
        done += 1
        progress?(done)
      }
      let meanLogs = logSums.map { $0 / Double(trials) }
      let fit = LogLinearFit(x: (0...depth).map(Double.init), y: meanLogs.map { Double.exp($0) })
      results.append(
        ProductResult(
          scale: scale, geometricMeanRatio: meanLogs.map { Double.exp($0) },
          fittedFactor: fit?.factor ?? .nan))
    }
    return results
  }

  // MARK: - Step 2: the naive network overflows Float32

  /// The forward pass of a net with unscaled N(0, 1) weights.
  public struct OverflowResult: Sendable {
    /// E[h_l²] of the pre-activations of hidden layer l = 1…depth (Inf/NaN once overflowed).
    public var meanSquare: [Double]
    /// The hidden layer (from 1) whose output first held a NaN or Inf, nil if none did.
    public var firstNonFiniteLayer: Int?
    /// The first layer whose E[h²] exceeds Float32's largest value.
    public var firstLayerMeanSquareAboveFloatMax: Int?
    /// The mean of ‖x₀‖² over the batch: E[h₁²] under N(0, 1) weights.
    public var inputSquaredNorm: Double
    /// The per-layer growth of E[h²] fitted over the finite layers ≥ 2.
    public var fittedGrowth: Double
    /// Values per layer (batch × width), for the prediction of the largest value.
    public var valuesPerLayer: Int
    /// What the engine recorded as the first non-finite value.
    public var event: NonFiniteEvent?
  }

  /// Step 2: one instrumented pass through a naive N(0, 1) network on a batch of digits.
  public static func naiveForward(_ config: ExplodingConfiguration, digits: Dataset) -> OverflowResult {
    var rng = SeededGenerator(seed: config.seed &+ 2_000)
    let model = MLP.make(
      inputs: digits.features, width: config.width, depth: config.depth, outputs: 10,
      activation: config.activation, initializer: .naive, bias: false, using: &rng)
    let batch = digits.subset(0..<Swift.min(config.measurementBatch, digits.count))
    let record = model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
    let dense = record.denseLayers.dropLast()  // hidden layers only
    let meanSquare = dense.map { $0.output.meanSquare }
    let inputSquaredNorm = batch.inputs.sumOfSquares() / Double(batch.count)
    let above = meanSquare.firstIndex { !$0.isFinite || $0 > Double(Float.greatestFiniteMagnitude) }
    var firstNonFinite: Int?
    if let event = record.nonFinite, let layer = event.layer {
      firstNonFinite = layer / 2 + 1  // layers alternate Dense, activation
    }
    let finiteLayers = (1..<meanSquare.count).filter { meanSquare[$0].isFinite }
    let fit = LogLinearFit(x: finiteLayers.map { Double($0 + 1) }, y: finiteLayers.map { meanSquare[$0] })
    return OverflowResult(
      meanSquare: meanSquare, firstNonFiniteLayer: firstNonFinite,
      firstLayerMeanSquareAboveFloatMax: above.map { $0 + 1 }, inputSquaredNorm: inputSquaredNorm,
      fittedGrowth: fit?.factor ?? .nan, valuesPerLayer: batch.count * config.width, event: record.nonFinite)
  }

  /// The predictions for step 2: growth of E[h²] per layer, and the two overflow layers.
  public static func naivePrediction(_ config: ExplodingConfiguration, inputSquaredNorm: Double, valuesPerLayer: Int)
    -> (growth: Double, meanSquareLayer: Int, valueLayer: Int)
  {
    // Naive weights: σ_w² = fan_in, so layers ≥ 2 multiply E[h²] by width·E[φ(h)²]/E[h²].
    let growth = PlainNetworkTheory.squaredGrowthPerLayer(config.nonlinearity, gain2: Double(config.width))
    return (
      growth,
      Float32Overflow.firstLayerWithOverflowingMeanSquare(initialMeanSquare: inputSquaredNorm, growth: growth),
      Float32Overflow.firstLayerWithOverflowingValue(
        initialMeanSquare: inputSquaredNorm, growth: growth, valuesPerLayer: valuesPerLayer)
    )
  }

  // MARK: - Step 3: gradient norm by layer for several σ_w²

  /// Back-propagated gradient norms by layer for one σ_w².
  public struct GradientProfile: Sendable {
    /// σ_w².
    public var gain2: Double
    /// exp(mean over networks of log ‖∂L/∂h_l‖), l = 1…depth.
    public var gradientNorm: [Double]
    /// exp(mean over networks of log ‖∂L/∂W_l‖), l = 1…depth.
    public var weightGradientNorm: [Double]
    /// The per-layer growth factor going backward, fitted by least squares on log norms.
    public var fittedBackwardFactor: Double
    /// ‖∂L/∂h_1‖ / ‖∂L/∂h_depth‖.
    public var firstToLastRatio: Double
  }

  /// Step 3: gradient norms by layer at initialization for each σ_w², averaged over networks.
  public static func gradientProfiles(
    _ config: ExplodingConfiguration, gains2: [Double], digits: Dataset, progress: ((Int) -> Void)? = nil
  ) -> [GradientProfile] {
    let batch = digits.subset(0..<Swift.min(config.measurementBatch, digits.count))
    var done = 0
    return gains2.enumerated().map { index, gain2 in
      let records = (0..<config.networksPerGain).map { network in
        var rng = SeededGenerator(seed: config.seed &+ 3_000 &+ UInt64(index * 100 + network))
        let model = MLP.make(
          inputs: digits.features, width: config.width, depth: config.depth, outputs: 10,
          activation: config.activation, initializer: .scaledNormal(gain2: gain2), bias: false, using: &rng)
        let record = model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
        done += 1
        progress?(done)
        return record
      }
      let g = ProfileAverage.geometricMean(records.map(\.hiddenGradientNorms))
      let w = ProfileAverage.geometricMean(
        records.map { $0.denseLayers.dropLast().map { $0.weightGradientNorm ?? .nan } })
      let fit = LogLinearFit(x: (1...config.depth).map(Double.init), y: g)
      return GradientProfile(
        gain2: gain2, gradientNorm: g, weightGradientNorm: w,
        fittedBackwardFactor: fit.map { 1 / $0.factor } ?? .nan, firstToLastRatio: g[0] / g[g.count - 1])
    }
  }

  // MARK: - Step 4: training

  /// One training run and its test accuracy.
  public struct TrainingResult: Sendable {
    /// The run's name.
    public var name: String
    /// The initializer.
    public var initializer: Initializer
    /// Every step's record.
    public var history: TrainingHistory
    /// Accuracy on the held-out digits after training (NaN if training stopped on a non-finite value).
    public var testAccuracy: Double
  }

  /// Step 4: the exploding init and the fix, trained with the same seed and the same batch order.
  public static func training(
    _ config: ExplodingConfiguration, train: Dataset, test: Dataset, progress: ((Int) -> Void)? = nil
  ) -> [TrainingResult] {
    let runs: [(String, Initializer)] = [
      ("σ_w² = \(Format.number(config.gain2))", .scaledNormal(gain2: config.gain2)),
      (config.fix.rawValue, config.fix.initializer(weightStd: config.weightStd)),
    ]
    var offset = 0
    return runs.map { name, initializer in
      var rng = SeededGenerator(seed: config.seed &+ 4_000)
      let model = MLP.make(
        inputs: train.features, width: config.width, depth: config.depth, outputs: 10,
        activation: config.activation, initializer: initializer, using: &rng)
      let history = Trainer.train(
        model, on: train, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: Float(config.learningRate)),
        steps: config.steps, batchSize: config.batchSize, batchSeed: config.seed &+ 4_001, clipping: config.clipping,
        progress: { progress?(offset + $0) })
      offset += config.steps
      let accuracy = history.nonFinite == nil ? test.accuracy(of: model) : .nan
      return TrainingResult(name: name, initializer: initializer, history: history, testAccuracy: accuracy)
    }
  }

  /// The two training runs of step 4 (the exploding one, then the fix) repeated over seeds
  /// (weights and batch order; the data split stays the lesson's).
  public typealias TrainingOverSeeds = SeedRuns<TrainingResult>

  /// Step 4 over `config.trainingSeeds` seeds, one seed per core (`ParallelSweep`); `progress`
  /// gets the number of seeds done.
  public static func trainingOverSeeds(
    _ config: ExplodingConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> TrainingOverSeeds {
    let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
    let perSeed = ParallelSweep.map(seeds.count, progress: progress) { index in
      var seeded = config
      seeded.seed = seeds[index]
      return training(seeded, train: train, test: test)
    }
    return TrainingOverSeeds(seeds: seeds, perSeed: perSeed)
  }

  /// The digits data split 80/20 by the seed (the split every lesson shares).
  public static func digitsSplit(seed: UInt64) throws -> (train: Dataset, test: Dataset) {
    try Digits.trainTestSplit(seed: seed)
  }
}

extension SeedRuns where Run == ExplodingExperiments.TrainingResult {
  /// On how many seeds run `index` (0 exploding, 1 the fix) went non-finite.
  public func nonFiniteCount(_ index: Int) -> Int { count(index) { $0.history.nonFinite != nil } }
}

extension [ExplodingExperiments.GradientProfile] {
  /// The profile measured at σ_w² = `gain2`, if that gain was among those measured.
  public func profile(gain2: Double) -> ExplodingExperiments.GradientProfile? {
    first { abs($0.gain2 - gain2) < 1e-9 }
  }
}
