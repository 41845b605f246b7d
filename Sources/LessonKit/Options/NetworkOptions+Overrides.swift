import NeuralNet

extension NetworkOptions {
  /// Applies `--lr`, `--steps`, `--batch-size` and `--clip-norm`/`--clip-value`, where given, to a
  /// lesson's SGD training parameters; `--batch-size` is checked against the `examples` of the
  /// training set it samples from (`dataName` in the message), `--steps` against `maxSteps`.
  public func applyTraining(
    learningRate: inout Double, steps: inout Int, batchSize: inout Int, clipping: inout GradientClipping,
    maxSteps: Int = 100_000, examples: Int = Digits.trainingExamples, dataName: String = "digits training set"
  ) throws(ConfigurationError) {
    if let lr { learningRate = lr }
    if let value = try Self.limited(self.steps, "--steps", atMost: maxSteps) { steps = value }
    if let value = try self.batchSize(atMost: examples, in: dataName) { batchSize = value }
    clipping = self.clipping
  }

  /// `value` if it is at least `minimum`, else the one-line error "--OPTION must be at least
  /// MINIMUM[qualifier] (got VALUE)", where `qualifier` says why (" for this lesson: …", ": …");
  /// nil when the option was not given.
  public static func atLeast(
    _ value: Int?, _ option: String, _ minimum: Int, _ qualifier: String = ""
  ) throws(ConfigurationError) -> Int? {
    guard let value else { return nil }
    let given: Int = try atLeast(value, option, minimum, qualifier)
    return given
  }

  /// `atLeast` for a value the lesson already holds (e.g. its batch size after the overrides).
  @discardableResult
  public static func atLeast(
    _ value: Int, _ option: String, _ minimum: Int, _ qualifier: String = ""
  ) throws(ConfigurationError) -> Int {
    guard value >= minimum else {
      throw ConfigurationError("\(option) must be at least \(minimum)\(qualifier) (got \(value))")
    }
    return value
  }

  /// `value` if it is at most this lesson's `limit`, else the one-line error "--OPTION must be at
  /// most LIMIT[ unit] in this lesson[: why] (got VALUE)"; nil when the option was not given.
  public static func limited(
    _ value: Int?, _ option: String, atMost limit: Int, unit: String = "", _ why: String = ""
  ) throws(ConfigurationError) -> Int? {
    guard let value else { return nil }
    guard value <= limit else {
      let units = unit.isEmpty ? "" : " \(unit)"
      let reason = why.isEmpty ? "" : ": \(why)"
      throw ConfigurationError("\(option) must be at most \(limit)\(units) in this lesson\(reason) (got \(value))")
    }
    return value
  }

  /// `value` if it lies in `range`, else the one-line error "--OPTION must be an integer in A…B
  /// (got VALUE)"; nil when the option was not given.
  public static func inRange(_ value: Int?, _ option: String, _ range: ClosedRange<Int>) throws(ConfigurationError)
    -> Int?
  {
    guard let value else { return nil }
    guard range.contains(value) else {
      throw ConfigurationError(
        "\(option) must be an integer in \(range.lowerBound)…\(range.upperBound) (got \(value))")
    }
    return value
  }

  /// `value` if it is finite and lies in `range` (written "[A, B]", or "(A, B]" when the lower end
  /// is excluded), else the one-line error "--OPTION must be a number in [A, B] (got VALUE)"; nil
  /// when the option was not given.
  public static func inRange(
    _ value: Double?, _ option: String, _ range: ClosedRange<Double>, excludingLowerBound: Bool = false
  ) throws(ConfigurationError) -> Double? {
    guard let value else { return nil }
    let above = excludingLowerBound ? value > range.lowerBound : value >= range.lowerBound
    guard value.isFinite && above && value <= range.upperBound else {
      let interval =
        "\(excludingLowerBound ? "(" : "[")\(written(range.lowerBound)), \(written(range.upperBound))]"
      throw ConfigurationError("\(option) must be a number in \(interval) (got \(written(value)))")
    }
    return value
  }

  /// A number as the help text writes it (a range's end, a refused value): "1" rather than "1.0".
  public static func written(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }
}
