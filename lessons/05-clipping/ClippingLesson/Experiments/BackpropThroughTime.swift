import NeuralNet
import Nonlinearity
import RealModule
import Theory

/// How the gradient reaching each hidden state of a recurrent net at init grows or shrinks going
/// back in time, against Pascanu et al.'s condition (docs/theory.md §6): each step back multiplies
/// ∂L/∂h_t by W_recᵀ·diag(φ'(a_t)), so ‖∂L/∂h_{t−1}‖ ≤ γσ₁·‖∂L/∂h_t‖ with γ = max|φ'|. σ₁ < 1/γ makes
/// the gradient vanish for sure; σ₁ > 1/γ only makes explosion possible. In the long run the
/// spectral radius ρ ≤ σ₁, not σ₁, sets the linear net's rate: ‖(Wᵀ)^k v‖^{1/k} → ρ.
package enum BackpropThroughTime {
  /// One recurrent weight and nonlinearity to measure.
  package struct Case: Sendable {
    /// A short name for tables and charts.
    package var name: String
    /// φ.
    package var activation: Activation
    /// How W_rec is drawn.
    package var recurrentInit: Initializer
  }

  /// What one case measured.
  package struct Profile: Sendable {
    /// The case.
    package var name: String
    /// φ.
    package var activation: Activation
    /// γ = max|φ'|.
    package var gamma: Double
    /// The largest singular value of W_rec.
    package var largestSingularValue: Double
    /// The spectral radius of W_rec.
    package var spectralRadius: Double
    /// ‖∂L/∂h_t‖ for t = 1…T.
    package var norms: [Double]

    /// ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖: the whole way back.
    package var ratio: Double { norms[0] / norms[norms.count - 1] }
    /// The geometric-mean factor per step back, (‖∂L/∂h_1‖/‖∂L/∂h_T‖)^{1/(T−1)}.
    package var factorPerStep: Double { Double.pow(ratio, 1 / Double(norms.count - 1)) }
    /// The factor per step over the earlier half of the sequence (the steps furthest back), where
    /// a linear net's rate has settled to ρ.
    package var lateFactorPerStep: Double {
      let half = norms.count / 2
      return Double.pow(norms[0] / norms[half], 1 / Double(half))
    }
    /// Whether σ₁ < 1/γ, the sufficient condition for vanishing.
    package var belowThreshold: Bool {
      largestSingularValue < RecurrentTheory.vanishingThreshold(derivativeBound: gamma)
    }
    /// The bound (γσ₁)^k on ‖∂L/∂h_{T−k}‖/‖∂L/∂h_T‖, and whether every step obeys it (up to
    /// Float32 rounding).
    package var obeysBound: Bool {
      let last = norms[norms.count - 1]
      return norms.indices.allSatisfy { t in
        let k = norms.count - 1 - t
        let bound = RecurrentTheory.gradientBound(
          derivativeBound: gamma, largestSingularValue: largestSingularValue, stepsBack: k)
        return norms[t] <= last * bound * (1 + 1e-4 * Double(k + 1))
      }
    }
  }

  /// The cases of `.condition` for `hidden` units, plus the net of `.unclipped`, `.sweep` and `.direction` (`activation`, `gain`).
  package static func cases(hidden: Int, activation: Activation, gain: Double) -> [Case] {
    let gaussian = Initializer.normal(std: 0.8 / Double(hidden).squareRoot())
    return [
      Case(name: "linear, orthogonal ×0.9", activation: .identity, recurrentInit: .orthogonal(gain: 0.9)),
      Case(name: "linear, orthogonal ×1.1", activation: .identity, recurrentInit: .orthogonal(gain: 1.1)),
      Case(name: "linear, Gaussian 0.8/√n", activation: .identity, recurrentInit: gaussian),
      Case(name: "tanh, orthogonal ×0.9", activation: .tanh, recurrentInit: .orthogonal(gain: 0.9)),
      Case(name: "tanh, Gaussian 0.8/√n", activation: .tanh, recurrentInit: gaussian),
      Case(name: "tanh, orthogonal ×1.5", activation: .tanh, recurrentInit: .orthogonal(gain: 1.5)),
      Case(name: "sigmoid, orthogonal ×6", activation: .sigmoid, recurrentInit: .orthogonal(gain: 6)),
      Case(name: "sigmoid, orthogonal ×12", activation: .sigmoid, recurrentInit: .orthogonal(gain: 12)),
      Case(
        name:
          "\(ClippingLesson.outline.reference([.unclipped, .sweep, .direction])): \(activation.name), orthogonal ×\(gain)",
        activation: activation,
        recurrentInit: .orthogonal(gain: gain)),
    ]
  }

  /// Measures one case at init on `batch` adding-problem sequences of length `length`: W_rec from
  /// the case, Xavier W_in and readout, the ½-squared error on the last step.
  package static func measure(
    _ c: Case, hidden: Int, length: Int, batch: Int, seed: UInt64
  ) -> Profile {
    var rng = SeededGenerator(seed: seed)
    let w = c.recurrentInit.makeWeights(fanOut: hidden, fanIn: hidden, using: &rng)
    let model = RecurrentRegressor(
      inputs: 2, hidden: hidden, outputs: 1, recurrentWeight: w, activation: c.activation, using: &rng)
    var data = SeededGenerator(seed: seed, stream: "data")
    let (sequence, targets) = AddingProblem.make(count: batch, length: length, using: &data)
    let measured = model.measureGradients(sequence, targets: .values(targets), loss: HalfSquaredError())
    return Profile(
      name: c.name, activation: c.activation, gamma: model.rnn.derivativeBound,
      largestSingularValue: w.singularValues()?.first ?? .nan, spectralRadius: w.spectralRadius() ?? .nan,
      norms: measured.stateGradientNorms)
  }
}
