import NeuralNet

/// Central finite differences, the one implementation the gradient checks of these tests share:
///
///     ∂L/∂θᵢ ≈ (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h,
///
/// with the loss accumulated in Double (the perturbation is in Float32, as the engine computes).
enum FiniteDifference {
  /// ∂loss/∂xᵢ at `x` for the elements at `indices` (all by default), perturbing copies of `x`.
  static func gradient(at x: Tensor, step h: Float, indices: [Int]? = nil, _ loss: (Tensor) -> Double) -> [Double] {
    (indices ?? Array(0..<x.count)).map { i in
      var plus = x
      var minus = x
      plus.scalars[i] += h
      minus.scalars[i] -= h
      return (loss(plus) - loss(minus)) / Double(2 * h)
    }
  }

  /// ∂loss/∂θᵢ for the scalars of `parameter` at `indices` (all by default), each restored after
  /// its two evaluations.
  static func gradient(of parameter: Parameter, step h: Float, indices: [Int]? = nil, _ loss: () -> Double)
    -> [Double]
  {
    (indices ?? Array(0..<parameter.value.count)).map { i in
      let original = parameter.value.scalars[i]
      parameter.value.scalars[i] = original + h
      let up = loss()
      parameter.value.scalars[i] = original - h
      let down = loss()
      parameter.value.scalars[i] = original
      return (up - down) / Double(2 * h)
    }
  }
}
