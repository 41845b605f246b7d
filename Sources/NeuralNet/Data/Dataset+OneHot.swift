extension Dataset {
  /// The labels as one-hot target values: regression on the class indicators, for the squared
  /// error (lessons 1 and 4: ½‖f(x) − e_y‖², the loss of Cohen et al. 2021's edge-of-stability
  /// runs). A regression set, or one without a class count, is returned as it is.
  public var oneHotTargets: Targets {
    guard case .labels(let labels) = targets, let classes else { return targets }
    var t = Tensor(shape: [count, classes])
    for (i, label) in labels.enumerated() { t[i, label] = 1 }
    return .values(t)
  }

  /// The same examples with one-hot targets (`oneHotTargets`), keeping the class count.
  public var withOneHotTargets: Dataset { Dataset(inputs: inputs, targets: oneHotTargets, classes: classes) }
}
