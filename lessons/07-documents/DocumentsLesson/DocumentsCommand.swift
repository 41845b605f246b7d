import ArgumentParser
import Foundation
import NeuralNet
import Notebook

/// The command line of lesson 7: shared lesson options, the overrides, early stopping's settings,
/// and `--evaluate` to score a saved checkpoint.
public struct DocumentsCommand: LessonCommand {
  public static let configuration = CommandConfiguration(
    commandName: DocumentsLesson.name,
    abstract: "Lesson 7: the documents' own CNN and ResNet, run for real, and a ledger of their claims.",
    discussion: """
      Runs the lesson step by step and writes charts (PNG, .gp, .dat), the executed notebook \
      README.md, metrics.json and the CNN's best checkpoint (cnn-best.ckpt) into \
      <plots-dir>/documents/. Overrides: --epochs and --patience (\(DocumentsLesson.outline.reference(.cnn))), --weight-std (σ of the bad \
      init of \(DocumentsLesson.outline.reference(.fixes))), --lr, --steps, --batch-size and --clip-norm (\(DocumentsLesson.outline.reference(.fixes))). --evaluate FILE loads a \
      checkpoint of the documents' CNN and prints its test accuracy.
      """ + "\n\n"
        + defaultsHelp(
          full: DocumentsConfiguration(quick: false, seed: 42).parameters,
          quick: DocumentsConfiguration(quick: true, seed: 42).parameters))

  @OptionGroup public var lesson: LessonOptions
  @OptionGroup public var network: NetworkOptions

  @Option(parsing: .unconditional, help: "Epochs of the documents' CNN (1…200; “Generalize better” uses 10).")
  public var epochs: Int?

  @Option(parsing: .unconditional, help: "Early-stopping patience in epochs (1…200; “Generalize better” uses 5).")
  public var patience: Int?

  @Option(help: "Score a checkpoint of the documents' CNN on the test digits instead of running the lesson.")
  public var evaluate: String?

  public init() {}

  /// The configuration after overrides (valid once `validate()` has passed).
  public var resolved: DocumentsConfiguration {
    get throws(ConfigurationError) {
      try DocumentsConfiguration(lesson: lesson, network: network, epochs: epochs, patience: patience)
    }
  }

  public mutating func validate() throws {
    _ = try Self.validated { () throws(ConfigurationError) in try resolved }
    try Self.validateExercise(lesson, count: DocumentsExercises.count)
    if let evaluate, !FileManager.default.isReadableFile(atPath: evaluate) {
      throw ValidationError("--evaluate: no readable checkpoint at \(evaluate)")
    }
  }

  public func run() throws {
    let config = try resolved
    if let evaluate {
      let model = DocumentsCNN.make(seed: config.seed)
      do {
        let metadata = try Checkpoint.load(into: model, from: URL(fileURLWithPath: evaluate))
        let accuracy = try config.data().test.accuracy(of: model)
        print(
          "\(evaluate): epoch \(metadata.step + 1), validation loss \(Format.number(metadata.validationLoss)), test accuracy \(Format.percent(accuracy))"
        )
      } catch let error as Checkpoint.LoadError {
        throw ValidationError("--evaluate: \(error.description)")
      }
      return
    }
    try Self.runNotebookOrExercise(
      lesson, title: DocumentsLesson.title, parameters: config.parameters,
      exercises: { DocumentsExercises.all(config) },
      body: { try DocumentsLesson.run(config, in: $0) })
  }
}
