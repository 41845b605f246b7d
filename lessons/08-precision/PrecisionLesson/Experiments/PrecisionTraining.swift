import NeuralNet

/// Steps `.underflow` and `.dynamicScaling`: the same net, seed and batches trained in Float32, in
/// Float16 without scaling, with a static scale and with GradScaler's dynamic scale, and in
/// BFloat16 (`MixedPrecisionTrainer`: Float32 arithmetic and master weights, activations and
/// gradients stored in 16 bits).
package enum PrecisionTraining {
  /// One way of training.
  package enum Variant: String, Sendable, CaseIterable {
    /// Float32 throughout: the reference.
    case float32
    /// Float16 storage, no loss scaling.
    case float16
    /// Float16 storage, a fixed loss scale.
    case float16Static = "float16_static"
    /// Float16 storage, GradScaler's dynamic loss scale.
    case float16Dynamic = "float16_dynamic"
    /// BFloat16 storage, no loss scaling.
    case bfloat16

    /// The storage format.
    package var storage: NumberFormat {
      switch self {
      case .float32: .float32
      case .float16, .float16Static, .float16Dynamic: .float16
      case .bfloat16: .bfloat16
      }
    }
  }

  /// One run.
  package struct Run: Sendable {
    /// Which run.
    package var variant: Variant
    /// Every step.
    package var history: MixedPrecisionTrainer.History
    /// The accuracy on the held-out digits, evaluated in Float32 (NaN if the run went non-finite).
    package var testAccuracy: Double
    /// The mean mini-batch loss over the last tenth of the steps (NaN if the run stopped).
    package var finalLoss: Double {
      history.scaleVanishedStep == nil ? history.meanLoss(overLast: Swift.max(history.steps.count / 10, 1)) : .nan
    }
    /// The mean share of the first layer's gradient entries stored as zero over the last tenth of the steps.
    package var finalFirstLayerZeroShare: Double {
      let tail = history.steps.suffix(Swift.max(history.steps.count / 10, 1)).map(\.firstLayerZeroShare)
      return tail.reduce(0, +) / Double(Swift.max(tail.count, 1))
    }
  }

  /// Trains `variant` from `seed` (weights as `GradientUnderflow.model`, batches from the stream
  /// "batches"), with `staticScale` and `scaler` for the scaled variants.
  package static func run(
    _ setup: GradientUnderflow.Setup, variant: Variant, staticScale: Double, scaler: LossScaler, train: Dataset,
    test: Dataset, seed: UInt64
  ) -> Run {
    let model = GradientUnderflow.model(setup, seed: seed)
    let scaling: MixedPrecisionTrainer.Scaling =
      switch variant {
      case .float32, .float16, .bfloat16: .none
      case .float16Static: .fixed(Float(staticScale))
      case .float16Dynamic: .dynamic(scaler)
      }
    let history = MixedPrecisionTrainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), schedule: .constant(setup.learningRate), steps: setup.steps,
      batchSize: setup.batchSize, batchSeed: SeededGenerator.streamSeed(seed, "batches"), storage: variant.storage,
      scaling: scaling)
    let finite = history.nonFiniteStep == nil && history.scaleVanishedStep == nil
    return Run(variant: variant, history: history, testAccuracy: finite ? test.accuracy(of: model) : .nan)
  }
}
