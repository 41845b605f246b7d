import NeuralNet
import RealModule
import Theory

extension ExplodingExperiments {
  // MARK: - .products

  /// Norms of v_l = W_l ⋯ W_1 v_0 for W with i.i.d. N(0, s²/n) entries, averaged over trials in log.
  package struct ProductResult: Sendable {
    /// The scale s.
    package var scale: Double
    /// exp(mean over trials of log(‖v_l‖/‖v_0‖)), for l = 0…depth.
    package var geometricMeanRatio: [Double]
    /// The per-layer factor fitted by least squares on the log ratios.
    package var fittedFactor: Double
  }

  /// Step `.products`: `trials` independent products of `depth` Gaussian matrices for each scale, one scale
  /// per core at a time (`ParallelSweep`: each scale draws from its own stream, named for the
  /// scale, not its place in the list); `progress` gets
  /// the scales done.
  package static func randomProducts(
    scales: [Double], depth: Int, width: Int, trials: Int, seed: UInt64,
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> [ProductResult] {
    ParallelSweep.map(scales.count, progress: progress) { index in
      let scale = scales[index]
      var rng = SeededGenerator(seed: seed, stream: "products scale=\(scale)")
      var logSums = [Double](repeating: 0, count: depth + 1)
      for _ in 0..<trials {
        var v = Tensor(shape: [width, 1], scalars: rng.gaussians(count: width, scale: 1))
        let logNorm0 = Double.log(v.norm())
        for l in 1...depth {
          let w = Initializer.normal(std: scale / Double(width).squareRoot())
            .makeWeights(fanOut: width, fanIn: width, using: &rng)
          v = Tensor.matmul(w, v)
          logSums[l] += Double.log(v.norm()) - logNorm0
        }
      }
      let meanLogs = logSums.map { $0 / Double(trials) }
      let fit = LogLinearFit(x: (0...depth).map(Double.init), y: meanLogs.map { Double.exp($0) })
      return ProductResult(
        scale: scale, geometricMeanRatio: meanLogs.map { Double.exp($0) }, fittedFactor: fit?.factor ?? .nan)
    }
  }
}
