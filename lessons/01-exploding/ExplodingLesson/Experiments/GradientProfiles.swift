import NeuralNet
import RealModule
import Theory

extension ExplodingExperiments {
  // MARK: - .profiles

  /// Back-propagated gradient norms by layer for one σ_w².
  package struct GradientProfile: Sendable {
    /// σ_w².
    package var gain2: Double
    /// exp(mean over networks of log ‖∂L/∂h_l‖), l = 1…depth.
    package var gradientNorm: [Double]
    /// exp(mean over networks of log ‖∂L/∂W_l‖), l = 1…depth.
    package var weightGradientNorm: [Double]
    /// The per-layer growth factor going backward, fitted by least squares on log norms.
    package var fittedBackwardFactor: Double
    /// ‖∂L/∂h_1‖ / ‖∂L/∂h_depth‖.
    package var firstToLastRatio: Double
  }

  /// Step `.profiles`: gradient norms by layer at initialization for each σ_w², averaged over networks, each
  /// (σ_w², network) a job of `ParallelSweep` with its own stream, named for its σ_w² and network
  /// (not its place in the list: adding a σ_w² moves no other); `progress` gets the nets done.
  package static func gradientProfiles(
    _ config: ExplodingConfiguration, gains2: [Double], digits: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [GradientProfile] {
    let batch = digits.subset(0..<Swift.min(config.measurementBatch, digits.count))
    let measured = ParallelSweep.grid(rows: gains2.count, columns: config.networksPerGain, progress: progress) {
      index, network in
      measure(config, gain2: gains2[index], stream: "profiles σ_w²=\(gains2[index]) \(network)", batch: batch)
    }
    return zip(gains2, measured).map { gain2, records in
      let g = ProfileAverage.geometricMean(records.map(\.hiddenGradientNorms))
      let w = ProfileAverage.geometricMean(
        records.map { $0.denseLayers.dropLast().map { $0.weightGradientNorm ?? .nan } })
      let fit = LogLinearFit(x: (1...config.depth).map(Double.init), y: g)
      return GradientProfile(
        gain2: gain2, gradientNorm: g, weightGradientNorm: w,
        fittedBackwardFactor: fit.map { 1 / $0.factor } ?? .nan, firstToLastRatio: g[0] / g[g.count - 1])
    }
  }
}

extension ExplodingExperiments {
  /// Exercise 1: the root-mean-square of ‖∂L/∂h₁‖/‖∂L/∂h_L‖ over `networks` nets at σ_w² = `gain2`.
  ///
  /// Going back one layer multiplies E‖∂L/∂h‖² by σ_w²·E[φ'²] (docs/theory.md §1), so
  /// E[(‖∂L/∂h₁‖/‖∂L/∂h_L‖)²] = (σ_w²·E[φ'²])^(L−1): the RMS is 1 at the critical σ_w². One net's
  /// ratio is no judge: its log has standard deviation about ½·√(5(L−1)/n) (Hanin 2018), 0.69 at
  /// L = 50 and n = 128, as wide as the exercise's band [0.5, 2]. Over 32 nets the RMS's log has a
  /// standard deviation of about 0.2 (the Fenton–Wilkinson estimate of `LogNormalMean`).
  package static func rootMeanSquareRatio(
    _ config: ExplodingConfiguration, gain2: Double, networks: Int, digits: Dataset
  )
    -> Double
  {
    let batch = digits.subset(0..<Swift.min(config.measurementBatch, digits.count))
    let squares = ParallelSweep.map(networks) { network in
      let norms = measure(config, gain2: gain2, stream: "ratio network \(network)", batch: batch).hiddenGradientNorms
      return Double.pow(norms[0] / norms[norms.count - 1], 2)
    }
    return (squares.reduce(0, +) / Double(networks)).squareRoot()
  }

  /// One net of `config`'s shape with weights N(0, `gain2`/fan_in) from `stream`, measured on `batch`.
  static func measure(_ config: ExplodingConfiguration, gain2: Double, stream: String, batch: Dataset)
    -> StepRecord
  {
    var rng = SeededGenerator(seed: config.seed, stream: stream)
    let model = MLP.make(
      inputs: batch.features, width: config.width, depth: config.depth, outputs: 10,
      activation: config.activation, initializer: .scaledNormal(gain2: gain2), bias: false, using: &rng)
    return model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
  }
}

extension [ExplodingExperiments.GradientProfile] {
  /// The profile measured at σ_w² = `gain2`, if that gain was among those measured.
  package func profile(gain2: Double) -> ExplodingExperiments.GradientProfile? {
    first { abs($0.gain2 - gain2) < 1e-9 }
  }
}
