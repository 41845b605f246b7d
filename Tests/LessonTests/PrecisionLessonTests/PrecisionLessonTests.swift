import Foundation
import LessonTestSupport
import NeuralNet
import Notebook
import Testing
import Theory

import PrecisionLesson

/// Lesson 8 held to its theory rows, its exercises and its command-line contract.
@Suite("Lesson 8: precision", .serialized)
struct PrecisionLessonTests {
  static let quick = PrecisionConfiguration(quick: true, seed: 42)

  /// Rounding finds each format's limits as IEEE 754 defines them, and its unit roundoff within 1%.
  @Test(arguments: [UInt64(1), 2])
  func roundingFindsEachFormatsLimits(seed: UInt64) {
    for format in NumberFormat.allCases {
      let m = FormatProbe.measure(format, samples: 100, seed: seed)
      #expect(m.largestFinite == format.largestFinite && m.smallestSubnormal == format.smallestSubnormal, "\(format)")
      // Half the smallest subnormal rounds to 0 (a tie, to the even 0), the next input above it
      // up (inputs are Doubles for Float32, Float32s for the others).
      let half = format.flushThreshold
      let spacing = format == .float32 ? half.ulp : Double(Float(half).ulp)
      #expect(
        m.smallestNormal == format.smallestNormal && m.flushThreshold > half && m.flushThreshold <= half + spacing)
      #expect(m.unitRoundoff <= format.unitRoundoff && m.unitRoundoff > 0.99 * format.unitRoundoff, "\(format)")
    }
  }

  /// Lesson 1's naive net overflows Float16 at the layer predicted from its growth, 32 layers
  /// before Float32, and BFloat16 where Float32 does; on two more weight draws.
  @Test(arguments: [UInt64(1), 2])
  func theNaiveNetLeavesEachRangeWherePredicted(seed: UInt64) throws {
    let inputs = try Digits.load().subset(0..<64).inputs
    let p = OverflowProfile.measure(.init(name: "naive", gain2: nil, depth: 50), width: 256, inputs: inputs, seed: seed)
    for format in NumberFormat.allCases {
      let measured = try #require(p.measuredValueOverflow(format))
      #expect(abs(measured - p.predictedValueOverflow(format)) <= 1, "\(format)")
      #expect(abs((p.meanSquareCrossing(format) ?? 0) - p.predictedMeanSquareCrossing(format)) <= 1, "\(format)")
    }
    #expect(p.measuredValueOverflow(.bfloat16) == p.measuredValueOverflow(.float32))
    #expect(p.measuredValueOverflow(.float16)! <= 6)
  }

  /// As the net fits the digits its gradients shrink and Float16 flushes more of them; a larger
  /// static scale flushes fewer, and the backward pass overflows at the power of two predicted
  /// from its largest value.
  @Test func underflowGrowsWithTrainingAndScalingBringsItBack() throws {
    let (train, _) = try Digits.trainTestSplit(seed: 42)
    var setup = Self.quick.training
    setup.steps = 1000
    setup.checkpoints = 2
    let findings = GradientUnderflow.run(setup, train: train, seed: 7)
    let first = findings.checkpoints[0].layers.map(\.flushed).reduce(0, +)
    let last = findings.checkpoints[1].layers.map(\.flushed).reduce(0, +)
    #expect(first < 0.01 && last > 10 * first + 0.05, "\(first) → \(last)")
    let means = findings.sweep.map { $0.flushed.reduce(0, +) }
    #expect(zip(means, means.dropFirst()).allSatisfy { $0 >= $1 } && means.last! < 0.01, "\(means)")
    let overflow = try #require(findings.overflowScale)
    #expect(overflow == findings.predictedOverflowScale || overflow == 2 * findings.predictedOverflowScale)
  }

  /// Under dynamic scaling lesson 1's warm-up explosion ends in a run of skipped steps with finite
  /// weights and a collapsed scale, while Float32 explodes; clipping after unscaling trains, and
  /// clipping before it (at τ/S) does not.
  @Test func dynamicScalingTurnsTheExplosionIntoSkippedSteps() throws {
    let (train, test) = try Digits.trainTestSplit(seed: 42)
    let setup = PrecisionConfiguration(quick: false, seed: 1).warmup
    let run = { (v: WarmupUnderScaling.Variant) in
      WarmupUnderScaling.run(setup, variant: v, scaler: LossScaler(), train: train, test: test, seed: 1)
    }
    #expect(run(.float32).explosionStep != nil)
    let dynamic = run(.dynamic)
    #expect(dynamic.weightsFinite && dynamic.trailingSkips >= 20 && dynamic.finalScale < 1e-20)
    let after = run(.clippedAfterUnscaling)
    let before = run(.clippedBeforeUnscaling)
    #expect(after.explosionStep == nil && after.testAccuracy > 0.5 && before.testAccuracy < 0.3)
    #expect(after.finalLoss < before.finalLoss - 0.2)
  }

  /// Exercise 3's answer is GradScaler's rule worked by hand: with ×2 and ×½, and with ×3 and ×¼
  /// (65536·¼⁵·3²·¼ = 144).
  @Test func theScaleAfterASequenceIsTheRuleWorkedByHand() {
    #expect(
      PrecisionExercises.scale(start: 65536, overflowsFirst: 5, goodSteps: 4500, overflowsLast: 1, interval: 2000)
        == 65536 / 32 * 4 / 2)
    #expect(
      PrecisionExercises.scale(start: 1024, overflowsFirst: 0, goodSteps: 1999, overflowsLast: 0, interval: 2000)
        == 1024)
    #expect(
      PrecisionExercises.scale(
        start: 65536, growth: 3, backoff: 0.25, overflowsFirst: 5, goodSteps: 4500, overflowsLast: 1, interval: 2000)
        == 144)
  }
}
