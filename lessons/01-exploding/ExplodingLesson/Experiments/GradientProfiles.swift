import NeuralNet
import RealModule
import Theory

extension ExplodingExperiments {
  // MARK: - Step 3: gradient norm by layer for several σ_w²

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

  /// Step 3: gradient norms by layer at initialization for each σ_w², averaged over networks.
  package static func gradientProfiles(
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
}

extension [ExplodingExperiments.GradientProfile] {
  /// The profile measured at σ_w² = `gain2`, if that gain was among those measured.
  package func profile(gain2: Double) -> ExplodingExperiments.GradientProfile? {
    first { abs($0.gain2 - gain2) < 1e-9 }
  }
}
