import NeuralNet
import Notebook

/// Lesson 7, "documents": the documents' own models run for real: the CNN of "Generalize better"
/// with Adam, early stopping and a checkpoint; the same CNN made to explode and each documented fix
/// applied alone; the ResNet of "Batch norm and batch GD" in small; and a ledger of every claim with its verdict. The steps live in
/// `DocumentsLesson+*.swift`.
package enum DocumentsLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "documents"
  /// The lesson's title.
  package static let title = "Lesson 7 · The documents' own models, run for real, and a ledger of their claims"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [.cnn, .fixes, .resnet, .claims, .ledger, .exercises]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: DocumentsConfiguration) -> String {
    """
    The five documents this tool grew from ([docs/documents.md](../../docs/documents.md)) show \
    code: a small CNN on 28×28 digits trained with Adam and early stopping (“Generalize \
    better”), a ResNet on random data (“Batch norm and batch GD”), \
    and batch norm, clipping, initialization and batch gradient descent as fixes for exploding \
    gradients. This lesson runs their models faithfully, makes the CNN misbehave the way they \
    fear, applies each fix alone, and ends with a ledger of every claim the lessons have judged.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: DocumentsConfiguration, in notebook: Notebook) throws -> [Claim] {
    let data = try config.data()
    let cnn = try stepCNN(config, data: data, in: notebook)
    let fixes = stepFixes(config, data: data, in: notebook)
    let resnet = stepResNet(config, in: notebook)
    return DocumentsClaims.claims(
      config, cnn: cnn, fixes: fixes, resnet: resnet.runs, resnetErrors: resnet.errors, in: notebook)
  }
}
