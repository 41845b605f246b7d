import NeuralNet
import Notebook
import Theory

/// The exercises of lesson 4. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum BatchGDExercises {
  /// The number of exercises.
  package static let count = 3

  /// The exercises for a configuration and the digits least-squares problem.
  package static func all(_ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem) -> [Exercise] {
    let n = problem.inputs.rows
    let threshold = problem.threshold
    return [
      Exercise(
        number: 1,
        question:
          "Least squares from the \(n) training digits to their one-hot labels, ½-MEAN squared error, full-batch GD: what is the largest step size η that still converges? (Compute λ_max of XᵀX/n.)",
        answerFormat: "η"
      ) { answer in
        guard answer > 0 && answer <= 100 else {
          return ExerciseVerdict(correct: false, reason: "A step size must be in (0, 100].")
        }
        let correct = abs(answer - threshold) <= 0.02 * threshold
        let run = QuadraticThreshold.gradientDescent(problem, learningRate: answer, steps: 150)
        var reason =
          "λ_max = \(Format.number(problem.largestEigenvalue)), so 2/λ_max = \(Format.number(threshold)); your answer is \(correct ? "within" : "outside") 2%. A real run at η = \(Format.number(answer)) \(run.diverged ? "diverges" : "converges") (top-mode factor \(Format.number(run.measuredFactor)) per step)."
        if !correct && abs(answer - threshold / Double(n)) <= 0.05 * threshold / Double(n) {
          reason += " That is the threshold of the SUM loss; the question uses the mean."
        } else if !correct && abs(answer - 1 / problem.largestEigenvalue) <= 0.02 / problem.largestEigenvalue {
          reason += " 1/λ_max is the fastest step for the top mode; GD stays stable up to 2/λ_max."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      Exercise(
        number: 2,
        question:
          "With n = \(n) training digits and mini-batches drawn without replacement, which batch size halves the gradient noise E‖g_B − ḡ‖² of batches of 8?",
        answerFormat: "batch size"
      ) { answer in
        let exact = GradientDescentTheory.batchSize(scalingNoiseOf: 8, by: 0.5, examples: n)
        guard answer >= 1 && answer <= Double(n) && answer == answer.rounded() else {
          return ExerciseVerdict(correct: false, reason: "A batch size is a whole number from 1 to \(n).")
        }
        let ratio =
          GradientDescentTheory.miniBatchNoise(traceCovariance: 1, examples: n, batchSize: Int(answer))
          / GradientDescentTheory.miniBatchNoise(traceCovariance: 1, examples: n, batchSize: 8)
        let correct = abs(ratio - 0.5) <= 0.04
        var reason =
          "The noise is ((n−B)/(n−1))·tr Σ/B, so B = \(Int(answer)) gives \(Format.number(ratio)) of B = 8's noise (exactly half at B ≈ \(Format.number(exact)))."
        if !correct && answer == 32 { reason += " 32 halves the standard deviation of g_B, not its variance." }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        number: 3,
        question:
          "The same least-squares problem, but the loss is the SUM of ½(y − t)² over the \(n) examples instead of the mean. What is now the largest step size that converges?",
        answerFormat: "η", predicted: threshold / Double(n), tolerance: 0.02,
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
