import NeuralNet
import Theory

/// What `.variance` measured.
package struct VarianceFindings: Sendable {
  /// α of each profile.
  package var alphas: [Double]
  /// The mean ratio ‖x_l‖²/‖x_0‖² after each block, per α.
  package var meanProfiles: [[Double]]
  /// Per-network ratios at the checked block, per α.
  package var checkedRatios: [[Double]]
  /// The block each α is checked at.
  package var checkedBlocks: [Int]
  /// Every per-block factor ‖x_{l+1}‖²/‖x_l‖² of every α = 1 network.
  package var unitAlphaFactors: [Double]
}
