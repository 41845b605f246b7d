/// A supervised data set: inputs `[count, features]` and one target per row.
public struct Dataset: Sendable, Equatable {
  /// The inputs, one example per row.
  public var inputs: Tensor
  /// The targets, one per example.
  public var targets: Targets
  /// The number of classes for a classification set, nil for regression.
  public var classes: Int?

  /// A data set; `targets.count` must equal `inputs.rows`.
  public init(inputs: Tensor, targets: Targets, classes: Int? = nil) {
    precondition(inputs.rows == targets.count, "\(inputs.rows) inputs but \(targets.count) targets")
    self.inputs = inputs
    self.targets = targets
    self.classes = classes
  }

  /// The number of examples.
  public var count: Int { inputs.rows }
  /// The number of input features.
  public var features: Int { inputs.columns }

  /// The examples at `indices`, in that order.
  public func subset(_ indices: some Collection<Int>) -> Dataset {
    Dataset(inputs: inputs.gatheringRows(indices), targets: targets.gathering(indices), classes: classes)
  }

  /// A random split into training and test sets; the permutation is drawn from `rng`, so the seed
  /// chooses the split.
  public func split(testFraction: Double, using rng: inout SeededGenerator) -> (train: Dataset, test: Dataset) {
    precondition(testFraction > 0 && testFraction < 1, "test fraction must be in (0, 1)")
    let order = Array(0..<count).shuffled(using: &rng)
    let testCount = Int((Double(count) * testFraction).rounded())
    return (subset(order[testCount...]), subset(order[..<testCount]))
  }

  /// The same data with every feature shifted and scaled to mean 0, variance 1 over this set
  /// (constant features are only shifted).
  public func standardized() -> Dataset {
    let n = count
    let d = features
    var mean = [Double](repeating: 0, count: d)
    var meanSquare = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for j in 0..<d {
        let v = Double(inputs[i, j])
        mean[j] += v / Double(n)
        meanSquare[j] += v * v / Double(n)
      }
    }
    var copy = self
    for i in 0..<n {
      for j in 0..<d {
        let std = (meanSquare[j] - mean[j] * mean[j]).squareRoot()
        copy.inputs[i, j] = Float((Double(inputs[i, j]) - mean[j]) / (std > 1e-8 ? std : 1))
      }
    }
    return copy
  }

  /// The loss of `model` on the whole set in evaluation mode (the model's mode is restored).
  public func loss(of model: Sequential, using loss: some Loss) -> Double {
    let previous = model.isTraining
    model.isTraining = false
    defer { model.isTraining = previous }
    return loss.evaluate(model.forward(inputs), targets).value
  }

  /// The fraction of examples whose largest output is the right class, in evaluation mode.
  ///
  /// Fed 128 examples at a time: in evaluation mode every example's output is its own, and a
  /// convolutional net's activations for a whole test set at once (lesson 7: 31 MB per layer)
  /// would be fresh memory the kernel faults in at every evaluation.
  public func accuracy(of model: Sequential) -> Double {
    accuracy(of: model, batchSize: 128, training: false)
  }

  /// The accuracy of a model trained with `history`: NaN if the training went non-finite (the
  /// weights then hold Inf or NaN, and an accuracy computed from them would mean nothing).
  public func accuracy(of model: Sequential, after history: TrainingHistory) -> Double {
    history.nonFinite == nil ? accuracy(of: model) : .nan
  }

  /// The accuracy when the examples are fed in consecutive batches of `batchSize` with the model in
  /// training (`training: true`) or evaluation mode; the model's mode is restored afterwards.
  ///
  /// Evaluating a batch-norm model in training mode normalizes each batch by its own statistics,
  /// so predictions depend on which examples share a batch; with batches of 1 every input maps to
  /// the same output. That is the classic bug this function lets a lesson measure.
  public func accuracy(of model: Sequential, batchSize: Int, training: Bool) -> Double {
    guard case .labels(let labels) = targets, count > 0 else { return .nan }
    let previous = model.isTraining
    model.isTraining = training
    defer { model.isTraining = previous }
    var correct = 0
    var start = 0
    while start < count {
      let end = Swift.min(start + Swift.max(batchSize, 1), count)
      let output = model.forward(inputs.gatheringRows(Array(start..<end)))
      for row in 0..<(end - start) {
        var best = 0
        for j in 1..<output.columns where output[row, j] > output[row, best] { best = j }
        if best == labels[start + row] { correct += 1 }
      }
      start = end
    }
    return Double(correct) / Double(count)
  }

}
