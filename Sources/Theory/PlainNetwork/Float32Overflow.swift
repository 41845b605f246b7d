import RealModule

/// Where a geometric growth of activations leaves Float32's range (docs/theory.md §1: unscaled N(0, 1)
/// weights have σ_w² = fan_in, so a ReLU layer of width 256 multiplies the second moment by 128).
///
/// With E[h_l²] = q₁·g^(l−1) for the pre-activations of layer l (l = 1, 2, ...):
/// - the mean square itself (what any Float32 variance or squared norm computes) exceeds
///   Float.greatestFiniteMagnitude ≈ 3.4e38 at the first l with q₁·g^(l−1) > 3.4e38;
/// - the values overflow when the largest |h| among the N values of a layer, ≈ √(q_l)·√(2 ln N)
///   for Gaussian h, exceeds 3.4e38.
public enum Float32Overflow {
  /// log of Float32's largest finite value.
  public static let logMax = Double.log(Double(Float.greatestFiniteMagnitude))

  /// The first layer whose mean square E[h_l²] exceeds Float32's largest finite value.
  public static func firstLayerWithOverflowingMeanSquare(initialMeanSquare q1: Double, growth g: Double)
    -> Int
  {
    firstLayer(whereLog: { Double.log(q1) + Double($0 - 1) * Double.log(g) }, exceeds: logMax)
  }

  /// The first layer with a value beyond Float32's range, for N Gaussian values per layer.
  public static func firstLayerWithOverflowingValue(
    initialMeanSquare q1: Double, growth g: Double, valuesPerLayer n: Int
  ) -> Int {
    let typicalMaximum = (2 * Double.log(Double(Swift.max(n, 2)))).squareRoot()
    return firstLayer(
      whereLog: { 0.5 * (Double.log(q1) + Double($0 - 1) * Double.log(g)) + Double.log(typicalMaximum) },
      exceeds: logMax)
  }

  /// The exact (real-valued) layer position l at which q₁·g^(l−1) reaches `Float.greatestFiniteMagnitude^power`.
  public static func crossingLayer(initialMeanSquare q1: Double, growth g: Double, power: Double) -> Double {
    1 + (power * logMax - Double.log(q1)) / Double.log(g)
  }

  private static func firstLayer(whereLog value: (Int) -> Double, exceeds limit: Double) -> Int {
    var layer = 1
    while value(layer) <= limit && layer < 100_000 { layer += 1 }
    return layer
  }
}
