import CVectorMath

/// A seeded pseudo-random generator: xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64.
///
/// Every random choice in GradientLab (weights, data splits, mini-batch order) draws from one of
/// these, passed explicitly, so the same seed gives bit-identical results run after run; an
/// experiment's sub-tasks draw from named streams of its seed (`init(seed:stream:)`). Swift's
/// standard library has only the unseeded `SystemRandomNumberGenerator`, and no package on this
/// machine provides a seeded one, so the 20 lines of the published algorithm live here.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator whose whole output is determined by `seed`.
  public init(seed: UInt64) {
    var splitMix = seed
    func next() -> UInt64 {
      defer { splitMix &+= 0x9E37_79B9_7F4A_7C15 }
      return Self.mix(splitMix)
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

  /// A generator for the random stream named `label` of an experiment seeded with `seed`
  /// (`streamSeed`): "weights", "batches", "products 3", ….
  public init(seed: UInt64, stream label: String) {
    self.init(seed: Self.streamSeed(seed, label))
  }

  /// The seed of the random stream named `label` under `seed`: SplitMix64's finalizer of `seed`
  /// XOR the label's 64-bit FNV-1a hash (Fowler, Noll & Vo), finalized again.
  ///
  /// Each sub-task of an experiment (the weights, the batch order, the data split, the k-th
  /// network of a sweep) draws from its own stream, so adding draws to one never shifts another,
  /// and the label says in the code what the stream is for. Two runs that must see the same
  /// random numbers (the same batch order for two architectures) name the same stream.
  public static func streamSeed(_ seed: UInt64, _ label: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return mix(mix(seed) ^ hash)
  }

  /// SplitMix64's output function (Steele, Lea & Flood 2014): a bijection of 64-bit words whose
  /// outputs for nearby inputs look independent.
  private static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal draw N(0, 1) by the Box–Muller transform: z = √(−2 ln u₁) · cos(2π u₂)
  /// from two uniforms (Box & Muller 1958), through `VectorMath.boxMuller`.
  public mutating func nextGaussian() -> Double {
    var (u1, u2) = nextUniformPair()
    var z = 0.0
    vectormath_box_muller(&u1, &u2, &z, 1, VectorMath.Path.scalar.rawValue)
    return z
  }

  /// `count` standard normal draws: the same numbers, bit for bit, as `count` calls of
  /// `nextGaussian()`, and the generator left in the same state, but the logs and cosines taken
  /// 8 or 16 at a time (`VectorMath`).
  public mutating func gaussians(count: Int) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { z, initialized in
      fillGaussians(z) { $0 }
      initialized = count
    }
  }

  /// Float(scale · z) for `count` standard normal draws z, as `count` calls of
  /// `Float(scale * nextGaussian())` give them: N(0, scale²) weights or inputs.
  public mutating func gaussians(count: Int, scale: Double) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { out, initialized in
      fillGaussians(out) { Float(scale * $0) }
      initialized = count
    }
  }

  /// Fills `out` with `transform(z)` for successive draws z, a block at a time: the block's draws
  /// (`vectormath_xoshiro_gaussians`: what `nextGaussian()` gives, eight stretches of the stream
  /// at once on AVX-512), then their transforms.
  private mutating func fillGaussians<T>(_ out: UnsafeMutableBufferPointer<T>, _ transform: (Double) -> T) {
    let block = 4096  // the draws' vector block (Uniforms.c); 32 KB of scratch
    withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { scratch in
      let z = scratch.baseAddress!
      var start = 0
      while start < out.count {
        let n = Swift.min(block, out.count - start)
        withUnsafeMutableBytes(of: &state) { words in
          let s = words.baseAddress!.assumingMemoryBound(to: UInt64.self)
          vectormath_xoshiro_gaussians(s, z, n, VectorMath.Path.best.rawValue)
        }
        let target = out.baseAddress! + start
        for i in 0..<n { (target + i).initialize(to: transform(z[i])) }
        start += n
      }
    }
  }

  /// The two uniforms of one Box–Muller draw, in this order: u₁ in (0, 1] (so its log is
  /// finite) and u₂ in [0, 1).
  private mutating func nextUniformPair() -> (Double, Double) {
    let u1 = 1.0 - nextUnitDouble()
    return (u1, nextUnitDouble())
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
