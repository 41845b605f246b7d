import Foundation
import LessonTestSupport
import NeuralNet
import Notebook
import Testing
import Theory

import BatchNormLesson
import Claims

/// Lesson 3 held to its theory rows, its exercises and its command-line contract.
@Suite("Lesson 3: batchnorm", .serialized)
struct BatchNormLessonTests {
  static let quick = BatchNormConfiguration(quick: true, seed: 42)

  /// The quick run's fix, histograms and evaluation-mode bug, as its metrics.json records them.
  @Test func theQuickRunRecordsTheFixTheHistogramsAndTheEvaluationBug() throws {
    let folder = try QuickRun.of(BatchNormLesson.self).folder
    let runs = try #require(try LessonExpectations.metrics(in: folder)["runs"] as? [String: Any])
    // The fix: the plain net goes non-finite, the BN net trains.
    let plain = try #require(runs["fix_plain"] as? [String: Any])
    let bn = try #require(runs["fix_with_batch_norm"] as? [String: Any])
    #expect(plain["first_nonfinite_step"] is Int)
    #expect(try #require(bn["test_accuracy"] as? Double) > 0.7)
    // BN holds every layer's activations at one scale; the plain net's grow layer by layer.
    let histograms = try #require(runs["fix_histograms_step_0"] as? [String: Any])
    #expect(abs(try #require(histograms["batch_norm_activation_growth_per_layer"] as? Double) - 1) < 0.02)
    #expect(try #require(histograms["plain_activation_growth_per_layer"] as? Double) > 1.1)
    // The bug: a test batch of one in training mode is at chance; eval mode is not.
    let evaluation = try #require(runs["eval_mode"] as? [String: Any])
    #expect(try #require(evaluation["train_mode_accuracy_b1"] as? Double) < 0.2)
    #expect(try #require(evaluation["eval_accuracy"] as? Double) > 0.8)
  }

  /// Internal covariate shift, measured: batch norm trains better without a clear reduction of
  /// the shift, the noise raises the shift above the plain net's, and the claim follows.
  @Test func theCovariateShiftStepMeasuresTheShiftAndTheClaimFollowsIt() throws {
    let object = try LessonExpectations.metrics(in: try QuickRun.of(BatchNormLesson.self).folder)
    let runs = try #require(object["runs"] as? [String: Any])
    func ics(_ net: CovariateShift.Net) throws -> Double {
      try #require((runs["covariate_shift_\(net.rawValue)"] as? [String: Any])?["median_ics"] as? Double)
    }
    #expect(try ics(.noisyBatchNorm) > 1.2 * ics(.plain))
    #expect(try ics(.batchNorm) > CovariateShift.clearReduction * ics(.plain))
    let claims = try #require(object["claims"] as? [[String: Any]])
    let claim = try #require(claims.first { $0["id"] as? String == ClaimID.internalCovariateShift.rawValue })
    #expect(claim["verdict"] as? String == Claim.Verdict.false_.rawValue)
  }

  /// The ICS measurement leaves the net as it found it, and a layer whose predecessors do not move
  /// (η = 0) sees no shift at all.
  @Test func theShiftMeasurementRestoresTheNetAndIsZeroWithoutAStep() throws {
    let (train, _) = try Digits.trainTestSplit(seed: 42)
    var setup = Self.quick.shift
    setup.learningRate = 0
    var rng = SeededGenerator(seed: 5)
    let model = MLP.make(
      inputs: train.features, width: 32, depth: 4, outputs: 10, activation: .relu, initializer: .heNormal,
      batchNorm: BatchNorm.Settings(), using: &rng)
    let parameters = model.parameterVector
    let state = model.state
    let measured = CovariateShift.measure(model, on: train.subset(0..<64), setup: setup, step: 0)
    #expect(model.parameterVector == parameters && model.state == state)
    #expect(measured.relativeChange.count == 4 && measured.relativeChange.allSatisfy { $0 == 0 })
    #expect(measured.cosine.allSatisfy { abs($0 - 1) < 1e-9 })
    setup.learningRate = 0.1
    let moved = CovariateShift.measure(model, on: train.subset(0..<64), setup: setup, step: 0)
    #expect(moved.relativeChange.allSatisfy { $0 > 0 } && model.parameterVector == parameters)
  }

  @Test(arguments: [8, 16, 64])
  func yangLambdaAtFullWidth(batchSize: Int) throws {
    let data = try Digits.trainTestSplit(seed: 42).train
    let m = YangExplosion.measure(.relu, batchSize: batchSize, depth: 50, width: 512, networks: 8, data: data, seed: 9)
    #expect(abs(m.measured / m.predicted - 1) <= m.tolerance, "B = \(batchSize): \(m.measured) vs \(m.predicted)")
    #expect(m.tolerance < 0.06)
    let linear = YangExplosion.measure(.identity, batchSize: 8, depth: 50, width: 512, networks: 1, data: data, seed: 9)
    #expect(abs(linear.measured / 1.2 - 1) <= 0.03)
  }

  @Test func depthLimitAndResidualRescue() throws {
    let (train, test) = try Digits.trainTestSplit(seed: 42)
    var config = Self.quick
    config.limitDepths = [40]
    let result = DepthLimit.run(config, train: train, test: test)
    #expect(result.table.count == 1 && result.deepest.seeds.count == config.fixSeeds)
    #expect(result.deepest.main[0].plain.history.steps.map(\.loss) == result.table[0].plain.history.steps.map(\.loss))
    for (seed, pairs) in zip(result.deepest.seeds, result.deepest.perSeed) {
      let pair = pairs[0]
      // Yang's explosion at init: λ(64)^(39/2) ≈ 2.5e3 for the plain BN net; the residual one stays small.
      #expect(pair.plainRatio > 100 * pair.residualRatio, "seed \(seed)")
      #expect(DepthLimit.accuracyGap(pair) > 0.2, "seed \(seed)")
    }
  }

  @Test(arguments: [(1, 1.59, 1.261), (1, 1.59, 1.077), (2, 1.0, 0.03), (3, 0.1, 0.9), (4, 1.2, 1.0)])
  func exerciseAcceptsTheRightAnswerAndRejectsAWrongOne(number: Int, right: Double, wrong: Double) throws {
    let (train, test) = try Digits.trainTestSplit(seed: 42)
    var config = Self.quick
    if number == 3 {
      // The right answer is whatever the real run gives.
      let measured = EvaluationMode.run(config, train: train, test: test).trainingModeAccuracy[0]
      let exercise = BatchNormExercises.all(config, train: train, test: test)[2]
      #expect(exercise.check(measured).correct)
      #expect(!exercise.check(wrong).correct)
      return
    }
    config.sweepSteps = 60
    let exercise = BatchNormExercises.all(config, train: train, test: test)[number - 1]
    let yes = exercise.check(right)
    let no = exercise.check(wrong)
    #expect(yes.correct, "\(yes.reason)")
    #expect(!no.correct, "\(no.reason)")
  }

  @Test func experimentsAreBitIdenticalUnderASeed() throws {
    let data = try Digits.trainTestSplit(seed: 3).train
    // One BLAS thread for both runs: another test's sweep could otherwise change the process's
    // thread count between them, and on some kernels (Zen) the bits with it.
    let (a, b) = ParallelSweep.singleThreadedBLAS {
      (
        YangExplosion.measure(.relu, batchSize: 8, depth: 6, width: 32, networks: 1, data: data, seed: 3),
        YangExplosion.measure(.relu, batchSize: 8, depth: 6, width: 32, networks: 1, data: data, seed: 3)
      )
    }
    #expect(a.gradientNorm == b.gradientNorm)
  }

  // MARK: Command line

  /// The overrides reach the run, and with σ_w² = 1 the plain net does not explode, so the claim
  /// that batch norm prevents explosion is not tested.
  @Test func overridesReachTheRunAndChangeAVerdict() throws {
    let (parameters, _) = try LessonExpectations.overrideChangesAVerdict(
      "batchnorm", ["--weight-std", "1", "--batch-size", "32", "--momentum", "0.2", "--depth", "12"],
      claim: "training-techniques/bn-prevents-explosion", verdict: "not tested", evidence: "did not explode")
    #expect(parameters["depth"] as? Int == 12)
    #expect(parameters["batch_size"] as? Int == 32)
    #expect(parameters["momentum"] as? Double == 0.2)
  }
}
