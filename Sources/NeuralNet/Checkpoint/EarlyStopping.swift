/// Early stopping by patience (Keras `EarlyStopping(monitor="val_loss", patience=p)` with
/// `restore_best_weights`): training stops once the validation loss has not improved on its best
/// for `patience` evaluations in a row; the best weights are the ones to keep.
public struct EarlyStopping: Sendable, Equatable {
  /// What one observation means for training.
  public enum Decision: Sendable, Equatable {
    /// A new best: save a checkpoint.
    case improved
    /// No improvement yet, within patience.
    case wait
    /// Patience exhausted: stop and restore the best checkpoint.
    case stop
  }

  /// Evaluations without improvement that are tolerated.
  public let patience: Int
  /// The smallest decrease that counts as an improvement.
  public let minDelta: Double
  /// The best validation loss so far.
  public private(set) var best = Double.infinity
  /// The evaluation index of the best loss.
  public private(set) var bestIndex: Int?
  /// Evaluations since the last improvement.
  public private(set) var waited = 0
  /// Evaluations observed.
  public private(set) var observed = 0

  /// Early stopping with `patience` ≥ 1.
  public init(patience: Int, minDelta: Double = 0) {
    precondition(patience >= 1 && minDelta >= 0, "patience must be at least 1 and minDelta non-negative")
    self.patience = patience
    self.minDelta = minDelta
  }

  /// Records one validation loss. A non-finite loss never improves.
  public mutating func observe(_ loss: Double) -> Decision {
    defer { observed += 1 }
    if loss.isFinite && loss < best - minDelta {
      best = loss
      bestIndex = observed
      waited = 0
      return .improved
    }
    waited += 1
    return waited >= patience ? .stop : .wait
  }
}
