import ExerciseKit
import Foundation

/// Lesson 5 (clipping), step "Norm clipping (Algorithm 1): which thresholds train". Check with
/// `swift run -c release gradientlab exercises clipping`.
///
/// Clipping by global norm (Pascanu et al. 2013, Algorithm 1). `gradients` holds one array per
/// parameter tensor. With the global norm N = √(Σ over all tensors and components of g²):
/// if N > maxNorm, multiply every component of every tensor by maxNorm/N; otherwise return the
/// gradients unchanged. One factor for all tensors keeps the update's direction.
public func clipByGlobalNorm(_ gradients: [[Double]], maxNorm: Double) throws -> [[Double]] {
  throw NotImplemented()
}

/// Clipping by value: clamp every component to [−limit, limit]. Unlike norm clipping, this turns
/// the direction of a gradient whose large components are clamped and small ones are not.
public func clipByValue(_ gradients: [[Double]], limit: Double) throws -> [[Double]] {
  throw NotImplemented()
}
