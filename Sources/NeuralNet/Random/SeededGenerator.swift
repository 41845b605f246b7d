import RealModule

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64.
///
/// Every random choice in GradientLab (weights, data splits, mini-batch order) draws from one of
/// these, passed explicitly, so the same seed gives bit-identical results run after run. Swift's
/// standard library has only the unseeded `SystemRandomNumberGenerator`, and no package on this
/// machine provides a seeded one, so the 20 lines of the published algorithm live here.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator whose whole output is determined by `seed`.
  public init(seed: UInt64) {
    var splitMix = seed
    func next() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (next(), next(), next(), next())
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// An independent generator for a sub-task, derived from this one's next output, so that adding
  /// draws to one sub-task does not shift the random numbers of another.
  public mutating func fork() -> SeededGenerator {
    SeededGenerator(seed: next())
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal draw N(0, 1) by the Box–Muller transform.
  public mutating func nextGaussian() -> Double {
    let u1 = 1.0 - nextUnitDouble()  // in (0, 1], so log is finite
    let u2 = nextUnitDouble()
    return (-2.0 * Double.log(u1)).squareRoot() * Double.cos(2.0 * Double.pi * u2)
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
