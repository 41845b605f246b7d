/// What the instrumentation measured at one layer in one training step.
///
/// For a dense layer, `outputGradientNorm` is ‖∂L/∂h‖ at its pre-activation h = Wx + b, the
/// back-propagated gradient whose per-layer growth docs/theory.md §1 predicts; `weightGradientNorm` is
/// ‖∂L/∂W‖ (Frobenius). All norms are over the whole batch and computed in Double.
public struct LayerRecord: Sendable, Equatable {
  /// Position of the layer in the model.
  public var index: Int
  /// What kind of layer it is.
  public var kind: LayerKind
  /// ‖∂L/∂W‖ for a dense layer, nil otherwise.
  public var weightGradientNorm: Double?
  /// ‖∂L/∂b‖ for a dense layer with bias, nil otherwise.
  public var biasGradientNorm: Double?
  /// ‖∂L/∂output‖: the gradient arriving at this layer from above (the gradient a layer passes
  /// down is the `outputGradientNorm` of the layer below; the first layer's, with respect to the
  /// data, is not computed: `Layer.backwardToParameters`).
  public var outputGradientNorm: Double
  /// Statistics of the layer's output in the forward pass.
  public var output: TensorSummary
  /// For ReLU: the fraction of outputs that are exactly zero (dead units for this batch).
  public var deadFraction: Double?
  /// For tanh / sigmoid: the fraction of outputs in the flat tails (|tanh| ≥ 0.99; sigmoid ≤ 0.01 or ≥ 0.99).
  public var saturatedFraction: Double?
  /// For a layer with weights, once the optimizer has applied this step: the update-to-data
  /// ratio std(Δw)/std(w) of its weight matrix, the size of the step relative to the weights it
  /// changes (`updateToDataRatio(before:after:)`). Karpathy (makemore part 3) and CS231n's notes
  /// read it on a log scale against ≈ 1e-3: far above, the step size is too large for that layer;
  /// far below, the layer barely learns. Nil where no update followed (the step went non-finite).
  public var updateToDataRatio: Double? = nil
  /// With histograms on (`measureGradients(…, histograms: true)`): the magnitudes of this layer's
  /// output values in the forward pass, e.g. a ReLU layer's activations with its dead share.
  public var outputHistogram: MagnitudeHistogram? = nil
  /// With histograms on: the magnitudes of ∂L/∂output, the gradient arriving at this layer (for a
  /// dense layer, at its pre-activation).
  public var outputGradientHistogram: MagnitudeHistogram? = nil

  /// std(after − before) / std(before), in Double, over the elements of a weight matrix before and
  /// after one update (population standard deviations; NaN for a constant `before`).
  public static func updateToDataRatio(before: [Float], after: [Float]) -> Double {
    precondition(before.count == after.count && !before.isEmpty, "one update of the same weights")
    // Eight lanes at a time, the four sums in Double lanes (the differences are small next to
    // the weights, so they are taken in Double too).
    var (sumD, sumD2, sumW, sumW2) = (SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero, SIMD8<Double>.zero)
    var tail = (0.0, 0.0, 0.0, 0.0)
    before.withUnsafeBufferPointer { w in
      after.withUnsafeBufferPointer { v in
        var i = 0
        while i + 8 <= w.count {
          let old = SIMD8<Double>(UnsafeRawPointer(w.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self))
          let new = SIMD8<Double>(UnsafeRawPointer(v.baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self))
          let d = new - old
          sumD += d
          sumD2 += d * d
          sumW += old
          sumW2 += old * old
          i += 8
        }
        while i < w.count {
          let d = Double(v[i]) - Double(w[i])
          tail.0 += d
          tail.1 += d * d
          tail.2 += Double(w[i])
          tail.3 += Double(w[i]) * Double(w[i])
          i += 1
        }
      }
    }
    let n = Double(before.count)
    let meanD = (sumD.sum() + tail.0) / n
    let meanW = (sumW.sum() + tail.2) / n
    let varianceD = max((sumD2.sum() + tail.1) / n - meanD * meanD, 0)
    let varianceW = max((sumW2.sum() + tail.3) / n - meanW * meanW, 0)
    return (varianceD / varianceW).squareRoot()
  }
}
