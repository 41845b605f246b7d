import NeuralNet
import RealModule
import Theory

/// What `.threshold` measured, for the claims and tests.
package struct ThresholdFindings: Sendable {
  /// The textbook runs (η = 0.40, 0.50).
  package var textbook: [QuadraticThreshold.Run]
  /// λ_max of the digits problem from LAPACK.
  package var largestEigenvalue: Double
  /// λ_max from power iteration on the engine's gradients (mean loss).
  package var powerIteration: Double
  /// λ_max of the SUM loss from power iteration.
  package var sumPowerIteration: Double
  /// The digits runs just below and just above 2/λ_max.
  package var digits: [QuadraticThreshold.Run]
  /// The sum-loss run at the mean loss's safe step.
  package var sumRun: QuadraticThreshold.Run
}
