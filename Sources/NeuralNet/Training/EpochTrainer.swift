import Foundation

/// Training by epochs with a validation set, the loop of Keras' `model.fit(..., validation_data=…,
/// callbacks=[EarlyStopping(patience=p, restore_best_weights=True), ModelCheckpoint(save_best_only=True)])`:
/// after every epoch the validation loss is measured in evaluation mode; a new best is saved to the
/// checkpoint file (when one is given), and training stops once the loss has not improved for
/// `patience` epochs, then the best weights (and batch norm's running statistics) are loaded back.
/// A non-finite step stops training
/// without applying its update, as `Trainer.train` does.
public enum EpochTrainer {
  /// What one run does.
  public struct Settings: Sendable {
    /// At most this many epochs.
    public var epochs: Int
    /// Examples per mini-batch (an epoch is ⌊n/batch⌋ steps).
    public var batchSize: Int
    /// The seed of the batch order.
    public var batchSeed: UInt64
    /// Gradient clipping before each update.
    public var clipping: GradientClipping
    /// Early-stopping patience in epochs (nil: run every epoch).
    public var patience: Int?
    /// Where the best weights are saved (nil: kept in memory only).
    public var checkpoint: URL?

    /// Settings with every field given.
    public init(
      epochs: Int, batchSize: Int, batchSeed: UInt64, clipping: GradientClipping = .none, patience: Int? = nil,
      checkpoint: URL? = nil
    ) {
      precondition(epochs >= 1 && batchSize >= 1, "epochs and batch size must be positive")
      self.epochs = epochs
      self.batchSize = batchSize
      self.batchSeed = batchSeed
      self.clipping = clipping
      self.patience = patience
      self.checkpoint = checkpoint
    }
  }

  /// What one epoch measured.
  public struct Epoch: Sendable, Equatable {
    /// The epoch index, from 0.
    public var index: Int
    /// The mean mini-batch loss of the epoch.
    public var trainingLoss: Double
    /// The validation loss after the epoch (evaluation mode).
    public var validationLoss: Double
    /// Whether it improved on the best so far.
    public var improved: Bool
  }

  /// A finished run.
  public struct History: TrainingLog {
    /// Every step's record.
    public var steps: [StepRecord]
    /// Every completed epoch.
    public var epochs: [Epoch]
    /// The first non-finite value, if training stopped on one.
    public var nonFinite: NonFiniteEvent?
    /// The epoch whose weights the model holds at the end (the best one), if any improved.
    public var bestEpoch: Int?
    /// Whether patience ran out before the last epoch.
    public var stoppedEarly: Bool

    /// The step that produced the first non-finite value, if any.
    public var nonFiniteStep: Int? { nonFinite?.step }
  }

  /// Trains `model` and leaves it with the best validation weights.
  public static func fit(
    _ model: Sequential, train: Dataset, validation: Dataset, loss: some Loss, optimizer: some Optimizer,
    settings: Settings, progress: ((Int) -> Void)? = nil
  ) throws -> History {
    var sampler = BatchSampler(count: train.count, batchSize: settings.batchSize, seed: settings.batchSeed)
    let stepsPerEpoch = train.count / settings.batchSize
    var history = History(steps: [], epochs: [], nonFinite: nil, bestEpoch: nil, stoppedEarly: false)
    var stopper = EarlyStopping(patience: settings.patience ?? Int.max)
    var best: (parameters: [Float], state: [Tensor])? = nil
    var step = 0
    epochs: for epoch in 0..<settings.epochs {
      var lossSum = 0.0
      for _ in 0..<stepsPerEpoch {
        let record = Trainer.step(
          model, on: train, batch: sampler.next(), loss: loss, optimizer: optimizer, clipping: settings.clipping,
          step: step)
        history.steps.append(record)
        step += 1
        progress?(step)
        if let event = record.nonFinite {
          history.nonFinite = event
          break epochs
        }
        lossSum += record.loss
      }
      let validationLoss = validation.loss(of: model, using: loss)
      let decision = stopper.observe(validationLoss)
      history.epochs.append(
        Epoch(
          index: epoch, trainingLoss: lossSum / Double(stepsPerEpoch), validationLoss: validationLoss,
          improved: decision == .improved))
      if decision == .improved {
        history.bestEpoch = epoch
        best = (model.parameterVector, model.state)
        if let url = settings.checkpoint {
          try Checkpoint.save(model, metadata: .init(step: epoch, validationLoss: validationLoss), to: url)
        }
      }
      if decision == .stop && epoch + 1 < settings.epochs {
        history.stoppedEarly = true
        break
      }
    }
    if let best {
      model.parameterVector = best.parameters
      model.state = best.state
    }
    return history
  }
}
