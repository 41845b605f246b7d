import NeuralNet
import Theory

/// The other end of the step size: full-batch GD on the digits' least squares at η = m·2/λ_max for
/// several m below 1, each counting the steps it needs to lower the loss as much as the largest
/// step (m = `referenceMultiple`) does in `referenceSteps` steps. The spectrum of A predicts every
/// count (`GradientDescentTheory.lossDecrease`); for ηλ_max ≪ 1 the decrease is a function of ηt
/// alone, so a step k times smaller needs k times the steps.
package enum SlowConvergence {
  /// One step size's run.
  package struct Run: Sendable {
    /// m: η in units of 2/λ_max.
    package var multiple: Double
    /// η.
    package var learningRate: Double
    /// The steps it took to reach the target loss, or nil if it did not within `budget`.
    package var steps: Int?
    /// The steps the spectrum predicts, or nil beyond the budget.
    package var predictedSteps: Int?
    /// The most steps it was given: twice the ∝ 1/η estimate from the reference.
    package var budget: Int
    /// The full-data loss at every step taken.
    package var loss: [Double]
  }

  /// The runs and what they were asked to reach.
  package struct Result: Sendable {
    /// One run per multiple, smallest first.
    package var runs: [Run]
    /// The reference step, in units of 2/λ_max.
    package var referenceMultiple: Double
    /// Its steps: the target is the loss it reaches after them.
    package var referenceSteps: Int
    /// The loss at W = 0.
    package var initialLoss: Double
    /// The loss every run has to reach.
    package var targetLoss: Double
    /// 2/λ_max: η = m·threshold.
    var threshold: Double
    /// The projections of XᵀT/n on A's eigenvectors with their eigenvalues (`projections(_:)`).
    var spectrum: (values: [Double], eigenvalues: [Double])

    /// The most steps a run at η = m·2/λ_max is given: twice the ∝ 1/η estimate from the reference.
    package func budget(multiple m: Double) -> Int {
      Int((2 * Double(referenceSteps) * referenceMultiple / m).rounded(.up)) + 10
    }

    /// The steps the spectrum predicts at η = m·2/λ_max to lower the loss from `initialLoss` to
    /// `targetLoss`, or nil beyond `budget(multiple:)`.
    package func predictedSteps(multiple m: Double) -> Int? {
      SlowConvergence.predictedSteps(
        projections: spectrum, learningRate: m * threshold, decrease: initialLoss - targetLoss,
        budget: budget(multiple: m))
    }

    /// Steps of the smallest step size over the reference's (its budget over them if it never got
    /// there: a lower bound).
    package var slowdown: Double {
      guard let slowest = runs.first else { return .nan }
      return Double(slowest.steps ?? slowest.budget) / Double(referenceSteps)
    }
  }

  /// The reference run first (its loss after `referenceSteps` is the target), then every
  /// multiple, one per core (`ParallelSweep`: each run is GD from W = 0 on its own model).
  package static func run(
    _ problem: QuadraticThreshold.Problem, multiples: [Double], referenceMultiple: Double, referenceSteps: Int,
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> Result {
    let reference = descend(
      problem, learningRate: referenceMultiple * problem.threshold, until: nil, budget: referenceSteps)
    let plan = Result(
      runs: [], referenceMultiple: referenceMultiple, referenceSteps: referenceSteps,
      initialLoss: reference.loss.first ?? .nan, targetLoss: reference.loss.last ?? .nan,
      threshold: problem.threshold, spectrum: projections(problem))
    let sorted = multiples.sorted()
    var result = plan
    result.runs = ParallelSweep.map(sorted.count, progress: progress) { index in
      let m = sorted[index]
      let eta = m * plan.threshold
      let budget = plan.budget(multiple: m)
      let run = descend(problem, learningRate: eta, until: plan.targetLoss, budget: budget)
      return Run(
        multiple: m, learningRate: eta, steps: run.reached, predictedSteps: plan.predictedSteps(multiple: m),
        budget: budget, loss: run.loss)
    }
    return result
  }

  /// pᵢₖ = vᵢ·bₖ for every eigenvector vᵢ of A and output k, flattened output by output with the
  /// eigenvalues repeated to match (`GradientDescentTheory.lossDecrease` sums the outputs).
  static func projections(_ problem: QuadraticThreshold.Problem) -> (values: [Double], eigenvalues: [Double]) {
    let b = problem.linearTerm
    let outputs = problem.targets.columns
    var values: [Double] = []
    var eigenvalues: [Double] = []
    for k in 0..<outputs {
      for (v, lambda) in zip(problem.eigen.vectors, problem.eigen.values) {
        values.append(zip(v, b).map { $0 * $1[k] }.reduce(0, +))
        eigenvalues.append(lambda)
      }
    }
    return (values, eigenvalues)
  }

  /// The first t ≤ `budget` at which the predicted decrease reaches `decrease` (by bisection: it
  /// grows with t for 0 < η < 2/λ_max), or nil.
  static func predictedSteps(
    projections: (values: [Double], eigenvalues: [Double]), learningRate eta: Double, decrease: Double, budget: Int
  ) -> Int? {
    func reached(_ t: Int) -> Bool {
      GradientDescentTheory.lossDecrease(
        projections: projections.values, eigenvalues: projections.eigenvalues, learningRate: eta, steps: t)
        >= decrease
    }
    guard reached(budget) else { return nil }
    var (low, high) = (0, budget)  // reached(high), !reached(low) unless low == 0
    while high - low > 1 {
      let middle = (low + high) / 2
      if reached(middle) { high = middle } else { low = middle }
    }
    return reached(low) ? low : high
  }

  /// GD from W = 0 with the ½-mean loss: the loss at every step until it is ≤ `target` (the step
  /// that reached it, `reached`) or `budget` steps were taken.
  static func descend(
    _ problem: QuadraticThreshold.Problem, learningRate eta: Double, until target: Double?, budget: Int
  ) -> (loss: [Double], reached: Int?) {
    let model = problem.linearModel()
    let loss = HalfSquaredError()
    let optimizer = SGD(learningRate: Float(eta))
    var losses: [Double] = []
    for step in 0...budget {
      let value = model.lossAndGradient(input: problem.inputs, targets: .values(problem.targets), loss: loss).loss
      losses.append(value)
      if let target, value <= target { return (losses, step) }
      if !value.isFinite || step == budget { break }
      optimizer.update(model.parameters)
    }
    return (losses, nil)
  }
}
