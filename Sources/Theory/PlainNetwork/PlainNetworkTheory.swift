import Nonlinearity
import RealModule

/// Predictions for plain deep MLPs at initialization (docs/theory.md §1; Poole et al. 2016,
/// Schoenholz et al. 2017, He et al. 2015).
///
/// Convention: W ~ N(0, σ_w²/n_in), no biases. With h_l the pre-activations, going forward
/// E[h_{l+1}²] = σ_w²·E[φ(h_l)²], and going backward the squared norm of the back-propagated
/// gradient is multiplied per layer by σ_w²·E[φ'(h)²]:
/// - identity (linear) φ: σ_w² both ways;
/// - ReLU: σ_w²/2 both ways (E[relu(h)²] = E[h²]/2 and E[relu'(h)²] = ½ for symmetric h);
/// - tanh and sigmoid have no closed form (their E[φ'²] depends on the variance q): these functions
///   return NaN for them, and `MeanField` predicts them.
public enum PlainNetworkTheory {
  /// The per-layer factor of the SQUARED norm (second moment), forward or backward: σ_w²·E[φ'²].
  public static func squaredGrowthPerLayer(_ phi: Activation, gain2: Double) -> Double {
    switch phi {
    case .identity: gain2
    case .relu: gain2 / 2
    case .tanh, .sigmoid: .nan  // E[φ'²] depends on q: `MeanField`
    }
  }

  /// The per-layer factor of the norm itself: √(σ_w²·E[φ'²]).
  public static func normGrowthPerLayer(_ phi: Activation, gain2: Double) -> Double {
    squaredGrowthPerLayer(phi, gain2: gain2).squareRoot()
  }

  /// The gain σ_w² that makes gradients neither grow nor shrink: 1 for linear, 2 for ReLU (He).
  public static func criticalGain2(_ phi: Activation) -> Double {
    switch phi {
    case .identity: 1
    case .relu: 2
    case .tanh, .sigmoid: .nan  // depends on the bias variance: `MeanField.criticalWeightVariance`
    }
  }

  /// The ratio of gradient norms between the bottom and the top of `depth` layers:
  /// (σ_w²·E[φ'²])^(depth/2). E.g. ReLU, σ_w² = 1, depth 50: 2^-25 ≈ 2.98e-8.
  public static func normRatio(_ phi: Activation, gain2: Double, depth: Int) -> Double {
    let perLayer = normGrowthPerLayer(phi, gain2: gain2)
    return Double.pow(perLayer, Double(depth))
  }

  /// Finite-width correction for Gaussian weights: E[log ‖x_L‖²/‖x_0‖²] and Var[log ‖x_L‖²] at width
  /// n, for ReLU at σ_w² = 2 (−5L/(2n), 5L/n) and linear at σ_w² = 1 (−L/n, 2L/n) (docs/theory.md §1).
  /// For other gains the mean shifts by L·log(σ_w²·E[φ'²]/critical).
  public static func logSquaredNormMoments(
    _ phi: Activation, gain2: Double, depth: Int, width: Int
  ) -> (mean: Double, variance: Double) {
    let l = Double(depth)
    let n = Double(width)
    let shift = l * Double.log(gain2 / criticalGain2(phi))
    switch phi {
    case .identity: return (shift - l / n, 2 * l / n)
    case .relu: return (shift - 5 * l / (2 * n), 5 * l / n)
    case .tanh, .sigmoid: return (.nan, .nan)
    }
  }
}
