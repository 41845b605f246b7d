import Foundation
import Testing

import NeuralNet

/// A sweep run one network per core gives the same bits as the same networks one after another,
/// in index order, with OpenBLAS single-threaded while it runs.
@Suite("Parallel sweeps", .serialized)
struct ParallelSweepTests {
  /// Trains a small MLP from `seed` and returns its parameters.
  static func trained(seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    let data = Dataset(
      inputs: Tensor(shape: [64, 16], scalars: (0..<(64 * 16)).map { _ in Float(rng.nextGaussian()) }),
      targets: .labels((0..<64).map { $0 % 4 }), classes: 4)
    let model = MLP.make(
      inputs: 16, width: 96, depth: 3, outputs: 4, activation: .relu, initializer: .heNormal, using: &rng)
    _ = Trainer.train(
      model, on: data, loss: SoftmaxCrossEntropy(), optimizer: SGD(learningRate: 0.05), steps: 20, batchSize: 16,
      batchSeed: seed &+ 1)
    return model.parameterVector
  }

  @Test func aSweepEqualsTheSequentialRunBitForBit() {
    let sequential = (0..<6).map { Self.trained(seed: UInt64($0)) }
    let parallel = ParallelSweep.map(6) { Self.trained(seed: UInt64($0)) }
    #expect(parallel == sequential)
    // Inside a sweep every BLAS call is single-threaded. (Whether the count is restored after it
    // cannot be asserted here: other suites' lessons run sweeps of their own at the same time.)
    #expect(
      ParallelSweep.map(2) { _ in BLASInfo.threads } == [1, 1] || ProcessInfo.processInfo.activeProcessorCount == 1)
  }

  @Test func progressCountsEveryJobOnce() {
    final class Counter: @unchecked Sendable {
      let lock = NSLock()
      var seen: [Int] = []
    }
    let counter = Counter()
    let values = ParallelSweep.map(9, progress: { done in counter.lock.withLock { counter.seen.append(done) } }) {
      $0 * $0
    }
    #expect(values == (0..<9).map { $0 * $0 })
    #expect(counter.seen.sorted() == Array(1...9))
  }
}
