import NeuralNet
import Theory

/// What `.sweep` measured, for `.direction` and `.claims` and the tests.
package struct SweepFindings: Sendable {
  /// ḡ per network seed (the lesson's seed first).
  package var averageNorms: [Double]
  /// Every clipped run: for each network seed, each multiple (and the user's τ).
  package var runs: [ClippingRuns.SweepRun]

  /// The runs of the lesson's own network seed.
  package var mainSeedRuns: [ClippingRuns.SweepRun] { runs.filter { $0.networkSeed == runs.first?.networkSeed } }
  /// The lesson's seed's run at τ = ḡ (m = 1), or the first one.
  package var reference: ClippingRuns.SweepRun {
    mainSeedRuns.first { $0.multiple == 1 } ?? mainSeedRuns[0]
  }
  /// Every network seed's run at multiple `m` (nil: the user's τ).
  package func runs(multiple m: Double?) -> [ClippingRuns.SweepRun] { runs.filter { $0.multiple == m } }
  /// How many network seeds learned the task at multiple `m`.
  package func learnedCount(multiple m: Double?) -> Int { runs(multiple: m).filter(\.learned).count }
  /// The share of steps clipped at multiple `m`, averaged over the network seeds.
  package func meanClippedFraction(multiple m: Double?) -> Double {
    let all = runs(multiple: m)
    return all.map(\.history.clippedFraction).reduce(0, +) / Double(max(all.count, 1))
  }
  /// The distinct multiples, in order (nil = the user's τ).
  package var multiples: [Double?] {
    var seen: [Double?] = []
    for r in runs where !seen.contains(where: { $0 == r.multiple }) { seen.append(r.multiple) }
    return seen
  }
}
