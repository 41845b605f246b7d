/// Everything measured in one training step: loss, global gradient norm, and per-layer records.
public struct StepRecord: StepMeasurement, Equatable {
  /// The step number, from 0.
  public var step: Int
  /// The mini-batch loss before the update (may be non-finite).
  public var loss: Double
  /// ‖g‖ over all parameters (weights and biases), before any update.
  public var globalGradientNorm: Double
  /// One record per layer, in model order (empty layers' records if the forward pass stopped early).
  public var layers: [LayerRecord]
  /// The first non-finite value of this step, if any.
  public var nonFinite: NonFiniteEvent?
  /// What gradient clipping did before the update (nil when training without clipping).
  public var clip: GradientClipping.Record? = nil
  /// The step size η of this step's update, when training followed a `LearningRateSchedule`.
  public var learningRate: Double? = nil

  /// A record with every field given (the trainer fills `clip` and `learningRate` later).
  public init(
    step: Int, loss: Double, globalGradientNorm: Double, layers: [LayerRecord], nonFinite: NonFiniteEvent? = nil
  ) {
    self.step = step
    self.loss = loss
    self.globalGradientNorm = globalGradientNorm
    self.layers = layers
    self.nonFinite = nonFinite
  }

  /// ‖g‖ over all parameters: `globalGradientNorm`, under the name every trainer's steps share.
  public var gradientNorm: Double { globalGradientNorm }

  /// The records of the dense layers, in order.
  public var denseLayers: [LayerRecord] { layers.filter { $0.kind == .dense } }
}
