/// Gradient clipping, applied to the gradients of a set of parameters before an update.
///
/// - `norm(τ)`: if the global norm ‖g‖ ≥ τ, g ← τ·g/‖g‖ (Pascanu, Mikolov & Bengio 2013,
///   Algorithm 1): the direction is kept, only the length is capped.
/// - `value(c)`: every component is clamped to [−c, c] (the older heuristic): the direction changes
///   whenever some components are clamped and others are not.
public enum GradientClipping: Sendable, Equatable, CustomStringConvertible {
  /// No clipping.
  case none
  /// Rescale to norm τ when the global norm reaches τ.
  case norm(Double)
  /// Clamp each component to [−c, c].
  case value(Double)

  public var description: String {
    switch self {
    case .none: "no clipping"
    case .norm(let t): "norm clipping at \(t)"
    case .value(let c): "value clipping at \(c)"
    }
  }

  /// What one application did.
  public struct Record: Sendable, Equatable {
    /// ‖g‖ before clipping.
    public var normBefore: Double
    /// ‖g‖ after.
    public var normAfter: Double
    /// Whether any gradient was changed.
    public var clipped: Bool
    /// cos(g_before, g_after): 1 when the direction is kept.
    public var cosine: Double
  }

  /// Clips the parameters' gradients in place and says what it did. Non-finite gradients are left
  /// as they are (a NaN has no direction to keep); the record then holds a non-finite norm.
  @discardableResult
  public func apply(to parameters: [Parameter]) -> Record {
    let before = Parameter.gradientNorm(parameters)
    guard before.isFinite, before > 0 else {
      return Record(normBefore: before, normAfter: before, clipped: false, cosine: before > 0 ? .nan : 1)
    }
    switch self {
    case .none:
      return Record(normBefore: before, normAfter: before, clipped: false, cosine: 1)
    case .norm(let threshold):
      guard before >= threshold else {
        return Record(normBefore: before, normAfter: before, clipped: false, cosine: 1)
      }
      let scale = Float(threshold / before)
      for p in parameters { p.gradient.scale(by: scale) }
      return Record(normBefore: before, normAfter: threshold, clipped: true, cosine: 1)
    case .value(let limit):
      let c = Float(limit)
      var dot = 0.0
      var after = 0.0
      var changed = false
      for p in parameters {
        for i in p.gradient.scalars.indices {
          let g = p.gradient.scalars[i]
          let clamped = Swift.min(Swift.max(g, -c), c)
          if clamped != g { changed = true }
          p.gradient.scalars[i] = clamped
          dot += Double(g) * Double(clamped)
          after += Double(clamped) * Double(clamped)
        }
      }
      let normAfter = after.squareRoot()
      return Record(
        normBefore: before, normAfter: normAfter, clipped: changed,
        cosine: normAfter > 0 ? dot / (before * normAfter) : .nan)
    }
  }
}
