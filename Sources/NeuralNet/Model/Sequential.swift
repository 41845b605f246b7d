/// A chain of layers, with instrumentation built in.
///
/// `measureGradients` runs one forward and backward pass and records, per layer, the norm of the
/// weight gradient, the norm of the back-propagated gradient, and activation statistics, and finds
/// the first non-finite value. A NaN or Inf is not an error: the pass completes (IEEE arithmetic
/// propagates it), and the record says where it first appeared.
public final class Sequential {
  /// The layers, applied in order.
  public let layers: [any Layer]

  /// A model applying `layers` in order.
  public init(_ layers: [any Layer]) {
    self.layers = layers
  }

  /// Whether the model is in training mode (batch statistics in batch norm) or evaluation mode
  /// (running statistics). New models start in training mode.
  public var isTraining = true {
    didSet { for layer in layers { layer.setTraining(isTraining) } }
  }

  /// All trainable parameters, layer by layer.
  public var parameters: [Parameter] { layers.flatMap(\.parameters) }

  /// All non-trainable state (batch norm's running statistics), layer by layer; setting it
  /// restores every layer's share in order.
  public var state: [Tensor] {
    get { layers.flatMap(\.state) }
    set {
      var offset = 0
      for layer in layers {
        let count = layer.state.count
        precondition(offset + count <= newValue.count, "\(newValue.count) state tensors are too few")
        layer.setState(Array(newValue[offset..<(offset + count)]))
        offset += count
      }
      precondition(offset == newValue.count, "\(newValue.count) state tensors for \(offset)")
    }
  }

  /// Every parameter's value, concatenated in `parameters` order.
  public var parameterVector: [Float] {
    get { parameters.flatMap(\.value.scalars) }
    set {
      precondition(newValue.count == parameterCount, "\(newValue.count) values for \(parameterCount) parameters")
      var offset = 0
      for parameter in parameters {
        let count = parameter.value.count
        parameter.value.scalars = Array(newValue[offset..<(offset + count)])
        offset += count
      }
    }
  }

  /// Every parameter's gradient from the last backward pass, concatenated, in Double.
  public var gradientVector: [Double] { parameters.flatMap { $0.gradient.scalars.map(Double.init) } }

  /// The loss and the full gradient vector at the current parameters, for `input` and `targets`.
  public func lossAndGradient(input: Tensor, targets: Targets, loss: some Loss) -> (loss: Double, gradient: [Double]) {
    let value = computeGradients(input: input, targets: targets, loss: loss)
    return (value, gradientVector)
  }

  /// One forward and backward pass without instrumentation: sets every parameter's gradient and
  /// returns the loss (`lossAndGradient` without gathering the gradients into one vector).
  @discardableResult
  public func computeGradients(input: Tensor, targets: Targets, loss: some Loss) -> Double {
    var x = input
    for layer in layers { x = layer.forward(x) }
    let (value, outputGradient) = loss.evaluate(x, targets)
    var g = outputGradient
    for layer in layers.dropFirst().reversed() { g = layer.backward(g) }
    layers.first?.backwardToParameters(g)  // ∂L/∂input of the data: never read
    return value
  }

  /// The number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  /// The dense layers, in order.
  public var denseLayers: [Dense] { layers.compactMap { $0 as? Dense } }

  /// The dense layer, counted from 1, that model layer `index` is or follows (its activation or
  /// batch norm): in an `MLP`, the hidden layer l that `index` belongs to. Nil before the first.
  public func denseLayerNumber(atOrAfter index: Int) -> Int? {
    let count = layers[...index].filter { $0 is Dense }.count
    return count > 0 ? count : nil
  }

  /// Each layer named by kind and position among layers of that kind: "dense 1", "relu 1", ...
  public var layerNames: [String] {
    var counts: [String: Int] = [:]
    return layers.map { layer in
      let kind = layer.kind.description
      counts[kind, default: 0] += 1
      return "\(kind) \(counts[kind]!)"
    }
  }

  /// Each layer named as the lessons number layers for a student: a weight layer (dense,
  /// convolution) is "hidden layer l", l = 1…L, except the last one, "the readout"; a residual
  /// block is "residual block k"; any other layer is named after the weight layer it follows:
  /// "the relu after hidden layer 10", "the batchnorm after hidden layer 3".
  public var readableLayerNames: [String] {
    let weightLayers = layers.indices.filter { [.dense, .convolution].contains(layers[$0].kind) }
    var hidden = 0
    var blocks = 0
    return layers.indices.map { index in
      switch layers[index].kind {
      case .dense, .convolution:
        if index == weightLayers.last { return "the readout" }
        hidden += 1
        return "hidden layer \(hidden)"
      case .residual:
        blocks += 1
        return "residual block \(blocks)"
      case let kind:
        return hidden == 0 ? "the \(kind) before hidden layer 1" : "the \(kind) after hidden layer \(hidden)"
      }
    }
  }

  /// The output for a batch, without instrumentation.
  public func forward(_ input: Tensor) -> Tensor {
    layers.reduce(input) { $1.forward($0) }
  }

  /// One instrumented forward and backward pass: sets every parameter's gradient and returns what
  /// was measured. Parameters are not changed. With `histograms`, every layer's record also holds
  /// the magnitude histograms of its output and of the gradient arriving at it (one more pass
  /// over each; bench measures it).
  public func measureGradients(
    input: Tensor, targets: Targets, loss: some Loss, step: Int = 0, histograms: Bool = false
  ) -> StepRecord {
    var firstNonFinite: NonFiniteEvent?
    func note(_ event: NonFiniteEvent) {
      guard firstNonFinite == nil else { return }
      firstNonFinite = event
      firstNonFinite?.layerName = event.layer.map { readableLayerNames[$0] }  // named only when it happens
    }
    if !input.isFinite { note(NonFiniteEvent(step: step, layer: nil, tensor: .input)) }

    // Forward, with statistics of every layer's output.
    var summaries: [TensorSummary] = []
    summaries.reserveCapacity(layers.count)
    var outputHistograms: [MagnitudeHistogram] = []
    var x = input
    for (index, layer) in layers.enumerated() {
      let summary: TensorSummary
      (x, summary) = layer.forwardSummarized(x)
      if histograms { outputHistograms.append(MagnitudeHistogram(x)) }
      if !summary.meanSquare.isFinite {
        note(NonFiniteEvent(step: step, layer: index, tensor: .output))
      }
      summaries.append(summary)
    }

    let (lossValue, lossGradient) = loss.evaluate(x, targets)
    if !lossValue.isFinite { note(NonFiniteEvent(step: step, layer: nil, tensor: .loss)) }

    // Backward, from the top, with gradient norms.
    var records = [LayerRecord?](repeating: nil, count: layers.count)
    var gradient = lossGradient
    var gradientNorm = gradient.norm()
    var globalSquared = 0.0
    for index in layers.indices.reversed() {
      let layer = layers[index]
      let outputGradientNorm = gradientNorm  // this layer's ∂L/∂output is the layer above's ∂L/∂input
      let outputGradientHistogram = histograms ? MagnitudeHistogram(gradient) : nil
      if index > 0 {
        (gradient, gradientNorm) = layer.backwardWithNorm(gradient)
      } else {
        layer.backwardToParameters(gradient)  // ∂L/∂input of the data: never read
      }
      var record = LayerRecord(
        index: index, kind: layer.kind, weightGradientNorm: nil, biasGradientNorm: nil,
        outputGradientNorm: outputGradientNorm, output: summaries[index], deadFraction: nil, saturatedFraction: nil)
      if histograms {
        record.outputHistogram = outputHistograms[index]
        record.outputGradientHistogram = outputGradientHistogram
      }
      if let weighted = layer as? any WeightedLayer {
        let weightSquared = weighted.weight.gradient.sumOfSquares()
        record.weightGradientNorm = weightSquared.squareRoot()
        globalSquared += weightSquared
        if !weightSquared.isFinite {
          note(NonFiniteEvent(step: step, layer: index, tensor: .weightGradient))
        }
        if let bias = weighted.biasParameter {
          let biasSquared = bias.gradient.sumOfSquares()
          record.biasGradientNorm = biasSquared.squareRoot()
          globalSquared += biasSquared
          if !biasSquared.isFinite {
            note(NonFiniteEvent(step: step, layer: index, tensor: .biasGradient))
          }
        }
      }
      if !(layer is any WeightedLayer) {
        for parameter in layer.parameters {
          let squared = parameter.gradient.sumOfSquares()
          globalSquared += squared
          if !squared.isFinite { note(NonFiniteEvent(step: step, layer: index, tensor: .weightGradient)) }
        }
      }
      if !outputGradientNorm.isFinite {
        note(NonFiniteEvent(step: step, layer: index, tensor: .outputGradient))
      }
      switch layer.kind {
      case .activation(.relu):
        record.deadFraction = summaries[index].fractionAtOrBelowLow
      case .activation(.tanh):
        record.saturatedFraction = summaries[index].fractionAtOrAboveHigh
      case .activation(.sigmoid):
        record.saturatedFraction =
          summaries[index].fractionAtOrBelowLow + summaries[index].fractionAtOrAboveHigh
      default:
        break
      }
      records[index] = record
    }
    return StepRecord(
      step: step, loss: lossValue, globalGradientNorm: globalSquared.squareRoot(),
      layers: records.map { $0! }, nonFinite: firstNonFinite)
  }

  /// Output statistics with the thresholds that matter for the layer's kind.
  public static func summarize(_ output: Tensor, kind: LayerKind) -> TensorSummary {
    switch kind {
    case .activation(.relu): output.summary(lowThreshold: 0)
    case .activation(.tanh): output.summary(lowThreshold: -.infinity, highMagnitude: 0.99)
    case .activation(.sigmoid): output.summary(lowThreshold: 0.01, highMagnitude: 0.99)
    default: output.summary(lowThreshold: -.infinity)
    }
  }
}
