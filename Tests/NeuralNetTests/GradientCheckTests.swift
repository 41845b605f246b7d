import Theory
import Numerics
import RealModule
import Testing

import NeuralNet
import Nonlinearity

/// Finite-difference checks: every layer's and loss's backward pass against central differences
/// of the loss, in Double-accumulated Float32 (step 1e-2 on small, well-scaled inputs).
@Suite("Gradients match finite differences")
struct GradientCheckTests {
  static let step: Float = 1e-2

  /// A loss L = Σ c ⊙ f(x) with fixed random c, so ∂L/∂f = c.
  static func checkLayer(_ layer: any Layer, input: Tensor, seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let output = layer.forward(input)
    let c = Tensor(shape: output.shape, scalars: (0..<output.count).map { _ in Float(rng.nextGaussian()) })
    func loss(_ x: Tensor) -> Double {
      zip(layer.forward(x).scalars, c.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    _ = layer.forward(input)
    let inputGradient = layer.backward(c)
    let parameterGradients = layer.parameters.map(\.gradient)
    // The first layer of a network skips ∂L/∂x (`backwardToParameters`): the same parameter
    // gradients, bit for bit.
    for parameter in layer.parameters { parameter.gradient = Tensor(shape: parameter.gradient.shape) }
    _ = layer.forward(input)
    layer.backwardToParameters(c)
    #expect(layer.parameters.map(\.gradient) == parameterGradients, "backwardToParameters differs from backward")
    for (i, numeric) in FiniteDifference.gradient(at: input, step: step, loss).enumerated() {
      #expect(
        numeric.isApproximatelyEqual(
          to: Double(inputGradient.scalars[i]), absoluteTolerance: 2e-3, relativeTolerance: 1e-2),
        "∂L/∂x[\(i)]: numeric \(numeric), backward \(inputGradient.scalars[i])")
    }
    for (p, parameter) in layer.parameters.enumerated() {
      for (i, numeric) in FiniteDifference.gradient(of: parameter, step: step, { loss(input) }).enumerated() {
        #expect(
          numeric.isApproximatelyEqual(
            to: Double(parameterGradients[p].scalars[i]), absoluteTolerance: 2e-3, relativeTolerance: 1e-2),
          "∂L/∂\(parameter.name)[\(i)]: numeric \(numeric), backward \(parameterGradients[p].scalars[i])")
      }
    }
  }

  static func randomInput(rows: Int, columns: Int, seed: UInt64, awayFromZero: Bool = false) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    return Tensor(
      shape: [rows, columns],
      scalars: (0..<(rows * columns)).map { _ in
        let v = Float(rng.nextGaussian())
        // ReLU's kink at 0: keep inputs further than the finite-difference step from it.
        return awayFromZero ? (v >= 0 ? v + 0.1 : v - 0.1) : v
      })
  }

  @Test func dense() {
    var rng = SeededGenerator(seed: 1)
    let layer = Dense(weight: Initializer.xavierNormal.makeWeights(fanOut: 4, fanIn: 5, using: &rng))
    layer.bias!.value = Tensor(shape: [4], scalars: [0.1, -0.2, 0.3, 0.05])
    Self.checkLayer(layer, input: Self.randomInput(rows: 3, columns: 5, seed: 2), seed: 3)
  }

  @Test func denseWithoutBias() {
    var rng = SeededGenerator(seed: 4)
    let layer = Dense(weight: Initializer.heNormal.makeWeights(fanOut: 3, fanIn: 6, using: &rng), bias: false)
    #expect(layer.parameters.count == 1)
    Self.checkLayer(layer, input: Self.randomInput(rows: 2, columns: 6, seed: 5), seed: 6)
  }

  @Test(arguments: Activation.allCases)
  func activation(_ activation: Activation) {
    Self.checkLayer(
      ActivationLayer(activation),
      input: Self.randomInput(rows: 3, columns: 4, seed: 7, awayFromZero: activation == .relu),
      seed: 8)
  }

  /// Central differences of `loss` at `output` against its analytic gradient.
  static func checkLoss(_ loss: some Loss, output: Tensor, targets: Targets) {
    let (_, gradient) = loss.evaluate(output, targets)
    let numerics = FiniteDifference.gradient(at: output, step: step) { loss.evaluate($0, targets).value }
    for (i, numeric) in numerics.enumerated() {
      #expect(
        numeric.isApproximatelyEqual(to: Double(gradient.scalars[i]), absoluteTolerance: 1e-3),
        "\(loss.name) [\(i)]: numeric \(numeric), backward \(gradient.scalars[i])")
    }
  }

  @Test func softmaxCrossEntropy() {
    Self.checkLoss(
      SoftmaxCrossEntropy(), output: Self.randomInput(rows: 4, columns: 5, seed: 9), targets: .labels([0, 3, 4, 1]))
  }

  @Test func softmaxCrossEntropyValue() {
    // Uniform logits: L = log(classes) exactly.
    let (value, _) = SoftmaxCrossEntropy().evaluate(Tensor(shape: [2, 10], repeating: 3), .labels([1, 7]))
    #expect(value.isApproximatelyEqual(to: Double.log(10), relativeTolerance: 1e-6))
  }

  @Test func meanSquaredError() {
    Self.checkLoss(
      MeanSquaredError(), output: Self.randomInput(rows: 3, columns: 2, seed: 10),
      targets: .values(Self.randomInput(rows: 3, columns: 2, seed: 11)))
  }

  @Test func wholeModelMatchesFiniteDifferences() {
    var rng = SeededGenerator(seed: 12)
    let model = MLP.make(
      inputs: 5, width: 6, depth: 3, outputs: 4, activation: .tanh, initializer: .xavierNormal, using: &rng)
    let x = Self.randomInput(rows: 3, columns: 5, seed: 13)
    let targets = Targets.labels([1, 0, 3])
    _ = model.measureGradients(input: x, targets: targets, loss: SoftmaxCrossEntropy())
    let first = model.denseLayers[0].weight
    let analytic = first.gradient
    let indices = [0, 7, 13, 29]
    let numerics = FiniteDifference.gradient(of: first, step: Self.step, indices: indices) {
      SoftmaxCrossEntropy().evaluate(model.forward(x), targets).value
    }
    for (i, numeric) in zip(indices, numerics) {
      #expect(
        numeric.isApproximatelyEqual(to: Double(analytic.scalars[i]), absoluteTolerance: 1e-3, relativeTolerance: 1e-2))
    }
  }
}
