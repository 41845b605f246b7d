import NeuralNet

/// Step `.comparison`: full-batch GD, mini-batch SGD and single-example SGD on the same model and data.
package enum BatchSizeComparison {
  /// One run: the full training loss every `every` steps, and each step's mini-batch gradient norm.
  package struct Run: Sendable {
    /// The batch size.
    package var batchSize: Int
    /// Steps at which the full loss was measured.
    package var evaluatedSteps: [Int]
    /// The loss on the whole training set at those steps.
    package var fullLoss: [Double]
    /// The norm of the gradient used at each step.
    package var gradientNorm: [Double]
    /// The first step whose gradient or loss was not finite.
    package var firstNonFiniteStep: Int?
  }

  /// Trains the same initial model with each batch size for `config.steps` steps, one run per core
  /// (`ParallelSweep`; each run makes its own model and batches from the same seeds).
  package static func run(
    _ config: BatchGDConfiguration, train: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Run] {
    let sizes = [train.count, config.batchSize, 1]
    return ParallelSweep.map(sizes.count, progress: progress) { index in
      let b = sizes[index]
      let model = config.makeModel(seed: SeededGenerator.streamSeed(config.seed, "weights"))
      var sampler = BatchSampler(
        count: train.count, batchSize: b, seed: SeededGenerator.streamSeed(config.seed, "batches"))
      let optimizer = SGD(learningRate: Float(config.learningRate))
      var run = Run(batchSize: b, evaluatedSteps: [], fullLoss: [], gradientNorm: [], firstNonFiniteStep: nil)
      let every = Swift.max(1, config.steps / 50)
      for step in 0...config.steps {
        if step % every == 0 || step == config.steps {
          run.evaluatedSteps.append(step)
          run.fullLoss.append(
            model.lossAndGradient(input: train.inputs, targets: train.targets, loss: SoftmaxCrossEntropy()).loss)
        }
        if step == config.steps { break }
        let indices = sampler.next()
        let (loss, gradient) = model.lossAndGradient(
          input: train.inputs.gatheringRows(indices), targets: train.targets.gathering(indices),
          loss: SoftmaxCrossEntropy())
        let norm = gradient.map { $0 * $0 }.reduce(0, +).squareRoot()
        run.gradientNorm.append(norm)
        if !loss.isFinite || !norm.isFinite {
          run.firstNonFiniteStep = step
          break
        }
        config.clipping.apply(to: model.parameters)
        optimizer.update(model.parameters)
      }
      return run
    }
  }
}
