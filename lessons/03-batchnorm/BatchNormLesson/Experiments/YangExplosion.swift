import NeuralNet
import Nonlinearity
import RealModule
import Theory

/// Step `.yang`: the gradient explosion at initialization of deep batch-normalized nets without skip
/// connections (Yang et al. 2019, Theorem 8; docs/theory.md §5), measured for several batch sizes.
package enum YangExplosion {
  /// One (φ, B) case.
  package struct Measurement: Sendable {
    /// φ: ReLU or linear.
    package var activation: Activation
    /// The batch size B.
    package var batchSize: Int
    /// ‖∂L/∂h_l‖ at each hidden layer's pre-normalization h = Wx (geometric mean over networks).
    package var gradientNorm: [Double]
    /// The layers of the fit (the bulk, away from the input and the readout).
    package var fitLayers: ClosedRange<Int>
    /// λ(B) from Theorem 8.
    package var predicted: Double
    /// λ fitted on each network alone.
    package var perNetwork: [Double]

    /// The relative tolerance of `measured`: the t band of the mean of the per-network fits
    /// (`SampleMean.relativeTolerance`; their spread is the finite-width noise of this very run), at
    /// least 3%.
    package var tolerance: Double {
      let sample = SampleMean(perNetwork)
      return sample.relativeTolerance(around: sample.mean, floor: 0.03)
    }

    /// The measured per-layer growth of the SQUARED gradient norm going backward, fitted on logs
    /// of the geometric-mean profile.
    package var measured: Double { YangExplosion.squaredGrowth(gradientNorm, layers: fitLayers) }
  }

  /// The backward growth per layer of ‖g_l‖², fitted over `layers` (1-based).
  static func squaredGrowth(_ norms: [Double], layers: ClosedRange<Int>) -> Double {
    let fit = LogLinearFit(x: layers.map(Double.init), y: layers.map { norms[$0 - 1] * norms[$0 - 1] })
    return fit.map { 1 / $0.factor } ?? .nan
  }

  /// The layers fitted at `depth`: from depth/5 to 4·depth/5.
  package static func fitLayers(depth: Int) -> ClosedRange<Int> {
    Swift.max(1, depth / 5)...Swift.max(2, depth * 4 / 5)
  }

  /// Measures a deep BN net at initialization on one batch of `batchSize` digits per network.
  package static func measure(
    _ activation: Activation, batchSize: Int, depth: Int, width: Int, networks: Int,
    settings: BatchNorm.Settings = .standard,
    data: Dataset, seed: UInt64
  ) -> Measurement {
    let profiles = (0..<networks).map { network in
      var rng = SeededGenerator(seed: seed, stream: "network \(network)")
      let model = MLP.make(
        inputs: data.features, width: width, depth: depth, outputs: Digits.classes, activation: activation,
        initializer: .heNormal, batchNorm: settings, using: &rng)
      let start = (network * batchSize) % Swift.max(1, data.count - batchSize)
      let batch = data.subset(start..<(start + batchSize))
      return model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
        .hiddenGradientNorms
    }
    let phi = activation
    return Measurement(
      activation: activation, batchSize: batchSize, gradientNorm: ProfileAverage.geometricMean(profiles),
      fitLayers: fitLayers(depth: depth), predicted: BatchNormTheory.gradientGrowth(phi, batchSize: batchSize),
      perNetwork: profiles.map { squaredGrowth($0, layers: fitLayers(depth: depth)) })
  }
}
