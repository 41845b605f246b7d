import Claims
import Foundation
import LessonTestSupport
import NeuralNet
import Notebook
import Testing

import ExplodingLesson

/// Lesson 1 held to its theory rows and its quick run (its command line: the contract suite).
@Suite("Lesson 1: exploding", .serialized)
struct ExplodingLessonTests {
  static let quick = ExplodingConfiguration(quick: true, seed: 42)

  /// The quick run's metrics.json records the explosion, its fixes and their spreads over seeds.
  @Test func theQuickRunRecordsTheExplosionItsFixesAndTheirSpreads() throws {
    let folder = try QuickRun.of(ExplodingLesson.self).folder
    let object = try LessonExpectations.metrics(in: folder)
    #expect(object["lesson"] as? String == "exploding")
    #expect(object["mode"] as? String == "quick")
    let checks = try #require(object["checks"] as? [[String: Any]])
    #expect(checks.allSatisfy { $0["passed"] as? Bool == true })
    let runs = try #require(object["runs"] as? [String: Any])
    let ratios = try #require(runs["update_to_data_ratio"] as? [String: Any])
    // The exploding net's one update is of the order of its weights; the fix's steps are small.
    #expect((ratios["exploding_median_step_0"] as? Double ?? 0) > 0.1)
    #expect((ratios["fixed_median_last_50_steps"] as? Double ?? 1) < 1e-2)
    // The histograms' median moves by the theory's factor per layer in the exploding net and
    // stays put in the fix.
    let histograms = try #require(runs["gradient_histograms_step_0"] as? [String: Any])
    let predicted = try #require(histograms["predicted_factor_per_layer"] as? Double)
    #expect(abs((histograms["exploding_median_factor_per_layer"] as? Double ?? 0) / predicted - 1) < 0.05)
    #expect(abs((histograms["fixed_median_factor_per_layer"] as? Double ?? 0) - 1) < 0.05)
    let exploding = try #require(runs["train_exploding"] as? [String: Any])
    #expect(exploding["first_nonfinite_step"] as? Int == 1)
    // Seed-dependent figures are spreads over the seeds; a run that blew up has no mean.
    #expect((exploding["seeds"] as? [Int])?.count == Self.quick.trainingSeeds)
    let loss = try #require(exploding["final_loss"] as? [String: Any])
    #expect(loss["mean"] is NSNull && (loss["per_seed"] as? [Any])?.count == Self.quick.trainingSeeds)
    #expect(exploding["nonfinite_seeds"] as? Int == Self.quick.trainingSeeds)
    // The explosion during training: the baseline trains ≥ 20 steps and explodes, each fix stays
    // finite, and batch norm (not a fix here) is recorded apart.
    let mid = try #require(runs["mid_training_explosion"] as? [String: Any])
    #expect((mid["explosion_step"] as? Int ?? 0) >= 20)
    #expect(mid["exploded_seeds"] as? Int == Self.quick.trainingSeeds)
    for fix in ["smaller_step", "clipping"] {
      let fixed = try #require(runs["mid_training_explosion_fixed_\(fix)"] as? [String: Any])
      #expect(fixed["explosion_step"] is NSNull && fixed["exploded_seeds"] as? Int == 0, "\(fix)")
      #expect(fixed["steps_recorded"] as? Int == Self.quick.midTraining.steps)
    }
    #expect(runs["mid_training_explosion_with_batch_norm"] != nil)
    let claims = try #require(object["claims"] as? [[String: Any]])
    let death = try #require(claims.first { $0["id"] as? String == ClaimID.suddenDeath.rawValue })
    #expect(death["verdict"] as? String == Claim.Verdict.partlyHolds.rawValue)
    let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("![") && readme.contains("Seed: 42"))
  }

  /// The remedies step: each remedy's runs are recorded over the seeds, and the two claims it
  /// judges say what those records show (weight decay leaves the explosion, dropout's warm-up
  /// stays finite, the shifted digits delay it on every seed without removing it: false).
  @Test func theRemediesStepRecordsEachRemedyAndItsClaimsFollowTheRecords() throws {
    let folder = try QuickRun.of(ExplodingLesson.self).folder
    let object = try LessonExpectations.metrics(in: folder)
    let runs = try #require(object["runs"] as? [String: Any])
    let n = Self.quick.trainingSeeds
    func remedy(_ remedy: OtherRemedies.Remedy) throws -> [String: Any] {
      try #require(runs["remedy_\(remedy.rawValue)"] as? [String: Any], "\(remedy)")
    }
    for found in OtherRemedies.Remedy.allCases {
      #expect((try remedy(found)["explosion_steps"] as? [Any])?.count == n)
    }
    #expect(try remedy(.weightDecay)["exploded_seeds"] as? Int == n)
    #expect(try remedy(.dropout)["exploded_seeds"] as? Int == 0)
    #expect(try remedy(.augmentation)["exploded_seeds"] as? Int == n)
    #expect((try remedy(.augmentation)["median_explosion_delay"] as? Double ?? 0) > 0)
    let claims = try #require(object["claims"] as? [[String: Any]])
    func verdict(_ id: ClaimID) -> String? {
      claims.first { $0["id"] as? String == id.rawValue }?["verdict"] as? String
    }
    #expect(verdict(.dataAugmentation) == Claim.Verdict.false_.rawValue)
    #expect(verdict(.regularization) == Claim.Verdict.partlyHolds.rawValue)
  }

  /// The run-up to the explosion, measured: the warm-up flattens the net before it blows up, the
  /// blow-up is a gradient explosion, and each fix does what the notebook says.
  @Test func theWarmupRunFlattensThenExplodesAndTheFixesHold() throws {
    let digits = try ExplodingExperiments.digitsSplit(seed: 42).train
    let setup = Self.quick.midTraining
    // One BLAS thread throughout: the runs are compared bit for bit below, and a sweep of another
    // test could otherwise change the thread count (and on some kernels the bits) between them.
    let runs = ParallelSweep.singleThreadedBLAS {
      MidTrainingExplosion.runs(setup, train: digits, seed: 42, detailed: false)
    }
    let baseline = try #require(runs.first { $0.variant == .baseline })
    let explosion = try #require(baseline.explosionStep)
    #expect(explosion >= 20)
    // It trained first: the loss before the run-up is well below the loss at the start.
    #expect(baseline.meanLoss(explosion - 15..<explosion - 5) < 0.7 * baseline.meanLoss(0..<5))
    // The sharpness fell at least twofold while η rose, and the flattest point came before the explosion.
    let flattest = try #require(baseline.flattest)
    #expect(flattest.sharpness < baseline.initialSharpness / 2 && flattest.step < explosion)
    // The gradient exploded: its largest finite norm is orders of magnitude above its early level.
    #expect(baseline.peakGradientGrowth > 1e3)
    for variant in [MidTrainingExplosion.Variant.smallerStep, .clipping] {
      let run = try #require(runs.first { $0.variant == variant })
      #expect(run.explosionStep == nil && run.history.nonFinite == nil, "\(variant)")
      #expect(run.history.steps.count == setup.steps)
    }
    let clipped = try #require(runs.first { $0.variant == .clipping })
    #expect(clipped.clippedShare(from: explosion) > 0.2)
    #expect(clipped.history.steps.allSatisfy { ($0.clip?.normAfter ?? 0) <= setup.clipNorm * (1 + 1e-5) })
    // Same weights and batches: every run's first step is the same except batch norm's.
    #expect(runs[0].history.steps[0].loss == runs[1].history.steps[0].loss)
  }

  @Test func gradientFactorsMatchTheoryInFullWidth() {
    var config = ExplodingConfiguration(quick: false, seed: 7)
    config.networksPerGain = 2
    let digits = try! ExplodingExperiments.digitsSplit(seed: 7).train
    for profile in ExplodingExperiments.gradientProfiles(config, gains2: [1, 2, 3, 4], digits: digits) {
      let predicted = (profile.gain2 / 2).squareRoot()
      #expect(abs(profile.fittedBackwardFactor - predicted) <= 0.05 * predicted, "σ_w² = \(profile.gain2)")
    }
  }

  @Test func naiveNetworkOverflowsWherePredicted() throws {
    let digits = try ExplodingExperiments.digitsSplit(seed: 42).train
    for width in [128, 256] {
      var config = Self.quick
      config.width = width
      let result = ExplodingExperiments.naiveForward(config, digits: digits)
      let prediction = ExplodingExperiments.naivePrediction(
        config, inputSquaredNorm: result.inputSquaredNorm, valuesPerLayer: result.valuesPerLayer)
      #expect(abs((result.firstNonFiniteLayer ?? 0) - prediction.valueLayer) <= 1)
      #expect(abs((result.firstLayerMeanSquareAboveFloatMax ?? 0) - prediction.meanSquareLayer) <= 1)
    }
  }

  @Test func experimentsAreBitIdenticalUnderASeed() throws {
    let digits = try ExplodingExperiments.digitsSplit(seed: 3)
    var config = ExplodingConfiguration(quick: true, seed: 3)
    config.steps = 5
    // One BLAS thread for both runs: another test's sweep could otherwise change the process's
    // thread count between them, and on some kernels (Zen) the bits with it.
    let (a, b) = ParallelSweep.singleThreadedBLAS {
      (
        ExplodingExperiments.training(config, train: digits.train, test: digits.test),
        ExplodingExperiments.training(config, train: digits.train, test: digits.test)
      )
    }
    // Compare printed values: NaN != NaN, but the shortest round-trip decimal of every Double is exact.
    #expect("\(a.map(\.history))" == "\(b.map(\.history))")
    #expect(a[0].history.nonFinite != nil)
    let (p, q) = ParallelSweep.singleThreadedBLAS {
      (
        ExplodingExperiments.randomProducts(scales: [1.1], depth: 10, width: 32, trials: 2, seed: 3),
        ExplodingExperiments.randomProducts(scales: [1.1], depth: 10, width: 32, trials: 2, seed: 3)
      )
    }
    #expect(p[0].geometricMeanRatio == q[0].geometricMeanRatio)
  }

  /// A random stream is named for what it draws for, not for its place in a list: adding a σ_w²
  /// (as `--weight-std 1.6` adds 2.56) or a scale leaves the other values' numbers bit-identical.
  @Test func addingAValueToASweepMovesNoOtherValuesNumbers() throws {
    let digits = try ExplodingExperiments.digitsSplit(seed: 3).train
    var config = ExplodingConfiguration(quick: true, seed: 3)
    config.networksPerGain = 2
    let (without, with) = ParallelSweep.singleThreadedBLAS {
      (
        ExplodingExperiments.gradientProfiles(config, gains2: [3, 4], digits: digits),
        ExplodingExperiments.gradientProfiles(config, gains2: [2.56, 3, 4], digits: digits)
      )
    }
    #expect(with.map(\.gain2) == [2.56, 3, 4])
    #expect("\(without.map(\.gradientNorm))" == "\(with.dropFirst().map(\.gradientNorm))")
    let (products, more) = ParallelSweep.singleThreadedBLAS {
      (
        ExplodingExperiments.randomProducts(scales: [1.1, 1.3], depth: 6, width: 16, trials: 2, seed: 3),
        ExplodingExperiments.randomProducts(scales: [0.9, 1.1, 1.3], depth: 6, width: 16, trials: 2, seed: 3)
      )
    }
    #expect(products.map(\.geometricMeanRatio) == more.dropFirst().map(\.geometricMeanRatio))
  }
}
