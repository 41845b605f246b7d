import ExerciseKit
import Foundation

/// Lesson 1 (exploding), step "A controlled explosion: the gradient norm layer by layer". Check with
/// `swift run -c release gradientlab exercises dense-backward`.
///
/// A dense layer computes y = x·W + b for a batch: x is B×n (one example per row), W is n×m,
/// b has m values (added to every row), y is B×m. Given `upstream` g = ∂L/∂y (B×m), return
///
///     ∂L/∂x = g·Wᵀ          (B×n, the shape of x)
///     ∂L/∂W = xᵀ·g          (n×m, the shape of W)
///     ∂L/∂b = Σ_rows g      (m values: the sum over the batch)
///
/// Derive each from y_ij = Σ_k x_ik·W_kj + b_j with the chain rule: ∂L/∂W_kj = Σ_i g_ij·x_ik.
/// `Matrix` has `*` (matrix product), `.transposed` and `.columnSums`.
public func denseBackward(input x: Matrix, weight w: Matrix, upstream g: Matrix) throws -> DenseGradients {
  DenseGradients(input: g * w.transposed, weight: x.transposed * g, bias: g.columnSums)
}
