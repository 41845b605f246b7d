import Nonlinearity

/// A vanilla recurrent layer unrolled over T steps (Elman 1990; the model of Pascanu, Mikolov &
/// Bengio 2013, docs/theory.md §6):
///
///     a_t = W_in·u_t + W_rec·h_{t−1} + b,   h_t = φ(a_t),   h_0 = 0,
///
/// with φ = tanh, sigmoid or the identity (Pascanu et al.'s linear single-unit example), and
/// back-propagation through time: going back from ∂L/∂h_T,
///
///     δ_t = φ'(a_t) ⊙ ∂L/∂h_t,   ∂L/∂h_{t−1} = W_recᵀ·δ_t (+ any loss on h_{t−1}),
///     ∂L/∂W_rec = Σ_t δ_t·h_{t−1}ᵀ,   ∂L/∂W_in = Σ_t δ_t·u_tᵀ,   ∂L/∂b = Σ_t δ_t.
///
/// Each step back multiplies the gradient by W_recᵀ·diag(φ'(a_t)); with |φ'| ≤ γ, a largest
/// singular value of W_rec below 1/γ makes it vanish for sure, above 1/γ it may explode.
/// Batches are rows: u_t is `[batch, inputs]`, h_t is `[batch, hidden]`.
public final class VanillaRNN {
  /// W_in, `[hidden, inputs]`.
  public let inputWeight: Parameter
  /// W_rec, `[hidden, hidden]`.
  public let recurrentWeight: Parameter
  /// b, `[hidden]`.
  public let bias: Parameter
  /// φ: tanh, sigmoid or identity.
  public let activation: Activation

  private var inputs: [Tensor] = []
  private var states: [Tensor] = []  // h_0 … h_T

  /// A layer with the given initial weights and a zero bias.
  public init(inputWeight: Tensor, recurrentWeight: Tensor, activation: Activation = .tanh) {
    precondition(activation != .relu, "a vanilla RNN here uses tanh, sigmoid or the identity")
    precondition(
      recurrentWeight.shape == [inputWeight.rows, inputWeight.rows],
      "W_rec must be hidden × hidden = \(inputWeight.rows) × \(inputWeight.rows), got \(recurrentWeight.shape)")
    self.inputWeight = Parameter(name: "input weight", value: inputWeight)
    self.recurrentWeight = Parameter(name: "recurrent weight", value: recurrentWeight)
    bias = Parameter(name: "bias", value: Tensor(shape: [inputWeight.rows]))
    self.activation = activation
  }

  /// The hidden width.
  public var hidden: Int { recurrentWeight.value.rows }
  /// The trainable parameters.
  public var parameters: [Parameter] { [inputWeight, recurrentWeight, bias] }
  /// γ: the largest |φ'| (1 for tanh and the identity, ¼ for sigmoid).
  public var derivativeBound: Double { activation.derivativeBound }

  /// Runs the sequence `u_1 … u_T` and returns `h_1 … h_T`, caching what BPTT needs.
  public func forward(_ sequence: [Tensor]) -> [Tensor] {
    precondition(!sequence.isEmpty, "a sequence needs at least one step")
    let batch = sequence[0].rows
    inputs = sequence
    states = [Tensor(shape: [batch, hidden])]
    states.reserveCapacity(sequence.count + 1)
    var recurrent = Tensor(shape: [batch, hidden])  // W_rec·h_{t−1}, one buffer for every step
    for u in sequence {
      var a = Tensor.matmul(u, inputWeight.value, transposeB: true)
      recurrent.assignMatmul(states.last!, recurrentWeight.value, transposeB: true)
      a.add(recurrent)
      a.addToEveryRow(bias.value)
      states.append(ActivationLayer.apply(activation, to: a))
    }
    return Array(states.dropFirst())
  }

  /// Back-propagation through time. `stateGradients[t]` is ∂L/∂h_{t+1} from the loss directly
  /// (nil where the loss does not read h_{t+1}). Sets the parameters' gradients and returns
  /// ‖∂L/∂h_t‖ for t = 1…T: the total gradient reaching each hidden state, the quantity whose
  /// growth or decay back in time Pascanu et al. study.
  @discardableResult
  public func backward(_ stateGradients: [Tensor?]) -> [Double] {
    let steps = inputs.count
    precondition(stateGradients.count == steps, "one gradient slot per step: \(steps), got \(stateGradients.count)")
    let batch = inputs[0].rows
    var dIn = Tensor(shape: inputWeight.value.shape)
    var dRec = Tensor(shape: recurrentWeight.value.shape)
    var dBias = Tensor(shape: [hidden])
    // ∂L/∂h_t, updated in place step after step; the two products of a step into one buffer each.
    var carried = Tensor(shape: [batch, hidden])
    var stepIn = Tensor(shape: dIn.shape)
    var stepRec = Tensor(shape: dRec.shape)
    var norms = [Double](repeating: 0, count: steps)
    for t in stride(from: steps - 1, through: 0, by: -1) {
      if let external = stateGradients[t] { carried.add(external) }
      norms[t] = carried.norm()
      let delta = ActivationLayer.backward(activation, carried, output: states[t + 1])
      stepIn.assignMatmul(delta, inputs[t], transposeA: true)
      dIn.add(stepIn)
      stepRec.assignMatmul(delta, states[t], transposeA: true)
      dRec.add(stepRec)
      dBias.add(delta.columnSums())
      carried.assignMatmul(delta, recurrentWeight.value)
    }
    inputWeight.gradient = dIn
    recurrentWeight.gradient = dRec
    bias.gradient = dBias
    return norms
  }
}
