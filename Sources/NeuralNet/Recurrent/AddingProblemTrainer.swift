/// Online SGD for a recurrent regressor on the adding problem, the training loop of Pascanu,
/// Mikolov & Bengio (2013): every step draws a fresh mini-batch of sequences, runs BPTT, clips the
/// gradient if asked (Algorithm 1 for `.norm`), and updates; the loss on a fixed test set is
/// measured every few steps. Stops cleanly, without applying the update, at the first step whose
/// loss or gradient is not finite.
public enum AddingProblemTrainer {
  /// What one run does.
  public struct Settings: Sendable, Equatable {
    /// T, the sequence length.
    public var length: Int
    /// Sequences per mini-batch.
    public var batchSize: Int
    /// The SGD step size η.
    public var learningRate: Double
    /// Update steps.
    public var steps: Int
    /// Clipping applied before each update.
    public var clipping: GradientClipping
    /// Steps between two test-set evaluations (the test loss is also measured before the first
    /// step and after the last).
    public var evaluateEvery: Int
    /// The seed of the mini-batch stream (the same seed gives the same batches in every run).
    public var dataSeed: UInt64
    /// Whether to record the largest singular value of W_rec after every update (one 50×50 SVD
    /// per step; meant for short runs).
    public var tracksSpectralNorm: Bool

    /// Settings with every field given.
    public init(
      length: Int, batchSize: Int, learningRate: Double, steps: Int, clipping: GradientClipping = .none,
      evaluateEvery: Int = 100, dataSeed: UInt64, tracksSpectralNorm: Bool = false
    ) {
      precondition(length >= 2 && batchSize >= 1 && steps >= 0 && evaluateEvery >= 1, "invalid training settings")
      self.length = length
      self.batchSize = batchSize
      self.learningRate = learningRate
      self.steps = steps
      self.clipping = clipping
      self.evaluateEvery = evaluateEvery
      self.dataSeed = dataSeed
      self.tracksSpectralNorm = tracksSpectralNorm
    }
  }

  /// What one step measured.
  public struct Step: StepMeasurement, Equatable {
    /// The step index, from 0.
    public var step: Int
    /// The mini-batch loss before the update.
    public var loss: Double
    /// The raw global gradient norm ‖g‖ (before clipping).
    public var gradientNorm: Double
    /// ‖∂L/∂W_rec‖: the part of the gradient that went back through time.
    public var recurrentGradientNorm: Double
    /// ‖∂L/∂(W_out, b_out)‖: the readout's part.
    public var readoutGradientNorm: Double
    /// What clipping did (nil when no clipping was asked for or the gradient was not finite).
    public var clip: GradientClipping.Record?
    /// σ₁(W_rec) after the update, when tracked.
    public var recurrentSpectralNorm: Double?
  }

  /// A test-set measurement.
  public struct Evaluation: Sendable, Equatable {
    /// Updates applied before the measurement.
    public var step: Int
    /// The ½-mean squared error on the test set.
    public var loss: Double
  }

  /// A finished run.
  public struct History: TrainingLog, Equatable {
    /// One record per step taken (the non-finite step included).
    public var steps: [Step]
    /// The test loss before the first step, every `evaluateEvery` steps and after the last.
    public var evaluations: [Evaluation]
    /// The first step whose loss or gradient was not finite, if any.
    public var nonFiniteStep: Int?

    /// The last test loss (NaN if the run stopped on a non-finite value).
    public var finalTestLoss: Double {
      nonFiniteStep == nil ? evaluations.last?.loss ?? .nan : .nan
    }
    /// The mean test loss of the last `count` evaluations (NaN if the run stopped on a non-finite
    /// value): the run's final test loss, less noisy than the last evaluation alone.
    public func finalTestLoss(overLast count: Int) -> Double {
      guard nonFiniteStep == nil, !evaluations.isEmpty else { return .nan }
      let last = evaluations.suffix(count)
      return last.map(\.loss).reduce(0, +) / Double(last.count)
    }
    /// Whether the run learned: it stayed finite and its final test loss (the mean of its last
    /// `count` evaluations) is below `level`. A run that touched `level` once and left it again
    /// has not learned.
    public func learned(belowTestLoss level: Double, overLast count: Int = 3) -> Bool {
      finalTestLoss(overLast: count) < level
    }
    /// The first evaluation step whose test loss is below `level`, if any.
    public func firstStep(belowTestLoss level: Double) -> Int? {
      evaluations.first { $0.loss < level }?.step
    }
  }

  /// Trains `model` in place and returns what every step measured. `test` is a fixed set of
  /// sequences of the same length; `progress` is called after each step with the steps done.
  public static func train(
    _ model: RecurrentRegressor, settings: Settings, test: (sequence: [Tensor], targets: Tensor),
    progress: ((Int) -> Void)? = nil
  ) -> History {
    let loss = HalfSquaredError()
    let sgd = SGD(learningRate: Float(settings.learningRate))
    var stream = SeededGenerator(seed: settings.dataSeed)
    var history = History(steps: [], evaluations: [], nonFiniteStep: nil)
    history.steps.reserveCapacity(settings.steps)
    func evaluate(after step: Int) {
      let value = loss.evaluate(model.predict(test.sequence), .values(test.targets)).value
      history.evaluations.append(Evaluation(step: step, loss: value))
    }
    evaluate(after: 0)
    for step in 0..<settings.steps {
      let batch = AddingProblem.make(count: settings.batchSize, length: settings.length, using: &stream)
      let measured = model.measureGradients(batch.sequence, targets: .values(batch.targets), loss: loss)
      var record = Step(
        step: step, loss: measured.loss, gradientNorm: measured.gradientNorm,
        recurrentGradientNorm: model.rnn.recurrentWeight.gradient.norm(),
        readoutGradientNorm: Parameter.gradientNorm(model.readout.parameters))
      guard measured.loss.isFinite && measured.gradientNorm.isFinite else {
        history.steps.append(record)
        history.nonFiniteStep = step
        progress?(settings.steps)
        return history
      }
      if settings.clipping != .none { record.clip = settings.clipping.apply(to: model.parameters) }
      sgd.update(model.parameters)
      if settings.tracksSpectralNorm {
        record.recurrentSpectralNorm = model.rnn.recurrentWeight.value.singularValues()?.first ?? .nan
      }
      history.steps.append(record)
      if (step + 1) % settings.evaluateEvery == 0 || step + 1 == settings.steps { evaluate(after: step + 1) }
      progress?(step + 1)
    }
    return history
  }
}
