import ArgumentParser
import NeuralNet
import Notebook

/// The command line of lesson 5: shared lesson options, the network overrides and the recurrent
/// net's own settings.
public struct ClippingCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: ClippingLesson.name,
    abstract: "Lesson 5: gradient clipping, and the recurrent nets where explosions are born.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md and metrics.json into <plots-dir>/clipping/. The recurrent net (\(ClippingLesson.outline.reference([.condition, .unclipped, .sweep, .direction]))): \
      --length T, --hidden, --gain (σ₁ = ρ of W_rec at init), --activation (tanh, sigmoid), --lr, \
      --steps, --batch-size. --clip-norm τ adds your threshold to \(ClippingLesson.outline.reference(.sweep))'s sweep; --clip-value c \
      sets \(ClippingLesson.outline.reference(.direction))'s value-clipping bound. The deep MLPs of \(ClippingLesson.outline.reference(.deepNetwork)): --depth, --width, --init, \
      --weight-std.
      """ + "\n\n"
        + defaultsHelp(
          full: ClippingConfiguration(quick: false, seed: 42).parameters,
          quick: ClippingConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  @Option(parsing: .unconditional, help: "Sequence length T of the adding problem (2…200).")
  public var length: Int?

  @Option(parsing: .unconditional, help: "Hidden units of the recurrent net (1…256).")
  public var hidden: Int?

  @Option(
    parsing: .unconditional,
    help: "σ₁ = ρ of the recurrent weight at init: W_rec = gain · an orthogonal matrix (0 < gain ≤ 100).")
  public var gain: Double?

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: ClippingConfiguration {
    get throws(ConfigurationError) {
      try ClippingConfiguration(lesson: lesson, network: network, length: length, hidden: hidden, gain: gain)
    }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: ClippingExercises.count)
  }

  public func run() throws {
    let config = try resolved
    try Self.runNotebookOrExercise(
      lesson, title: ClippingLesson.title, parameters: config.parameters,
      exercises: { ClippingExercises.all(config) },
      body: { try ClippingLesson.run(config, in: $0) })
  }
}
