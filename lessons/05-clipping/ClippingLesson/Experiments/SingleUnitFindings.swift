import NeuralNet
import RealModule
import Theory

/// What `.singleUnit` measured, for the claims and tests.
package struct SingleUnitFindings: Sendable {
  /// (w, x₅₀ and ∂x₅₀/∂w from the engine, t·x₀·w^{t−1}).
  package var derivatives: [(w: Double, state: Double, measured: Double, formula: Double)]
  /// w after one unclipped SGD step from the wall.
  package var unclippedLanding: Double
  /// The loss there (may be +Inf: the state overflows Float32).
  package var unclippedLoss: Double
  /// w after the same step clipped to norm 1.
  package var clippedLanding: Double
  /// The loss there.
  package var clippedLoss: Double
}
