import NeuralNet
import Theory

/// What `.direction` measured, for the claims and tests.
package struct DirectionFindings: Sendable {
  /// The value-clipping bound c.
  package var valueClip: Double
  /// The value-clipped run from the lesson's network seed.
  package var valueRun: AddingProblemTrainer.History
  /// |g_i| of one raw gradient, sorted from largest to smallest.
  package var raw: [Double]
  /// The same components after norm clipping at τ (same order).
  package var normClipped: [Double]
  /// The same components after value clipping at c (same order).
  package var valueClipped: [Double]
  /// cos(g, value-clip(g)) of that gradient, recorded by the engine.
  package var valueCosine: Double
  /// The same cosine recomputed in Double from the components.
  package var valueCosineRecomputed: Double
}
