import NeuralNet
import RealModule
import Theory

/// Step `.spectrum`: the singular values of a deep linear net's input-output Jacobian W_L⋯W_1 under Gaussian
/// and orthogonal init (Saxe et al. 2014; docs/theory.md §10).
package enum JacobianSpectrum {
  /// The squared singular values of products of `layers` matrices, pooled over trials.
  package struct Product: Sendable {
    /// L.
    package var layers: Int
    /// Orthogonal (true) or Gaussian N(0, 1/N).
    package var orthogonal: Bool
    /// Every squared singular value of every trial.
    package var squaredSingularValues: [Double]
    /// The largest squared singular value of each trial, averaged.
    package var meanLargest: Double

    /// The mean of the squared singular values (1 in theory for both).
    package var mean: Double { squaredSingularValues.reduce(0, +) / Double(squaredSingularValues.count) }
    /// Their variance (L for Gaussian, 0 for orthogonal).
    package var variance: Double {
      let m = mean
      return squaredSingularValues.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(squaredSingularValues.count)
    }
    /// The p-quantile of the pooled squared singular values.
    package func quantile(_ p: Double) -> Double {
      let sorted = squaredSingularValues.sorted()
      guard !sorted.isEmpty else { return .nan }
      return sorted[Swift.min(sorted.count - 1, Int(p * Double(sorted.count)))]
    }
    /// The largest deviation |s² − 1| over all values.
    package var maxDeviationFromOne: Double { squaredSingularValues.map { abs($0 - 1) }.max() ?? .nan }
  }

  /// The depths measured.
  package static let depths = [1, 2, 5, 10]

  /// Products of L = 1, 2, 5, 10 square matrices of size `width`, `trials` each, both inits (each
  /// init and depth a job of `ParallelSweep`, with its own random stream); `progress` gets the
  /// jobs done.
  package static func run(
    width: Int, trials: Int, seed: UInt64, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Product] {
    ParallelSweep.grid(rows: 2, columns: depths.count, progress: progress) { row, column in
      let (orthogonal, layers) = (row == 1, depths[column])
      var rng = SeededGenerator(seed: seed, stream: "spectrum \(layers) \(orthogonal ? "orthogonal" : "gaussian")")
      let initializer: Initializer = orthogonal ? .orthogonal(gain: 1) : .lecunNormal
      var values: [Double] = []
      var largest = 0.0
      for _ in 0..<trials {
        var product = initializer.makeWeights(fanOut: width, fanIn: width, using: &rng)
        for _ in 1..<layers {
          product = Tensor.matmul(initializer.makeWeights(fanOut: width, fanIn: width, using: &rng), product)
        }
        let s = (product.singularValues() ?? []).map { $0 * $0 }
        values += s
        largest += (s.first ?? .nan) / Double(trials)
      }
      return Product(layers: layers, orthogonal: orthogonal, squaredSingularValues: values, meanLargest: largest)
    }.flatMap { $0 }
  }

  /// A density histogram of `values` on [0, upper] with `bins` bins: (left edges, densities).
  package static func histogram(_ values: [Double], upper: Double, bins: Int) -> (edges: [Double], density: [Double]) {
    let width = upper / Double(bins)
    var counts = [Double](repeating: 0, count: bins)
    for v in values where v >= 0 && v < upper { counts[Swift.min(bins - 1, Int(v / width))] += 1 }
    let total = Double(values.count) * width
    return ((0..<bins).map { Double($0) * width }, counts.map { $0 / total })
  }
}
