import NeuralNet
import Theory

/// Step `.overflow`'s experiment: a ReLU net's forward pass at init, its pre-activations computed
/// in Float32 and stored in each format at every layer boundary (as mixed precision stores them).
///
/// With W ~ N(0, σ_w²/n) every ReLU layer multiplies E[h²] by g = σ_w²/2 (docs/theory.md §1):
/// E[h_l²] = q₁·g^(l−1) with q₁ = (σ_w²/n_in)·E‖x‖². `RangeOverflow` turns that into the layer
/// where E[h²], and then the largest value, passes a format's largest finite number.
package enum OverflowProfile {
  /// One of the two nets.
  package struct Net: Sendable, Equatable {
    /// Its name in tables and metrics.json.
    package var name: String
    /// σ_w² = n·Var[W]: nil for N(0, 1) weights (σ_w² = the fan-in, lesson 1's naive net).
    package var gain2: Double?
    /// Hidden layers.
    package var depth: Int

    /// A net of `depth` hidden layers named `name`, σ_w² = `gain2` (nil: N(0, 1) weights).
    package init(name: String, gain2: Double?, depth: Int) {
      (self.name, self.gain2, self.depth) = (name, gain2, depth)
    }
  }

  /// What one net's forward pass measured.
  package struct Profile: Sendable {
    /// The net.
    package var net: Net
    /// E[h_l²] of each hidden layer's pre-activations (Float32 arithmetic, summed in Double; +∞
    /// once Float32 itself overflowed).
    package var meanSquares: [Double]
    /// Per format (`NumberFormat.allCases` order): the first hidden layer whose stored
    /// pre-activations hold ±∞ or NaN (nil: none within the depth).
    package var firstOverflow: [Int?]
    /// q₁ = E[h_1²] predicted from the input: (σ_w²/n_in)·E‖x‖².
    package var predictedFirstMeanSquare: Double
    /// g: E[h²]'s predicted factor per layer.
    package var growth: Double
    /// Values per layer (examples × width), for the largest value's prediction.
    package var valuesPerLayer: Int

    /// The first layer whose measured E[h²] exceeds `format`'s largest finite number (nil: none).
    package func meanSquareCrossing(_ format: NumberFormat) -> Int? {
      meanSquares.firstIndex { !($0 <= format.largestFinite) }.map { $0 + 1 }
    }
    /// The predicted first layer whose E[h²] exceeds `format`'s largest finite number.
    package func predictedMeanSquareCrossing(_ format: NumberFormat) -> Int {
      RangeOverflow(largestFinite: format.largestFinite).firstLayerWithOverflowingMeanSquare(
        initialMeanSquare: predictedFirstMeanSquare, growth: growth)
    }
    /// The predicted first layer holding a value beyond `format`'s largest finite number.
    package func predictedValueOverflow(_ format: NumberFormat) -> Int {
      RangeOverflow(largestFinite: format.largestFinite).firstLayerWithOverflowingValue(
        initialMeanSquare: predictedFirstMeanSquare, growth: growth, valuesPerLayer: valuesPerLayer)
    }
    /// The measured first overflowing layer in `format`.
    package func measuredValueOverflow(_ format: NumberFormat) -> Int? {
      firstOverflow[NumberFormat.allCases.firstIndex(of: format)!]
    }
    /// Two standard deviations of a layer position at layer `l`, in layers: at finite width n
    /// the log of E[h²] wanders with variance ≈ 5l/n (theory §1), which moves a crossing by
    /// that over ln g.
    package func spreadInLayers(at l: Int, width: Int) -> Double {
      2 * (5 * Double(l) / Double(width)).squareRoot() / Double.log(growth)
    }
  }

  /// The profile of `net` at `width` on `inputs`, weights drawn from `seed`.
  package static func measure(_ net: Net, width: Int, inputs: Tensor, seed: UInt64) -> Profile {
    var rng = SeededGenerator(seed: seed, stream: "overflow \(net.name)")
    let initializer: Initializer = net.gain2.map { .scaledNormal(gain2: $0) } ?? .naive
    let model = MLP.make(
      inputs: inputs.shape[1], width: width, depth: net.depth, outputs: 10, activation: .relu,
      initializer: initializer, bias: false, using: &rng)
    let hidden = Array(model.layers.dropLast())
    // The Float32 pass gives the mean squares and Float32's own first overflow; each 16-bit
    // format needs a pass of its own.
    var meanSquares: [Double] = []
    var float32Overflow: Int?
    var x = inputs
    for layer in hidden {
      x = layer.forward(x)
      guard layer is Dense else { continue }
      meanSquares.append(x.sumOfSquares() / Double(x.count))
      if float32Overflow == nil && x.scalars.contains(where: { !$0.isFinite }) { float32Overflow = meanSquares.count }
    }
    let firstOverflow = NumberFormat.allCases.map { format -> Int? in
      guard format != .float32 else { return float32Overflow }
      var stored = format.rounded(inputs)
      var l = 0
      for layer in hidden {
        stored = format.rounded(layer.forward(stored))
        guard layer is Dense else { continue }
        l += 1
        if stored.scalars.contains(where: { !$0.isFinite }) { return l }
      }
      return nil
    }
    let examples = inputs.shape[0]
    let inputGain2 = net.gain2 ?? Double(inputs.shape[1])
    let gain2 = net.gain2 ?? Double(width)
    return Profile(
      net: net, meanSquares: meanSquares, firstOverflow: firstOverflow,
      predictedFirstMeanSquare: inputGain2 / Double(inputs.shape[1]) * inputs.sumOfSquares() / Double(examples),
      growth: PlainNetworkTheory.squaredGrowthPerLayer(.relu, gain2: gain2), valuesPerLayer: examples * width)
  }
}
