import Foundation
import NeuralNet
import Notebook
import Theory

/// The exercises of lesson 4. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum BatchGDExercises {
  /// The number of exercises.
  package static let count = 3

  /// How close to the asked factor exercise 2's batch size must scale the noise (relative).
  package static let noiseTolerance = 0.03

  /// How each exercise changes with the variant: exercise 2 draws a batch size and a factor;
  /// 1 and 3 are properties of the lesson's digits.
  package static let variations: [ExerciseVariation] = [
    .shared("its answer is 2/λ_max of the lesson's training digits, the same for every variant"),
    .varies(relativeTolerance: noiseTolerance),
    .shared("its answer is 2/λ_max of the lesson's training digits under the summed loss"),
  ]

  /// The batch size among the two whole numbers around the exact solution whose noise is closest
  /// to `fraction` of batch size `base`'s.
  package static func noiseScalingBatch(_ base: Int, fraction: Double, examples n: Int) -> Int {
    let exact = GradientDescentTheory.batchSize(scalingNoiseOf: base, by: fraction, examples: n)
    let candidates = [Int(exact.rounded(.down)), Int(exact.rounded(.up))].filter { $0 >= 1 && $0 <= n }
    return candidates.min { abs(noiseRatio($0, base, n) - fraction) < abs(noiseRatio($1, base, n) - fraction) } ?? 1
  }

  /// E‖g_B − ḡ‖² of batch size `b` over that of batch size `base` (the trace of Σ cancels).
  static func noiseRatio(_ b: Int, _ base: Int, _ n: Int) -> Double {
    GradientDescentTheory.miniBatchNoise(traceCovariance: 1, examples: n, batchSize: b)
      / GradientDescentTheory.miniBatchNoise(traceCovariance: 1, examples: n, batchSize: base)
  }

  /// The exercises of `variant` for a configuration and the digits least-squares problem.
  /// Exercise 2 changes with the variant.
  package static func all(
    _ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem, variant: ExerciseVariant = .original
  ) -> [Exercise] {
    let n = problem.inputs.rows
    let threshold = problem.threshold
    // The answer is about 8/f: from 17 (where the nearest whole batch size is within 3% of the
    // factor) to about 450, f on a log scale.
    let base = 8
    let fraction = variant.draw(0.5, in: 0.012...0.47, spacing: .logarithmic, digits: 2, salt: 43)
    let scaling = fraction == 0.5 ? "halves" : "scales by \(Format.number(fraction))"
    let exactBatch = GradientDescentTheory.batchSize(scalingNoiseOf: base, by: fraction, examples: n)
    let lossHessian =
      """
      The ½-mean squared error L(W) = (1/2n)‖XW − T‖² is quadratic with Hessian H = XᵀX/n (the same \
      for each output column). Full-batch GD moves each eigen-direction of H as e ← (1 − ηλ)·e, so it \
      converges only if |1 − ηλ| < 1 for every eigenvalue λ: η < 2/λ_max.
      """
    return [
      Exercise(
        question:
          """
          Least squares from the \(n) training digits to their one-hot labels, ½-MEAN squared error, \
          full-batch GD: what is the largest step size η that still converges? (Compute λ_max of XᵀX/n.)
          """,
        answerFormat: "η",
        solution: {
          WorkedSolution(
            [
              lossHessian,
              """
              λ_max of XᵀX/n for these \(n) digits is \(Format.number(problem.largestEigenvalue, digits: 6)), \
              found by power iteration, so the threshold is 2/λ_max = \(Format.number(threshold, digits: 6)).
              """,
            ], answer: threshold)
        }
      ) { answer in
        guard answer > 0 && answer <= 100 else {
          return ExerciseVerdict(correct: false, reason: "A step size must be in (0, 100].")
        }
        let correct = abs(answer - threshold) <= 0.02 * threshold
        let run = QuadraticThreshold.gradientDescent(problem, learningRate: answer, steps: 150)
        var reason =
          """
          λ_max = \(Format.number(problem.largestEigenvalue)), so 2/λ_max = \(Format.number(threshold)); \
          your answer is \(correct ? "within" : "outside") 2%. A real run at η = \(Format.number(answer)) \
          \(run.diverged ? "diverges" : "converges") (top-mode factor \
          \(Format.number(run.measuredFactor)) per step).
          """
        if !correct && abs(answer - threshold / Double(n)) <= 0.05 * threshold / Double(n) {
          reason += " That is the threshold of the SUM loss; the question uses the mean."
        } else if !correct && abs(answer - 1 / problem.largestEigenvalue) <= 0.02 / problem.largestEigenvalue {
          reason += " 1/λ_max is the fastest step for the top mode; GD stays stable up to 2/λ_max."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      Exercise(
        question:
          """
          With n = \(n) training digits and mini-batches drawn without replacement, which batch size \
          \(scaling) the gradient noise E‖g_B − ḡ‖² of batches of \(base)?
          """,
        answerFormat: "batch size",
        solution: {
          let batch = noiseScalingBatch(base, fraction: fraction, examples: n)
          return WorkedSolution(
            [
              """
              The mean gradient of B examples drawn without replacement from n has E‖g_B − ḡ‖² = ((n − B)/(n \
              − 1))·tr Σ/B (the finite-population correction). Setting it to \(Format.number(fraction)) times \
              the value at B = \(base) and solving for B: B = n / (1 + \(Format.number(fraction))·(n − \
              \(base))/\(base)) = \(Format.number(exactBatch)).
              """,
              """
              A batch size is a whole number: B = \(batch) gives \(Format.number(noiseRatio(batch, base, n))) \
              of the noise of B = \(base). (Without the correction, 1/B alone, the answer would be \
              \(Format.number(Double(base) / fraction)).)
              """,
            ], answer: Double(batch))
        }
      ) { answer in
        let exact = exactBatch
        guard answer >= 1 && answer <= Double(n) && answer == answer.rounded() else {
          return ExerciseVerdict(correct: false, reason: "A batch size is a whole number from 1 to \(n).")
        }
        let ratio = noiseRatio(Int(answer), base, n)
        let correct = abs(ratio - fraction) <= noiseTolerance * fraction
        let reason =
          """
          The noise is ((n−B)/(n−1))·tr Σ/B, so B = \(Int(answer)) gives \(Format.number(ratio)) of B = \
          \(base)'s noise (exactly \(Format.number(fraction)) at B ≈ \(Format.number(exact))).
          """
        let forStandardDeviation = noiseScalingBatch(base, fraction: fraction * fraction, examples: n)
        let scalesDeviation = !correct && abs(answer - Double(forStandardDeviation)) <= 1
        return ExerciseVerdict(
          correct: correct, reason: reason,
          mistake: scalesDeviation
            ? "\(Int(answer)) scales the standard deviation of g_B by \(Format.number(fraction)), not its variance."
            : nil)
      },
      .prediction(
        question:
          """
          The same least-squares problem, but the loss is the SUM of ½(y − t)² over the \(n) examples \
          instead of the mean. What is now the largest step size that converges?
          """,
        answerFormat: "η", predicted: threshold / Double(n), tolerance: 0.02,
        reasoning: [
          lossHessian.replacingOccurrences(
            of: "½-mean squared error L(W) = (1/2n)", with: "½-SUM squared error L(W) = ½"
          )
          .replacingOccurrences(of: "H = XᵀX/n", with: "H = XᵀX, n times the mean loss's")
        ],
        derivation:
          "The sum multiplies the Hessian by n = \(n): λ_max = \(Format.number(problem.largestEigenvalue * Double(n))), so 2/λ_max",
        mistakes: [
          .init(
            threshold, within: 0.05 * threshold,
            hint: "That is the MEAN loss's threshold: with the sum it diverges at once.")
        ]
      ),
    ]
  }
}
