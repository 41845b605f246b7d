import NeuralNet
import RealModule
import Theory

/// Step `.glorotBengio`: Glorot & Bengio (2010) reproduced: five tanh layers under the "standard" init
/// U[±1/√n_in] and the normalized init U[±√6/√(n_in+n_out)] (docs/theory.md §2).
package enum GlorotBengio {
  /// The hidden layers of the paper's network.
  package static let layers = 5

  /// What the paper reports (their Figure 7 and §4.2.1), top layer first: back-propagated
  /// gradient variance relative to the top layer, and the mean singular value of a layer Jacobian.
  package static func reported(normalized: Bool) -> (variance: [Double], meanSingularValue: Double) {
    normalized ? ([1, 0.78, 0.57, 0.36, 0.17], 0.8) : ([1, 0.33, 0.105, 0.031, 0.007], 0.49)
  }

  /// One init's measurements and predictions.
  package struct Result: Sendable {
    /// Normalized (Xavier) or standard.
    package var normalized: Bool
    /// The init.
    package var initializer: Initializer
    /// Var[∂L/∂h_l] / Var[∂L/∂h_5], l = 1…5 (input side first), measured.
    package var gradientVariance: [Double]
    /// The same from the mean-field recursion.
    package var predictedGradientVariance: [Double]
    /// The mean singular value of each hidden weight matrix W_2…W_5, measured.
    package var weightMeanSingularValue: [Double]
    /// The quarter-circle prediction 8s/(3π), s² = n·Var[W].
    package var predictedWeightMeanSingularValue: Double
    /// The mean singular value of J_l = ∂z_{l+1}/∂z_l = diag(φ'(h_{l+1}))·W_{l+1}, l = 1…4, averaged
    /// over the examples measured.
    package var jacobianMeanSingularValue: [Double]
    /// The prediction 8s/(3π)·√E[φ'(h_{l+1})²], with E[φ'²] from the mean field at q_{l+1}.
    package var predictedJacobianMeanSingularValue: [Double]
    /// Every Jacobian singular value measured (for the histogram).
    package var jacobianSingularValues: [Double]
    /// Magnitude histograms of ∂L/∂h_l at each hidden layer's pre-activation, l = 1…5 (Glorot &
    /// Bengio's Figure 7 reads these).
    package var gradientHistograms: [MagnitudeHistogram]
    /// Magnitude histograms of each hidden layer's tanh activations, with their saturated share
    /// (|tanh| ≥ 0.99), l = 1…5 (their Figure 6).
    package var activationHistograms: [(histogram: MagnitudeHistogram, saturated: Double)]
  }

  /// Runs both inits on a standardized digits batch at width `config.glorotWidth`.
  package static func run(
    _ config: InitializationConfiguration, batch: Dataset, jacobianExamples: Int = 2,
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Result] {
    let width = config.glorotWidth
    return ParallelSweep.map(2, progress: progress) { index in
      let normalized = index == 1
      let initializer: Initializer = normalized ? .xavierUniform : .standardUniform
      var rng = SeededGenerator(seed: config.seed, stream: "glorot-bengio")
      let model = MLP.make(
        inputs: batch.features, width: width, depth: layers, outputs: Digits.classes, activation: .tanh,
        initializer: initializer, bias: false, using: &rng)
      let record = model.measureGradients(
        input: batch.inputs, targets: batch.targets, loss: SoftmaxCrossEntropy(), histograms: true)
      let hidden = Array(record.denseLayers.dropLast())
      let tanhLayers = record.layers.filter { $0.kind == .activation(.tanh) }
      let top = hidden[layers - 1].outputGradientNorm
      let variance = hidden.map { Double.pow($0.outputGradientNorm / top, 2) }

      let gain2 = MeanFieldPrediction.hiddenGain2(initializer, width: width)
      let q1 = MeanFieldPrediction.firstLayerVariances(
        batch, weightVariance: initializer.variance(fanIn: batch.features, fanOut: width))
      let theory = MeanField(.tanh, weightVariance: gain2)
      let predictedVariance = theory.squaredGradientRatios(firstVariances: q1, layers: layers)

      let dense = model.layers.compactMap { $0 as? Dense }
      let weightSV = dense[1..<layers].map { layer in
        let s = layer.weight.value.singularValues() ?? []
        return s.reduce(0, +) / Double(Swift.max(1, s.count))
      }
      let s = gain2.squareRoot()
      var jacobianMeans = [Double](repeating: 0, count: layers - 1)
      var predictedJacobian = [Double](repeating: 0, count: layers - 1)
      var allValues: [Double] = []
      let examples = Swift.min(jacobianExamples, batch.count)
      for example in 0..<examples {
        let input = batch.subset(example..<(example + 1)).inputs
        let preActivations = preActivations(model, input: input)
        let q1Example = MeanFieldPrediction.firstLayerVariances(
          batch.subset(example..<(example + 1)),
          weightVariance: initializer.variance(fanIn: batch.features, fanOut: width))[0]
        let qs = theory.profile(firstVariance: q1Example, layers: layers).variance
        for l in 1..<layers {
          // J_l = diag(1 − tanh²(h_{l+1})) · W_{l+1}: scale row i of W_{l+1} by tanh'(h_{l+1, i}).
          var jacobian = dense[l].weight.value
          let h = preActivations[l]
          for i in 0..<width {
            let t = Float.tanh(h.scalars[i])
            let d = 1 - t * t
            for j in 0..<width { jacobian.scalars[i * width + j] *= d }
          }
          let values = jacobian.singularValues() ?? []
          allValues += values
          jacobianMeans[l - 1] += values.reduce(0, +) / Double(Swift.max(1, values.count)) / Double(examples)
          let derivative2 = theory.meanSquareDerivative(qs[l])
          predictedJacobian[l - 1] +=
            RandomMatrixTheory.meanSingularValue(entryScale: s) * derivative2.squareRoot() / Double(examples)
        }
      }
      return Result(
        normalized: normalized, initializer: initializer, gradientVariance: variance,
        predictedGradientVariance: predictedVariance, weightMeanSingularValue: weightSV,
        predictedWeightMeanSingularValue: RandomMatrixTheory.meanSingularValue(entryScale: s),
        jacobianMeanSingularValue: jacobianMeans, predictedJacobianMeanSingularValue: predictedJacobian,
        jacobianSingularValues: allValues, gradientHistograms: hidden.compactMap(\.outputGradientHistogram),
        activationHistograms: tanhLayers.compactMap { l in l.outputHistogram.map { ($0, l.saturatedFraction ?? .nan) } }
      )
    }
  }

  /// The pre-activations h_l (l = 1…) of every dense layer for one input row.
  static func preActivations(_ model: Sequential, input: Tensor) -> [Tensor] {
    var x = input
    var out: [Tensor] = []
    for layer in model.layers {
      x = layer.forward(x)
      if layer is Dense { out.append(x) }
    }
    return out
  }
}
