/// An update rule: moves every parameter using its current gradient (and, for stateful rules, what
/// it remembers from earlier steps). Stateful optimizers are classes keyed by parameter identity,
/// so one optimizer instance belongs to one model.
public protocol Optimizer {
  /// Applies one update to every parameter from its current gradient.
  func update(_ parameters: [Parameter])
}

extension SGD: Optimizer {}
