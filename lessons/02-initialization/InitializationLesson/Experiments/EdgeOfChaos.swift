import NeuralNet
import RealModule
import Theory

/// Step `.edgeOfChaos`: the order-to-chaos transition of deep tanh nets with biases (Poole et al. 2016,
/// Schoenholz et al. 2017; docs/theory.md §4).
package enum EdgeOfChaos {
  /// The phase diagram: log10 of the gradient growth over `depth` layers, log10 χ₁^(depth/2),
  /// on a grid of σ_w² (columns) × σ_b² (rows).
  package struct PhaseDiagram: Sendable {
    /// σ_w² of each column.
    package var gains2: [Double]
    /// σ_b² of each row.
    package var biases2: [Double]
    /// log10 χ₁^(depth/2) per cell.
    package var values: [[Double]]
    /// The critical σ_w² for each row's σ_b² (χ₁ = 1).
    package var criticalGains2: [Double]
  }

  /// Computes the phase diagram for tanh, one row (σ_b²) per core at a time.
  package static func phaseDiagram(depth: Int, columns: Int, rows: Int) -> PhaseDiagram {
    let gains2 = (0..<columns).map { 0.5 + 3.5 * Double($0) / Double(columns - 1) }
    let biases2 = (0..<rows).map { 0.25 * Double($0) / Double(rows - 1) }
    let perRow = ParallelSweep.map(rows) { row in
      let b = biases2[row]
      let values = gains2.map { w in
        Double(depth) / 2 * Double.log10(MeanField(.tanh, weightVariance: w, biasVariance: b).chi1)
      }
      return (values: values, critical: MeanField.criticalWeightVariance(.tanh, biasVariance: b))
    }
    return PhaseDiagram(
      gains2: gains2, biases2: biases2, values: perRow.map(\.values), criticalGains2: perRow.map(\.critical))
  }

  /// A deep tanh net at one (σ_w², σ_b²), measured.
  package struct Point: Sendable {
    /// σ_w².
    package var gain2: Double
    /// σ_b².
    package var bias2: Double
    /// ‖∂L/∂h_l‖, l = 1…depth (geometric mean over networks).
    package var gradientNorm: [Double]
    /// The mean-field profile E‖g_l‖²/E‖g_L‖² from the batch's q₁.
    package var predictedSquaredRatio: [Double]
    /// χ₁ at the fixed point.
    package var chi1: Double
    /// The first layer of the fit: the layers below it are still converging to q*.
    package var fitFrom: Int
    /// The tolerance of `measuredFactor`: 3 standard errors of the fit at this width.
    package var tolerance: Double

    /// The measured per-layer norm factor over layers `fitFrom`…L.
    package var measuredFactor: Double { MeanFieldPrediction.backwardFactor(gradientNorm, from: fitFrom) }
    /// The prediction at the fixed point: √χ₁.
    package var predictedFactor: Double { chi1.squareRoot() }
    /// The mean-field profile anchored at the measured top.
    package var predictedNorm: [Double] {
      MeanFieldPrediction.anchoredNorms(squaredRatios: predictedSquaredRatio, top: gradientNorm.last ?? .nan)
    }
  }

  /// Measures deep tanh nets with weights N(0, σ_w²/n) and biases N(0, σ_b²) at each σ_w².
  package static func measure(
    _ config: InitializationConfiguration, gains2: [Double], depth: Int, batch: Dataset,
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Point] {
    let bias2 = config.biasVariance
    return ParallelSweep.map(gains2.count, progress: progress) { index in
      let gain2 = gains2[index]
      let profiles = (0..<config.networksPerCase).map { network in
        var rng = SeededGenerator(seed: config.seed, stream: "edge-of-chaos σ_w²=\(gain2) \(network)")
        let model = MLP.make(
          inputs: batch.features, width: config.width, depth: depth, outputs: Digits.classes, activation: .tanh,
          initializer: .scaledNormal(gain2: gain2), biasStd: bias2.squareRoot(), using: &rng)
        return model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
          .hiddenGradientNorms
      }
      let theory = MeanField(.tanh, weightVariance: gain2, biasVariance: bias2)
      let q1 = MeanFieldPrediction.firstLayerVariances(
        batch, weightVariance: gain2 / Double(batch.features), biasVariance: bias2)
      let fitFrom = Swift.max(1, depth / 5)
      let v = theory.logNormVariancePerLayer(theory.fixedPoint ?? 1, width: config.width)
      return Point(
        gain2: gain2, bias2: bias2, gradientNorm: ProfileAverage.geometricMean(profiles),
        predictedSquaredRatio: theory.squaredGradientRatios(firstVariances: q1, layers: depth), chi1: theory.chi1,
        fitFrom: fitFrom,
        tolerance: LogLinearFit.randomWalkSlopeTolerance(
          perStepVariance: v, points: depth - fitFrom + 1, walks: config.networksPerCase))
    }
  }
}
