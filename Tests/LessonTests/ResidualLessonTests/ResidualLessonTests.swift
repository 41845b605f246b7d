import Foundation
import LessonTestSupport
import NeuralNet
import Notebook
import Testing
import Theory

import ResidualLesson

/// Lesson 6 held to its theory rows, its exercises and its command-line contract.
@Suite("Lesson 6: residual", .serialized)
struct ResidualLessonTests {
  static let quick = ResidualConfiguration(quick: true, seed: 42)

  static func data() throws -> (train: Dataset, test: Dataset) { try Digits.trainTestSplit(seed: 42) }

  @Test(arguments: [UInt64(1), 2])
  func stacksGrowAsOnePlusAlphaSquaredPerBlock(seed: UInt64) {
    // The per-block factor averaged over 16 networks × 20 blocks, against 1 + α².
    for alpha in [1.0, 0.5, 0.1] {
      let factors = (0..<16).flatMap { n in
        let p = ResidualVariance.profile(
          alpha: alpha, blocks: 20, width: 128, batch: 32, seed: seed &* 100 &+ UInt64(n))
        return (1...20).map { p[$0] / p[$0 - 1] }
      }
      let sample = SampleMean(factors)
      let predicted = ResidualTheory.normGrowth(alpha: alpha, blocks: 1)
      #expect(abs(sample.mean - predicted) <= 3 * sample.standardError + 1e-3, "α = \(alpha)")
    }
    #expect(ResidualVariance.profile(alpha: 0, blocks: 5, width: 16, batch: 4, seed: seed).allSatisfy { $0 == 1 })
  }

  static func ratio(_ architecture: Architecture, depth: Int, seed: UInt64, train: Dataset) -> Double {
    let model = architecture.make(depth: depth, width: 64, seed: seed)
    let batch = Array(0..<64)
    let record = model.measureGradients(
      input: train.inputs.gatheringRows(batch), targets: train.targets.gathering(batch), loss: SoftmaxCrossEntropy())
    let dense = record.layers.compactMap(\.weightGradientNorm)
    return dense.first! / dense.last!
  }

  @Test func batchNormAloneExplodesWithDepthAndTheResidualPathRemovesIt() throws {
    let train = try Self.data().train
    for seed in [UInt64(1), 2] {
      let bn10 = Self.ratio(.batchNorm, depth: 10, seed: seed, train: train)
      let bn30 = Self.ratio(.batchNorm, depth: 30, seed: seed, train: train)
      // Geometric growth with depth (about ×1.2 per layer at width 64): 20 more layers, more than ×20.
      #expect(bn30 / bn10 > 20)
      let res30 = Self.ratio(.batchNormResidual, depth: 30, seed: seed, train: train)
      #expect(res30 < 10 && res30 > 0.1)
      let skip30 = Self.ratio(.residual, depth: 30, seed: seed, train: train)
      #expect(skip30 < 3 && skip30 > 0.3)
    }
  }

  @Test func residualNetsTrainWhereThePlainOneAndUnscaledResidualFail() throws {
    let (train, test) = try Self.data()
    let config = Self.quick
    let residual = Architecture.residual.train(depth: 50, config, train: train, test: test)
    #expect(residual.testAccuracy > 0.8)
    let plain = Architecture.plain.train(depth: 50, config, train: train, test: test)
    #expect(plain.testAccuracy < residual.testAccuracy - 0.3)
    let unscaled = Architecture.residualUnscaled.train(depth: 100, config, train: train, test: test)
    #expect(unscaled.history.nonFinite != nil)
    for a in [Architecture.fixup, .skipInit] {
      let run = a.train(depth: 100, config, train: train, test: test)
      #expect(run.history.nonFinite == nil && run.testAccuracy > 0.7, "\(a.rawValue)")
    }
  }

  /// The overrides reach the run, and at η = 0.3 Fixup does not train, which turns the claim that
  /// an initialization may not solve explosion from false to holds.
  @Test func overridesReachTheRunAndChangeAVerdict() throws {
    let (parameters, metrics) = try LessonExpectations.overrideChangesAVerdict(
      "residual", ["--lr", "0.3", "--depth", "20", "--steps", "40", "--width", "32"],
      claim: "batch-norm-and-batch-gd/init-may-not-solve", verdict: "holds", evidence: "Fixup did not train")
    #expect(parameters["depth"] as? Int == 20 && parameters["steps"] as? Int == 40 && parameters["width"] as? Int == 32)
    let runs = try #require(metrics["runs"] as? [String: Any])
    #expect(runs["train_plain_depth20"] != nil)
  }
}
