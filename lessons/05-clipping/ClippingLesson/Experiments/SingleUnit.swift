import NeuralNet
import Theory

/// Pascanu et al.'s single linear unit, x_t = w·x_{t−1} with x₀ given (docs/theory.md §6), run through
/// the engine's own recurrent layer: a one-unit `VanillaRNN` with the identity, W_in = 1 and input
/// u = (x₀, 0, 0, …), so that h₁ = x₀ and h_{t+1} = x_t. BPTT then gives ∂x_t/∂w, which the
/// closed form says is t·x₀·w^{t−1}.
package enum SingleUnit {
  /// The state x_t and ∂x_t/∂w, both from the engine (forward and BPTT).
  package static func derivative(w: Double, x0: Double, t: Int) -> (state: Double, derivative: Double) {
    let (rnn, input) = make(w: w, x0: x0, t: t)
    let states = rnn.forward(input)
    var slots = [Tensor?](repeating: nil, count: t + 1)
    slots[t] = Tensor(shape: [1, 1], scalars: [1])
    rnn.backward(slots)
    return (Double(states[t][0, 0]), Double(rnn.recurrentWeight.gradient[0, 0]))
  }

  /// The closed form t·x₀·w^{t−1} (docs/theory.md §6).
  package static func formula(w: Double, x0: Double, t: Int) -> Double {
    RecurrentTheory.singleUnitDerivative(w: w, x0: x0, t: t)
  }

  /// The loss L(w) = ½(x_t(w) − target)² and dL/dw, from the engine.
  package static func loss(w: Double, x0: Double, t: Int, target: Double) -> (loss: Double, slope: Double) {
    let (state, derivative) = Self.derivative(w: w, x0: x0, t: t)
    return (0.5 * (state - target) * (state - target), (state - target) * derivative)
  }

  private static func make(w: Double, x0: Double, t: Int) -> (VanillaRNN, [Tensor]) {
    precondition(t >= 1, "t must be at least 1")
    let rnn = VanillaRNN(
      inputWeight: Tensor(shape: [1, 1], scalars: [1]), recurrentWeight: Tensor(shape: [1, 1], scalars: [Float(w)]),
      activation: .identity)
    let input = (0...t).map { i in Tensor(shape: [1, 1], scalars: [i == 0 ? Float(x0) : 0]) }
    return (rnn, input)
  }
}
