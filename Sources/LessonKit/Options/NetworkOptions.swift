import Theory
import ArgumentParser
import NeuralNet
import Nonlinearity

/// The lesson-specific overrides, named the same in every lesson. Each is optional: a lesson
/// applies its own default when one is not given, and may narrow the allowed values further.
public struct NetworkOptions: ParsableArguments {
  @Option(help: "Number of hidden layers (1…1000).")
  public var depth: Int?

  @Option(help: "Units per hidden layer (1…4096).")
  public var width: Int?

  @Option(help: "Nonlinearity of the hidden layers (a lesson may allow fewer).")
  public var activation: Activation?

  @Option(name: .customLong("init"), help: "Weight initialization.")
  public var initialization: InitializerChoice?

  @Option(
    name: .customLong("weight-std"), parsing: .unconditional,
    help: "σ_w of the scaled init: weights N(0, σ_w²/fan_in) (0 < σ_w ≤ 100).")
  public var weightStd: Double?

  @Option(parsing: .unconditional, help: "Learning rate of SGD (0 < lr ≤ 100).")
  public var lr: Double?

  @Option(parsing: .unconditional, help: "Training steps (1…100000).")
  public var steps: Int?

  @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Examples per mini-batch (at least 1).")
  public var batchSize: Int?

  @Option(
    name: .customLong("clip-norm"), parsing: .unconditional,
    help: "Clip the gradient to this global norm before each update (Pascanu et al. 2013; > 0).")
  public var clipNorm: Double?

  @Option(
    name: .customLong("clip-value"), parsing: .unconditional,
    help: "Clamp every gradient component to [−c, c] before each update (> 0).")
  public var clipValue: Double?

  public init() {}

  /// The clipping the options ask for (none unless `--clip-norm` or `--clip-value` is given).
  public var clipping: GradientClipping {
    if let clipNorm { return .norm(clipNorm) }
    if let clipValue { return .value(clipValue) }
    return .none
  }

  public mutating func validate() throws {
    try Self.check(depth, "--depth", in: 1...1000)
    try Self.check(width, "--width", in: 1...4096)
    try Self.check(steps, "--steps", in: 1...100_000)
    try Self.check(batchSize, "--batch-size", in: 1...1_000_000)
    if let weightStd, !(weightStd.isFinite && weightStd > 0 && weightStd <= 100) {
      throw ValidationError("--weight-std must be a number in (0, 100] (got \(weightStd))")
    }
    for (value, name) in [(clipNorm, "--clip-norm"), (clipValue, "--clip-value")] {
      if let value, !(value.isFinite && value > 0) {
        throw ValidationError("\(name) must be a positive number (got \(value))")
      }
    }
    if clipNorm != nil && clipValue != nil {
      throw ValidationError("use either --clip-norm or --clip-value, not both")
    }
    if let lr, !(lr.isFinite && lr > 0 && lr <= 100) {
      throw ValidationError("--lr must be a number in (0, 100] (got \(lr))")
    }
  }

  /// `--batch-size`, if given, checked against the size of the training set it samples from.
  public func batchSize(atMost examples: Int, in dataName: String) throws(ConfigurationError) -> Int? {
    guard let batchSize else { return nil }
    guard batchSize <= examples else {
      throw ConfigurationError(
        "--batch-size must be at most \(examples), the size of the \(dataName) (got \(batchSize))")
    }
    return batchSize
  }

  static func check(_ value: Int?, _ name: String, in range: ClosedRange<Int>) throws {
    if let value, !range.contains(value) {
      throw ValidationError("\(name) must be an integer in \(range.lowerBound)…\(range.upperBound) (got \(value))")
    }
  }
}
