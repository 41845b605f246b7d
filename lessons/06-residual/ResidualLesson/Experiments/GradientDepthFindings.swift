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
