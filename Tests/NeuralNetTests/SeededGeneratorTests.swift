import Testing

import NeuralNet

/// The generator reproduces the published xoshiro256** seeded by SplitMix64, and named streams are
/// reproducible, distinct, and independent of one another.
@Suite("Seeded generator and named streams")
struct SeededGeneratorTests {
  @Test func seed42GivesTheReferenceOutputsOfXoshiro256StarStarSeededBySplitMix64() {
    // Computed with an independent Python transcription of Blackman & Vigna's reference code.
    var rng = SeededGenerator(seed: 42)
    #expect(
      [rng.next(), rng.next(), rng.next()] == [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1])
  }

  @Test func aStreamIsItsSeedsAndLabelsAloneAndDifferentLabelsOrSeedsGiveDifferentStreams() {
    var a = SeededGenerator(seed: 42, stream: "weights")
    var b = SeededGenerator(seed: SeededGenerator.streamSeed(42, "weights"))
    #expect((0..<4).map { _ in a.next() } == (0..<4).map { _ in b.next() })
    let labels = ["weights", "batches", "network 0", "network 1", "products 10", "products 1", ""]
    let seeds = labels.flatMap { label in (0..<UInt64(50)).map { SeededGenerator.streamSeed($0, label) } }
    #expect(Set(seeds).count == seeds.count)
    // A stream is not the plain seed's sequence shifted: its first outputs differ from seed's.
    var plain = SeededGenerator(seed: 42)
    var stream = SeededGenerator(seed: 42, stream: "")
    #expect(plain.next() != stream.next())
  }

  @Test func streamsOfNearbySeedsAndLabelsLookIndependent() {
    // The correlation of the first uniforms of streams "network k" over 2000 seeds is at noise level.
    let n = 2000
    let x = (0..<UInt64(n)).map { seed -> Double in
      var g = SeededGenerator(seed: seed, stream: "network 0")
      return g.nextUnitDouble()
    }
    let y = (0..<UInt64(n)).map { seed -> Double in
      var g = SeededGenerator(seed: seed, stream: "network 1")
      return g.nextUnitDouble()
    }
    let mx = x.reduce(0, +) / Double(n)
    let my = y.reduce(0, +) / Double(n)
    let covariance = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / Double(n)
    let correlation = covariance / (1.0 / 12)
    // Independent uniforms: the sample correlation has standard deviation 1/√n ≈ 0.022.
    #expect(abs(correlation) < 4 / Double(n).squareRoot(), "correlation \(correlation)")
    #expect(abs(mx - 0.5) < 4 * (1.0 / 12 / Double(n)).squareRoot())
  }
}
