/// The adding problem of Hochreiter & Schmidhuber (1997), as used by Pascanu et al. (2013): a
/// sequence of T pairs (value, marker) with values U[0, 1] and exactly two markers set to 1, one in
/// each half of the sequence; the target is the sum of the two marked values. Predicting the mean
/// (1.0) gives a ½-squared error of about 1/12; solving it needs information carried across up to
/// T steps.
public enum AddingProblem {
  /// `count` sequences of length `length`: one `[count, 2]` tensor per step, and `[count, 1]` targets.
  public static func make(count: Int, length: Int, using rng: inout SeededGenerator) -> (
    sequence: [Tensor], targets: Tensor
  ) {
    precondition(length >= 2 && count >= 1, "the adding problem needs length ≥ 2 and at least one sequence")
    var sequence = (0..<length).map { _ in Tensor(shape: [count, 2]) }
    var targets = Tensor(shape: [count, 1])
    let half = length / 2
    for i in 0..<count {
      let first = Int(rng.nextUnitDouble() * Double(half))
      let second = half + Int(rng.nextUnitDouble() * Double(length - half))
      var sum: Float = 0
      for t in 0..<length {
        let value = Float(rng.nextUnitDouble())
        sequence[t][i, 0] = value
        if t == first || t == second {
          sequence[t][i, 1] = 1
          sum += value
        }
      }
      targets[i, 0] = sum
    }
    return (sequence, targets)
  }
}
