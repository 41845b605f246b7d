import ArgumentParser
import Foundation
import LessonKit
import Notebook

/// The options of lesson 7 beyond the shared ones (`LessonOptions`, `NetworkOptions`).
package struct DocumentsOptions: ParsableArguments {

  @Option(parsing: .unconditional, help: "Epochs of the documents' CNN (1…200; “Generalize better” uses 10).")
  package var epochs: Int?

  @Option(parsing: .unconditional, help: "Early-stopping patience in epochs (1…200; “Generalize better” uses 5).")
  package var patience: Int?

  @Option(help: "Score a checkpoint of the documents' CNN on the test digits instead of running the lesson.")
  package var evaluate: String?

  package init() {}

  package func validate() throws {
    guard let evaluate else { return }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: evaluate, isDirectory: &isFolder), isFolder.boolValue {
      throw ValidationError(
        "--evaluate: \(evaluate) is a folder: give a checkpoint file, such as plots/documents/cnn-best.ckpt")
    }
    if !FileManager.default.isReadableFile(atPath: evaluate) {
      throw ValidationError("--evaluate: no readable checkpoint at \(evaluate)")
    }
  }
}
