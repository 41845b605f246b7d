import RealModule

/// Where a geometric growth of activations leaves a number format's range (docs/theory.md §1:
/// unscaled N(0, 1) weights have σ_w² = fan_in, so a ReLU layer of width 256 multiplies the second
/// moment by 128).
///
/// With E[h_l²] = q₁·g^(l−1) for the pre-activations of layer l (l = 1, 2, ...) and M the
/// format's largest finite number (Float32 ≈ 3.4e38, Float16 65504, BFloat16 ≈ 3.39e38):
/// - the mean square itself (what a variance or squared norm computed in the format holds)
///   exceeds M at the first l with q₁·g^(l−1) > M;
/// - the values overflow when the largest |h| among the N values of a layer, ≈ √(q_l)·√(2 ln N)
///   for Gaussian h, exceeds M.
public struct RangeOverflow: Sendable, Equatable {
  /// The format's largest finite value M.
  public let largestFinite: Double
  /// log M.
  public let logMax: Double

  /// The range of a format whose largest finite value is `largestFinite`.
  public init(largestFinite: Double) {
    precondition(largestFinite > 1 && largestFinite.isFinite, "a format's largest value exceeds 1")
    self.largestFinite = largestFinite
    logMax = Double.log(largestFinite)
  }

  /// Float32: (2 − 2⁻²³)·2¹²⁷ ≈ 3.4e38.
  public static let float32 = RangeOverflow(largestFinite: Double(Float.greatestFiniteMagnitude))
  /// Float16 (IEEE binary16): (2 − 2⁻¹⁰)·2¹⁵ = 65504.
  public static let float16 = RangeOverflow(largestFinite: 65504)
  /// BFloat16: (2 − 2⁻⁷)·2¹²⁷ ≈ 3.39e38, nearly Float32's.
  public static let bfloat16 = RangeOverflow(largestFinite: 0x1.fep127)

  /// The first layer whose mean square E[h_l²] exceeds M.
  public func firstLayerWithOverflowingMeanSquare(initialMeanSquare q1: Double, growth g: Double) -> Int {
    firstLayer(whereLog: { Double.log(q1) + Double($0 - 1) * Double.log(g) })
  }

  /// The first layer with a value beyond M, for N Gaussian values per layer.
  public func firstLayerWithOverflowingValue(initialMeanSquare q1: Double, growth g: Double, valuesPerLayer n: Int)
    -> Int
  {
    let typicalMaximum = (2 * Double.log(Double(Swift.max(n, 2)))).squareRoot()
    return firstLayer(
      whereLog: { 0.5 * (Double.log(q1) + Double($0 - 1) * Double.log(g)) + Double.log(typicalMaximum) })
  }

  /// The exact (real-valued) layer position l at which q₁·g^(l−1) reaches M^power.
  public func crossingLayer(initialMeanSquare q1: Double, growth g: Double, power: Double) -> Double {
    1 + (power * logMax - Double.log(q1)) / Double.log(g)
  }

  private func firstLayer(whereLog value: (Int) -> Double) -> Int {
    var layer = 1
    while value(layer) <= logMax && layer < 100_000 { layer += 1 }
    return layer
  }
}
