import NeuralNet
import RealModule

/// Step `.edgeOfStability`: beyond the quadratic: a deep net under full-batch GD, its sharpness (the top Hessian
/// eigenvalue) rising until it reaches 2/η, then hovering there while the loss keeps falling
/// non-monotonically (Cohen et al. 2021, "Gradient descent on neural networks typically occurs at
/// the edge of stability"). The run starts below the threshold (2/η = 1.5·s₀), so reaching 2/η is
/// something the sharpness does, not where it began; a control at η/2 sharpens past η's 2/η,
/// which shows that the level η's run holds is set by the step size.
package enum EdgeOfStability {
  /// The run's record.
  package struct Result: Sendable {
    /// η.
    package var learningRate: Double
    /// The sharpness at initialization.
    package var initialSharpness: Double
    /// Steps at which sharpness was measured.
    package var sharpnessSteps: [Int]
    /// The sharpness at those steps.
    package var sharpness: [Double]
    /// The full-batch loss at every step.
    package var loss: [Double]

    /// The mean sharpness over the second half of the run.
    package var lateSharpness: Double {
      let half = sharpness.suffix(sharpness.count / 2)
      return half.reduce(0, +) / Double(Swift.max(half.count, 1))
    }
    /// The mean sharpness over the last tenth of the run: where a sharpness that is still rising
    /// got to (the η/2 control's), which a second-half mean would understate.
    package var finalSharpness: Double {
      guard let last = sharpnessSteps.last else { return .nan }
      let from = Double(last) * 0.9
      let tail = zip(sharpnessSteps, sharpness).filter { Double($0.0) >= from }.map(\.1)
      return tail.reduce(0, +) / Double(Swift.max(tail.count, 1))
    }
    /// The number of steps at which the loss went up.
    package var lossIncreases: Int { zip(loss, loss.dropFirst()).filter { $1 > $0 }.count }
  }

  /// The run at η and its control at η/2, one per core (`ParallelSweep`: they share nothing but
  /// the data, so the results are those of running them one after the other); `progress` gets the
  /// runs done.
  package static func runWithHalfStepControl(
    _ config: BatchGDConfiguration, train: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> (full: Result, half: Result) {
    let runs = ParallelSweep.map(2, progress: progress) { run(config, train: train, stepDivisor: $0 == 0 ? 1 : 2) }
    return (runs[0], runs[1])
  }

  /// Full-batch GD with the ½-mean squared error on one-hot targets, from weights of variance
  /// `config.stabilityGain2`/fan-in (below LeCun's 1, so the net starts flat and its sharpness
  /// has room to rise: progressive sharpening). η is set from the sharpness
  /// at init s₀ so that 2/η = `config.stabilityMargin`·s₀, then divided by `stepDivisor` (2 for
  /// the half-step control, whose own 2/η is twice as far away). Same init and data for every
  /// divisor.
  package static func run(
    _ config: BatchGDConfiguration, train: Dataset, stepDivisor: Double = 1, progress: ((Int) -> Void)? = nil
  ) -> Result {
    let data = train.subset(0..<Swift.min(config.stabilityExamples, train.count))
    let targets = data.oneHotTargets
    let loss = HalfSquaredError()
    var rng = SeededGenerator(seed: config.seed, stream: "edge-of-stability")
    let model = MLP.make(
      inputs: Digits.pixels, width: config.width, depth: config.depth, outputs: Digits.classes, activation: .tanh,
      initializer: .scaledNormal(gain2: config.stabilityGain2), using: &rng)
    let first = Sharpness.largestEigenvalue(model, input: data.inputs, targets: targets, loss: loss, iterations: 30)
    let eta = 2 / (config.stabilityMargin * first.value) / stepDivisor
    var vector = first.vector
    var result = Result(
      learningRate: eta, initialSharpness: first.value, sharpnessSteps: [0], sharpness: [first.value], loss: [])
    let optimizer = SGD(learningRate: Float(eta))
    for step in 0...config.stabilitySteps {
      if step > 0 && step % config.sharpnessEvery == 0 {
        let s = Sharpness.largestEigenvalue(
          model, input: data.inputs, targets: targets, loss: loss, iterations: 10, start: vector)
        vector = s.vector
        result.sharpnessSteps.append(step)
        result.sharpness.append(s.value)
      }
      let value = model.lossAndGradient(input: data.inputs, targets: targets, loss: loss).loss
      result.loss.append(value)
      if !value.isFinite || step == config.stabilitySteps { break }
      optimizer.update(model.parameters)
      progress?(step + 1)
    }
    return result
  }
}
