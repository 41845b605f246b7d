import NeuralNet
import RealModule
import Theory

extension ExplodingExperiments {
  // MARK: - .naive

  /// The forward pass of a net with unscaled N(0, 1) weights.
  package struct OverflowResult: Sendable {
    /// E[h_l²] of the pre-activations of hidden layer l = 1…depth (Inf/NaN once overflowed).
    package var meanSquare: [Double]
    /// The hidden layer (from 1) whose output first held a NaN or Inf, nil if none did.
    package var firstNonFiniteLayer: Int?
    /// The first layer whose E[h²] exceeds Float32's largest value.
    package var firstLayerMeanSquareAboveFloatMax: Int?
    /// The mean of ‖x₀‖² over the batch: E[h₁²] under N(0, 1) weights.
    package var inputSquaredNorm: Double
    /// The per-layer growth of E[h²] fitted over the finite layers ≥ 2.
    package var fittedGrowth: Double
    /// The factor t of the band [g/t, g·t] the fitted growth is held to: log E[h_l²] random-walks
    /// across layers, so t comes from the measured variance of its per-layer steps
    /// (`LogLinearFit.randomWalkFactorTolerance`).
    package var growthTolerance: Double
    /// Values per layer (batch × width), for the prediction of the largest value.
    package var valuesPerLayer: Int
    /// What the engine recorded as the first non-finite value.
    package var event: NonFiniteEvent?
  }

  /// Step `.naive`: one instrumented pass through a naive N(0, 1) network on a batch of digits.
  package static func naiveForward(_ config: ExplodingConfiguration, digits: Dataset) -> OverflowResult {
    var rng = SeededGenerator(seed: config.seed, stream: "naive forward")
    let model = MLP.make(
      inputs: digits.features, width: config.width, depth: config.depth, outputs: 10,
      activation: config.activation, initializer: .naive, bias: false, using: &rng)
    let batch = digits.subset(0..<Swift.min(config.measurementBatch, digits.count))
    let record = model.measureGradients(input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy())
    let dense = record.denseLayers.dropLast()  // hidden layers only
    let meanSquare = dense.map { $0.output.meanSquare }
    let inputSquaredNorm = batch.inputs.sumOfSquares() / Double(batch.count)
    let above = meanSquare.firstIndex { !$0.isFinite || $0 > Double(Float.greatestFiniteMagnitude) }
    var firstNonFinite: Int?
    if let event = record.nonFinite, let layer = event.layer {
      firstNonFinite = model.denseLayerNumber(atOrAfter: layer)
    }
    let finiteLayers = (1..<meanSquare.count).filter { meanSquare[$0].isFinite }
    let fit = LogLinearFit(x: finiteLayers.map { Double($0 + 1) }, y: finiteLayers.map { meanSquare[$0] })
    let stepVariance = LogLinearFit.incrementVariance(of: Array(meanSquare.dropFirst()))
    let tolerance = stepVariance.map {
      LogLinearFit.randomWalkFactorTolerance(perStepVariance: $0, points: finiteLayers.count)
    }
    return OverflowResult(
      meanSquare: meanSquare, firstNonFiniteLayer: firstNonFinite,
      firstLayerMeanSquareAboveFloatMax: above.map { $0 + 1 }, inputSquaredNorm: inputSquaredNorm,
      fittedGrowth: fit?.factor ?? .nan, growthTolerance: tolerance ?? .nan, valuesPerLayer: batch.count * config.width,
      event: record.nonFinite)
  }

  /// The predictions for `.naive`: growth of E[h²] per layer, and the two overflow layers.
  package static func naivePrediction(_ config: ExplodingConfiguration, inputSquaredNorm: Double, valuesPerLayer: Int)
    -> (growth: Double, meanSquareLayer: Int, valueLayer: Int)
  {
    // Naive weights: σ_w² = fan_in, so layers ≥ 2 multiply E[h²] by width·E[φ(h)²]/E[h²].
    let growth = PlainNetworkTheory.squaredGrowthPerLayer(config.activation, gain2: Double(config.width))
    return (
      growth,
      RangeOverflow.float32.firstLayerWithOverflowingMeanSquare(initialMeanSquare: inputSquaredNorm, growth: growth),
      RangeOverflow.float32.firstLayerWithOverflowingValue(
        initialMeanSquare: inputSquaredNorm, growth: growth, valuesPerLayer: valuesPerLayer)
    )
  }
}
