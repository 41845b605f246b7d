import NeuralNet

extension Dataset {
  /// The labels as one-hot target values (regression on the 10 class indicators).
  package var oneHotTargets: Targets {
    guard case .labels(let labels) = targets else { return targets }
    var t = Tensor(shape: [count, Digits.classes])
    for (i, label) in labels.enumerated() { t[i, label] = 1 }
    return .values(t)
  }
}
