import ArgumentParser
import Foundation
import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 7: its help, its configuration from the
/// command line, its exercises.
extension DocumentsLesson: Lesson {
  package typealias Options = DocumentsOptions

  package static let abstract =
    "Lesson 7: the documents' own CNN and ResNet, run for real, and a ledger of their claims."

  package static var overrides: String {
    """
    The CNN's best checkpoint goes there too (cnn-best.ckpt). Overrides: --epochs and --patience \
    (\(DocumentsLesson.outline.reference(.cnn))), --weight-std (σ of the bad init of \
    \(DocumentsLesson.outline.reference(.fixes))), --lr, --steps, --batch-size and --clip-norm \
    (\(DocumentsLesson.outline.reference(.fixes))). --evaluate FILE loads a checkpoint of the \
    documents' CNN and prints its test accuracy.
    """
  }

  package static let exerciseCount = DocumentsExercises.count
  package static let exerciseVariations = DocumentsExercises.variations

  package static let claimsTitle = "The documents' claims about their own code, measured"
  package static let claimsBasis = ", or, where the document shows code that cannot run, by reading the code"
  package static let exercisesCheckedAgainst = "the real model or the real rule"

  /// The ledger of every lesson's claims follows this lesson's own.
  package static func afterClaims(_ claims: [Claim], in notebook: Notebook) {
    stepLedger(claims, in: notebook)
  }

  package static func configuration(lesson: LessonOptions, network: NetworkOptions, options: DocumentsOptions)
    throws(ConfigurationError) -> DocumentsConfiguration
  {
    try DocumentsConfiguration(lesson: lesson, network: network, epochs: options.epochs, patience: options.patience)
  }

  package static func exercises(_ config: DocumentsConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    DocumentsExercises.all(config, variant: variant)
  }

  /// `--evaluate CHECKPOINT`: loads a checkpoint of the documents' CNN and prints its test
  /// accuracy instead of running the lesson.
  package static func runInstead(_ config: DocumentsConfiguration, options: DocumentsOptions) throws -> Bool {
    guard let evaluate = options.evaluate else { return false }
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
    return true
  }
}

extension DocumentsConfiguration: LessonConfiguration {}
