import NeuralNet
import RealModule
import Theory

/// The edge-of-stability run and its half-step control.
package struct EdgeOfStabilityFindings: Sendable {
  /// Full-batch GD at η, 2/η = `stabilityMargin`·s₀.
  package var run: EdgeOfStability.Result
  /// The same net and data at η/2.
  package var halfStep: EdgeOfStability.Result
}

extension EdgeOfStabilityFindings {
  /// The η/2 control "goes past η's threshold" when its sharpness over the last tenth of its run
  /// is at least this multiple of η's 2/η (an independent reproduction with 2/η = 1.5× the
  /// initial sharpness and 2500 steps measured second-half means of 1.3–1.9 over three seeds).
  package static let controlPastThreshold = 1.1
}
