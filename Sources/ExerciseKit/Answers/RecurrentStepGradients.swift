/// What `rnnStepBackward` returns for one step h_t = tanh(h_{t−1}·W + x_t·U).
public struct RecurrentStepGradients: Sendable {
  /// ∂L/∂h_{t−1}, the shape of h_{t−1} (B×n): what flows on to the step before.
  public var previousHidden: Matrix
  /// ∂L/∂W, the shape of W (n×n).
  public var recurrentWeight: Matrix
  /// ∂L/∂U, the shape of U (d×n).
  public var inputWeight: Matrix

  public init(previousHidden: Matrix, recurrentWeight: Matrix, inputWeight: Matrix) {
    self.previousHidden = previousHidden
    self.recurrentWeight = recurrentWeight
    self.inputWeight = inputWeight
  }
}
