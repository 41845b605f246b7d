import NeuralNet
import RealModule
import Theory

/// What `.gradientsByDepth` measured: for each architecture and depth, ‖∂L/∂W_first‖/‖∂L/∂W_last‖ per network.
package struct GradientDepthFindings: Sendable {
  /// The architectures, in table order.
  package var architectures: [Architecture]
  /// The depths (weight layers).
  package var depths: [Int]
  /// `ratios[a][d]`: one ratio per network.
  package var ratios: [[[Double]]]

  /// Measures the ratio at init for every architecture, depth and network (network n's weights
  /// drawn from the stream "network n" of `seed`, the same for every architecture and depth) on
  /// one `batch`, with the softmax cross-entropy; `progress` gets the networks done.
  package static func measure(
    _ architectures: [Architecture], depths: [Int], networks: Int, width: Int, batch: Dataset, seed: UInt64,
    progress: ((Int) -> Void)? = nil
  ) -> GradientDepthFindings {
    var done = 0
    let ratios = architectures.map { architecture in
      depths.map { depth in
        (0..<networks).map { n in
          let model = architecture.make(
            depth: depth, width: width, seed: SeededGenerator.streamSeed(seed, "network \(n)"))
          let record = model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
          done += 1
          progress?(done)
          let dense = record.layers.compactMap(\.weightGradientNorm)
          return (dense.first ?? .nan) / (dense.last ?? .nan)
        }
      }
    }
    return GradientDepthFindings(architectures: architectures, depths: depths, ratios: ratios)
  }

  /// The geometric mean ratio of architecture `a` at depth index `d`.
  package func geometricMean(_ a: Int, _ d: Int) -> Double {
    let logs = ratios[a][d].map { Double.log10($0) }
    return Double.pow(10, logs.reduce(0, +) / Double(logs.count))
  }

  /// The standard deviation of log₁₀ ratio over the networks.
  package func logSpread(_ a: Int, _ d: Int) -> Double {
    SampleMean(ratios[a][d].map { Double.log10($0) }).standardDeviation
  }
}
