/// A scalar training loss and its gradient with respect to the network output.
public protocol Loss: Sendable {
  /// A short name for reports.
  var name: String { get }
  /// The loss averaged over the batch, and ∂loss/∂output (same shape as `output`).
  func evaluate(_ output: Tensor, _ targets: Targets) -> (value: Double, gradient: Tensor)
}
