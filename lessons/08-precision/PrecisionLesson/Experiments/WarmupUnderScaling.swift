import NeuralNet

/// Step `.warmupExplosion`: lesson 1's mid-training explosion (a tanh net at σ_w² = 1 whose
/// linearly warmed-up step size outgrows what it tolerates; lesson 1 `.midTraining`) trained in
/// Float16 under GradScaler's dynamic scale, alone and with norm clipping in the right and the
/// wrong order.
///
/// The overflow check cannot tell a scale that is too large from an explosion: either way a
/// gradient is ±∞, the step is skipped and S halves. When the net itself has blown up, its
/// forward pass overflows at any S, so every step is skipped, S collapses and the weights stay
/// where they were: the run no longer goes NaN, and no longer trains. Clipping the unscaled
/// gradient at τ bounds every update to η·τ, which is lesson 1's fix; clipping the scaled
/// gradient S·g at τ bounds g at τ/S.
package enum WarmupUnderScaling {
  /// The shared settings (lesson 1's `.midTraining` values by default).
  package struct Setup: Sendable, Equatable {
    /// Hidden tanh layers.
    package var depth: Int
    /// Units per hidden layer.
    package var width: Int
    /// The step size's warm-up: linear from 0 to `peak` over `warmupSteps` steps.
    package var peak: Double
    /// Steps of the warm-up.
    package var warmupSteps: Int
    /// SGD steps of every run.
    package var steps: Int
    /// Mini-batch size.
    package var batchSize: Int
    /// The clipping threshold τ on the global norm of the (true) gradient.
    package var clipNorm: Double
  }

  /// One run of the comparison.
  package enum Variant: String, Sendable, CaseIterable {
    /// Float32, no scaling: lesson 1's explosion.
    case float32
    /// Float16 with GradScaler's dynamic scale.
    case dynamic
    /// The same, the gradient unscaled and then clipped at τ (GradScaler's `unscale_` first).
    case clippedAfterUnscaling = "clipped_after_unscaling"
    /// The same, the scaled gradient clipped at τ: the true one is clipped at τ/S.
    case clippedBeforeUnscaling = "clipped_before_unscaling"

    /// How it is named in tables and charts.
    package var label: String {
      switch self {
      case .float32: "Float32"
      case .dynamic: "Float16, dynamic S"
      case .clippedAfterUnscaling: "Float16, dynamic S, clip after unscaling"
      case .clippedBeforeUnscaling: "Float16, dynamic S, clip before unscaling"
      }
    }
  }

  /// One run's record.
  package struct Run: Sendable {
    /// Which run.
    package var variant: Variant
    /// Every step.
    package var history: MixedPrecisionTrainer.History
    /// Test accuracy after the run, in Float32 (NaN if the weights went non-finite).
    package var testAccuracy: Double
    /// Whether every weight is finite after the run.
    package var weightsFinite: Bool

    /// The first step whose loss is non-finite or ≥ 10× the lowest loss before it (nil: none).
    package var explosionStep: Int? { history.explosionStep(factor: 10) }
    /// Skipped steps in a row at the end of the run.
    package var trailingSkips: Int { history.steps.reversed().prefix { $0.skipped }.count }
    /// The scale of the last step (1 for a run without scaling).
    package var finalScale: Double { history.steps.last?.scale ?? .nan }
    /// The mean loss of the last 20 steps (+∞ if one is not finite).
    package var finalLoss: Double {
      let tail = history.steps.suffix(20).map(\.loss)
      return tail.allSatisfy(\.isFinite) ? tail.reduce(0, +) / Double(Swift.max(tail.count, 1)) : .infinity
    }
  }

  /// One run of `variant` from `seed` (weights and batches as lesson 1's).
  package static func run(
    _ setup: Setup, variant: Variant, scaler: LossScaler, train: Dataset, test: Dataset, seed: UInt64
  )
    -> Run
  {
    var rng = SeededGenerator(seed: seed, stream: "mid-training weights")
    let model = MLP.make(
      inputs: train.features, width: setup.width, depth: setup.depth, outputs: Digits.classes, activation: .tanh,
      initializer: .scaledNormal(gain2: 1), using: &rng)
    let history = MixedPrecisionTrainer.train(
      model, on: train.withOneHotTargets, loss: HalfSquaredError(),
      schedule: .linearWarmup(to: setup.peak, over: setup.warmupSteps), steps: setup.steps, batchSize: setup.batchSize,
      batchSeed: SeededGenerator.streamSeed(seed, "mid-training batches"),
      storage: variant == .float32 ? .float32 : .float16,
      scaling: variant == .float32 ? .none : .dynamic(scaler),
      clipNorm: variant == .clippedAfterUnscaling || variant == .clippedBeforeUnscaling ? setup.clipNorm : nil,
      clipOrder: variant == .clippedBeforeUnscaling ? .beforeUnscaling : .afterUnscaling)
    let finite = model.parameters.allSatisfy { $0.value.scalars.allSatisfy(\.isFinite) }
    return Run(
      variant: variant, history: history, testAccuracy: finite ? test.accuracy(of: model) : .nan, weightsFinite: finite)
  }
}
