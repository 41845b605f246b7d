import Foundation
import LessonTestSupport
import NeuralNet
import Notebook
import Testing
import Theory

import BatchGDLesson

/// Lesson 4 held to its theory rows, its exercises and its command-line contract.
@Suite("Lesson 4: batch-gd", .serialized)
struct BatchGDLessonTests {
  static let quick = BatchGDConfiguration(quick: true, seed: 42)

  static func problem() throws -> QuadraticThreshold.Problem {
    try BatchGDLesson.digitsProblem(try Digits.trainTestSplit(seed: 42).train)
  }

  @Test func textbookQuadraticAndTheDigitsThreshold() throws {
    let textbook = QuadraticThreshold.textbookProblem
    #expect(abs(textbook.largestEigenvalue - 4.5) < 1e-12 && abs(textbook.threshold - 0.4444) < 1e-4)
    let below = QuadraticThreshold.gradientDescent(textbook, learningRate: 0.4, steps: 40)
    let above = QuadraticThreshold.gradientDescent(textbook, learningRate: 0.5, steps: 40)
    #expect(abs(below.measuredFactor - 0.8) < 1e-3 && !below.diverged)
    #expect(abs(above.measuredFactor - 1.25) < 1e-3 && above.diverged)
    let problem = try Self.problem()
    for (multiple, factor) in [(0.95, 0.9), (1.05, 1.1), (0.5, 0.0)] {
      let run = QuadraticThreshold.gradientDescent(problem, learningRate: multiple * problem.threshold, steps: 100)
      if factor > 0 { #expect(abs(run.measuredFactor - factor) < 0.01, "η = \(multiple)·2/λ") }
      #expect(run.diverged == (multiple > 1))
    }
    // The sum loss: n times the curvature.
    let model = problem.linearModel()
    let sum = Sharpness.largestEigenvalue(
      model, input: problem.inputs, targets: .values(problem.targets), loss: HalfSquaredError(reduction: .sum),
      iterations: 100)
    #expect(abs(sum.value / Double(problem.inputs.rows) / problem.largestEigenvalue - 1) < 0.01)
  }

  @Test func noiseFallsAsOneOverBAndVanishesAtFullBatch() throws {
    let train = try Digits.trainTestSplit(seed: 42).train
    var config = Self.quick
    config.noiseDraws = 100
    let result = GradientNoise.run(config, train: train)
    for (i, b) in result.batchSizes.enumerated() {
      if b == result.examples {
        #expect(result.measured[i] <= 1e-9 * result.traceCovariance)
      } else {
        let tolerance = max(0.05, 3 * result.standardError[i] / result.predicted[i])
        #expect(abs(result.measured[i] / result.predicted[i] - 1) <= tolerance, "B = \(b)")
      }
    }
  }

  /// The sharpness starts at 1/margin of 2/η, rises to 2/η and stays there (the loss
  /// non-monotone); from the same weights, half the step sharpens past η's threshold.
  @Test func edgeOfStabilitySharpnessRisesTo2OverEtaAndTheHalfStepGoesPastIt() throws {
    let train = try Digits.trainTestSplit(seed: 42).train
    // One BLAS thread for both runs, which are compared bit for bit: another test's sweep could
    // otherwise change the process's thread count between them, and on some kernels (Zen) the bits.
    let (result, half) = ParallelSweep.singleThreadedBLAS {
      (EdgeOfStability.run(Self.quick, train: train), EdgeOfStability.run(Self.quick, train: train, stepDivisor: 2))
    }
    #expect(abs(result.initialSharpness * result.learningRate / 2 - 1 / Self.quick.stabilityMargin) < 1e-9)
    #expect(abs(result.lateSharpness * result.learningRate / 2 - 1) < 0.1)
    #expect(result.lossIncreases > 0)
    #expect(result.loss.last! < result.loss.first!)
    #expect(half.initialSharpness == result.initialSharpness && half.learningRate == result.learningRate / 2)
    #expect(
      half.finalSharpness * result.learningRate / 2 >= EdgeOfStabilityFindings.controlPastThreshold)
    #expect(half.lateSharpness > result.initialSharpness, "the control sharpens too")
  }

  /// Far below 2/λ_max, GD on the digits takes the steps the spectrum predicts to lower the loss
  /// as much as the largest step does, and a step 10 times smaller takes 10 times the steps.
  @Test func aSmallerStepTakesTheStepsTheSpectrumPredicts() throws {
    let problem = try Self.problem()
    let result = SlowConvergence.run(
      problem, multiples: [0.01, 0.1, 0.9], referenceMultiple: 0.9, referenceSteps: 30)
    #expect(result.runs.map(\.multiple) == [0.01, 0.1, 0.9])
    for run in result.runs.dropLast() {
      let steps = try #require(run.steps, "m = \(run.multiple) did not reach the target")
      let predicted = try #require(run.predictedSteps)
      #expect(abs(Double(steps) / Double(predicted) - 1) <= 0.02, "m = \(run.multiple): \(steps) against \(predicted)")
    }
    let ratio = Double(result.runs[0].steps ?? 0) / Double(result.runs[1].steps ?? 1)
    #expect(abs(ratio / 10 - 1) < 0.05, "0.01 against 0.1: \(ratio)× the steps")
    #expect(result.slowdown > BatchGDClaims.slowdownHolds)
  }

  @Test func fullBatchDivergesPastTheThresholdAndSmallerBatchesAreNotSafer() throws {
    let problem = try Self.problem()
    let cells = StabilityGrid.run(Self.quick, problem: problem)
    let n = problem.inputs.rows
    for cell in cells where cell.batchSize == n { #expect(cell.diverged == (cell.rateMultiple > 1)) }
    // No batch size converges above the full-batch threshold.
    let unsafeConverged = cells.filter { $0.rateMultiple > 1 && !$0.diverged }
    #expect(unsafeConverged.isEmpty)
  }

  @Test(arguments: [(1, 1.0, 0.5), (2, 16.0, 32.0), (2, 16.0, 15.0), (3, 1.0, 1.0)])
  func exerciseAcceptsTheRightAnswerAndRejectsAWrongOne(number: Int, right: Double, wrong: Double) throws {
    let problem = try Self.problem()
    let exercises = BatchGDExercises.all(Self.quick, problem: problem)
    // Exercises 1 and 3 are about 2/λ_max: scale the multipliers by the real thresholds.
    let scale = number == 1 ? problem.threshold : number == 3 ? problem.threshold / Double(problem.inputs.rows) : 1
    let wrongValue = number == 3 ? problem.threshold : wrong * scale
    let yes = exercises[number - 1].check(right * scale)
    let no = exercises[number - 1].check(wrongValue)
    #expect(yes.correct, "\(yes.reason)")
    #expect(!no.correct, "\(no.reason)")
  }

  @Test func sharpnessByPowerIterationMatchesLAPACKOnTheQuadratic() throws {
    let problem = try Self.problem()
    let model = problem.linearModel()
    let power = Sharpness.largestEigenvalue(
      model, input: problem.inputs, targets: .values(problem.targets), loss: HalfSquaredError(), iterations: 100)
    #expect(abs(power.value / problem.largestEigenvalue - 1) < 0.005)
    #expect(model.parameterVector.allSatisfy { $0 == 0 })  // restored
  }

  // MARK: Command line

  @Test func overridesReachTheRun() throws {
    let (parameters, _) = try LessonExpectations.quickRun(
      "batch-gd", overrides: ["--batch-size", "128", "--activation", "tanh", "--width", "32", "--depth", "3"])
    #expect(parameters["batch_size"] as? Int == 128 && parameters["width"] as? Int == 32)
  }
}
