/// Synthetic data for theory experiments: Gaussian inputs x ~ N(0, I) labelled by a random
/// "teacher" network x → tanh(x W₁ᵀ) W₂ᵀ with W ~ N(0, 1/fan_in).
public enum TeacherDataset {
  /// `count` examples with `inputs` features. With `classes`, the label is the teacher's arg-max
  /// over `classes` outputs; without, the targets are the teacher's `outputs` real values.
  public static func make(
    count: Int, inputs: Int, hidden: Int = 64, outputs: Int, classification: Bool,
    using rng: inout SeededGenerator
  ) -> Dataset {
    let x = Tensor(shape: [count, inputs], scalars: rng.gaussians(count: count * inputs, scale: 1))
    let teacher = MLP.make(
      inputs: inputs, width: hidden, depth: 1, outputs: outputs, activation: .tanh,
      initializer: .lecunNormal, bias: false, using: &rng)
    let y = teacher.forward(x)
    guard classification else { return Dataset(inputs: x, targets: .values(y)) }
    let labels = (0..<count).map { row in
      (0..<outputs).max { y[row, $0] < y[row, $1] }!
    }
    return Dataset(inputs: x, targets: .labels(labels), classes: outputs)
  }
}
