import NeuralNet
import RealModule
import Theory

/// Step `.finiteWidth`: at finite width, He init preserves the gradient norm only on average; the log of the
/// norm random-walks across layers, with variance 5·d/n after d layers (docs/theory.md §1).
package enum FiniteWidth {
  /// Many seeds' per-layer gradient norms for one example.
  package struct Result: Sendable {
    /// Hidden layers.
    package var depth: Int
    /// Width n.
    package var width: Int
    /// log(‖g_l‖²/‖g_L‖²), l = 1…depth, one array per seed.
    package var logSquaredRatios: [[Double]]

    /// The mean over seeds of log(‖g_l‖²/‖g_L‖²), per layer.
    package var meanLog: [Double] {
      (0..<depth).map { l in logSquaredRatios.map { $0[l] }.reduce(0, +) / Double(logSquaredRatios.count) }
    }
    /// The variance over seeds of log(‖g_l‖²/‖g_L‖²), per layer (unbiased).
    package var varianceLog: [Double] {
      let means = meanLog
      let s = Double(logSquaredRatios.count)
      return (0..<depth).map { l in
        logSquaredRatios.map { ($0[l] - means[l]) * ($0[l] - means[l]) }.reduce(0, +) / (s - 1)
      }
    }
    /// The mean over seeds of ‖g₁‖²/‖g_L‖² itself (1 in theory: preserved on average).
    package var meanSquaredRatio: Double {
      logSquaredRatios.map { Double.exp($0[0]) }.reduce(0, +) / Double(logSquaredRatios.count)
    }

    /// The theory for layer l: mean −5d/(2n) and variance 5d/n of the log, d = L − l layers below the top.
    package func predicted(layer l: Int) -> (mean: Double, variance: Double) {
      let m = PlainNetworkTheory.logSquaredNormMoments(.relu, gain2: 2, depth: depth - l, width: width)
      return (m.mean, m.variance)
    }
  }

  /// `seeds` He-initialized ReLU nets, each measured on the same single digit, one per core
  /// (`ParallelSweep`); `progress` gets the nets done.
  package static func run(
    depth: Int, width: Int, seeds: Int, example: Dataset, seed: UInt64, progress: (@Sendable (Int) -> Void)? = nil
  ) -> Result {
    precondition(example.count == 1, "the finite-width study follows one example")
    let ratios = ParallelSweep.map(seeds, progress: progress) { s in
      var rng = SeededGenerator(seed: seed, stream: "finite-width \(s)")
      let model = MLP.make(
        inputs: example.features, width: width, depth: depth, outputs: Digits.classes, activation: .relu,
        initializer: .heNormal, bias: false, using: &rng)
      let record = model.measureGradients(input: example.inputs, targets: example.targets, loss: SoftmaxCrossEntropy())
      let norms = record.denseLayers.dropLast().map(\.outputGradientNorm)
      let top = norms[depth - 1]
      return norms.map { 2 * Double.log($0 / top) }
    }
    return Result(depth: depth, width: width, logSquaredRatios: ratios)
  }
}
