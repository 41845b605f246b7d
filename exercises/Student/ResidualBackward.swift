import ExerciseKit
import Foundation

/// Lesson 6 (residual), step "The gradient reaching the first layer, by depth". Check with
/// `swift run -c release gradientlab exercises residual-backward`.
///
/// A residual block y = x + ReLU(x·W): x is B×n, W is n×n. Given `upstream` g = ∂L/∂y (B×n),
/// with a = x·W and the mask m = 1[a > 0] (ReLU's derivative):
///
///     ∂L/∂W = xᵀ·(g ⊙ m)
///     ∂L/∂x = g + (g ⊙ m)·Wᵀ       (the identity path adds g itself)
///
/// `Matrix` has `*`, `+`, `.transposed`, `.hadamard(_:)` (⊙) and `.map(_:)`.
public func residualBlockBackward(input x: Matrix, weight w: Matrix, upstream g: Matrix) throws -> ResidualGradients {
  throw NotImplemented()
}
