import Nonlinearity

/// A vanilla RNN read out linearly from its last hidden state: ŷ = W_out·h_T + b_out, the model of
/// the adding problem.
public final class RecurrentRegressor {
  /// The recurrent layer.
  public let rnn: VanillaRNN
  /// The readout from h_T.
  public let readout: Dense

  /// A model with `hidden` units: W_in from `inputInitializer`, W_rec = `recurrentWeight`, and a
  /// readout drawn by `readoutInitializer`.
  public init(
    inputs: Int, hidden: Int, outputs: Int, recurrentWeight: Tensor, activation: Activation = .tanh,
    inputInitializer: Initializer = .xavierNormal, readoutInitializer: Initializer = .xavierNormal,
    using rng: inout SeededGenerator
  ) {
    rnn = VanillaRNN(
      inputWeight: inputInitializer.makeWeights(fanOut: hidden, fanIn: inputs, using: &rng),
      recurrentWeight: recurrentWeight, activation: activation)
    readout = Dense(weight: readoutInitializer.makeWeights(fanOut: outputs, fanIn: hidden, using: &rng))
  }

  /// All trainable parameters.
  public var parameters: [Parameter] { rnn.parameters + readout.parameters }

  /// The predictions for a sequence.
  public func predict(_ sequence: [Tensor]) -> Tensor {
    readout.forward(rnn.forward(sequence).last!)
  }

  /// What one forward and backward pass measured.
  public struct Measurement: Sendable {
    /// The loss.
    public var loss: Double
    /// ‖∂L/∂h_t‖ for t = 1…T.
    public var stateGradientNorms: [Double]
    /// The global gradient norm over all parameters.
    public var gradientNorm: Double
  }

  /// One forward and backward pass: sets every parameter's gradient.
  public func measureGradients(_ sequence: [Tensor], targets: Targets, loss: some Loss) -> Measurement {
    let states = rnn.forward(sequence)
    let output = readout.forward(states.last!)
    let (value, outputGradient) = loss.evaluate(output, targets)
    let top = readout.backward(outputGradient)
    var slots = [Tensor?](repeating: nil, count: sequence.count)
    slots[sequence.count - 1] = top
    let norms = rnn.backward(slots)
    var squared = 0.0
    for p in parameters { squared += p.gradient.sumOfSquares() }
    return Measurement(loss: value, stateGradientNorms: norms, gradientNorm: squared.squareRoot())
  }
}
