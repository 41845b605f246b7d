import NeuralNet
import RealModule
import Theory

/// Step `.noise`: the noise of the mini-batch gradient against the batch size, at one parameter point:
/// E‖g_B − ḡ‖² measured over many mini-batches drawn without replacement, against
/// ((n − B)/(n − 1))·tr Σ/B (docs/theory.md §7).
package enum GradientNoise {
  /// The measurement at each batch size.
  package struct Result: Sendable {
    /// n, the training-set size.
    package var examples: Int
    /// tr Σ: the trace of the per-example gradient covariance (with 1/n).
    package var traceCovariance: Double
    /// The batch sizes.
    package var batchSizes: [Int]
    /// ‖g_B − ḡ‖² over the draws, per batch size: its mean, standard error and t band.
    package var samples: [SampleMean]

    /// Mean of ‖g_B − ḡ‖² over the draws, per batch size.
    package var measured: [Double] { samples.map(\.mean) }
    /// Its standard error, per batch size.
    package var standardError: [Double] { samples.map(\.standardError) }

    /// The theory, per batch size.
    package var predicted: [Double] {
      batchSizes.map {
        GradientDescentTheory.miniBatchNoise(traceCovariance: traceCovariance, examples: examples, batchSize: $0)
      }
    }
  }

  /// The batch sizes measured: powers of two up to n, and n.
  package static func batchSizes(examples n: Int) -> [Int] {
    var sizes: [Int] = []
    var b = 1
    while b < n {
      sizes.append(b)
      b *= 2
    }
    return sizes + [n]
  }

  /// Measures the noise at the initial parameters of the step-1 model.
  package static func run(_ config: BatchGDConfiguration, train: Dataset, progress: ((Int) -> Void)? = nil) -> Result {
    let model = config.makeModel(seed: SeededGenerator.streamSeed(config.seed, "weights"))
    let loss = SoftmaxCrossEntropy()
    let n = train.count
    let mean = model.lossAndGradient(input: train.inputs, targets: train.targets, loss: loss).gradient
    // tr Σ from every example's own gradient (one backward pass each).
    var trace = 0.0
    for i in 0..<n {
      let g = model.lossAndGradient(
        input: train.inputs.gatheringRows([i]), targets: train.targets.gathering([i]), loss: loss
      ).gradient
      trace += zip(g, mean).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
    }
    trace /= Double(n)
    progress?(1)
    var rng = SeededGenerator(seed: config.seed, stream: "noise batches")
    let sizes = batchSizes(examples: n)
    var samples: [SampleMean] = []
    for (index, b) in sizes.enumerated() {
      let draws = b == n ? 1 : config.noiseDraws
      var values: [Double] = []
      for _ in 0..<draws {
        let indices = Array(Array(0..<n).shuffled(using: &rng).prefix(b))
        let g = model.lossAndGradient(
          input: train.inputs.gatheringRows(indices), targets: train.targets.gathering(indices), loss: loss
        ).gradient
        values.append(zip(g, mean).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
      }
      samples.append(SampleMean(values))
      progress?(index + 2)
    }
    return Result(examples: n, traceCovariance: trace, batchSizes: sizes, samples: samples)
  }
}
