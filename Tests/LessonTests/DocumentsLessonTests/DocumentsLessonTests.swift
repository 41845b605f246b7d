import Foundation
import LessonTestSupport
import NeuralNet
import Notebook
import Testing

import DocumentsLesson

/// Lesson 7 held to its checkpoint round trip, its exercises and its command line. (Its ledger's
/// sources are held by `ClaimTests` and `NotebookTests`.)
@Suite("Lesson 7: documents", .serialized)
struct DocumentsLessonTests {
  static let quick = DocumentsConfiguration(quick: true, seed: 42)
  /// The repository root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The checkpoint the lesson writes, in the quick run and in the committed reference run, is a
  /// valid file of the documents' CNN.
  @Test func theLessonsCheckpointIsAValidFileOfTheDocumentsCNN() throws {
    let quick = try QuickRun.of(DocumentsLesson.self).folder
    for folder in [quick, Self.root.appendingPathComponent("plots/documents")] {
      let model = DocumentsCNN.make(seed: 1)
      let metadata = try Checkpoint.load(
        into: model.parameters, from: folder.appendingPathComponent(DocumentsLesson.checkpointName))
      #expect(metadata.step >= 0 && metadata.validationLoss.isFinite, "\(folder.path)")
    }
  }

  @Test func variantZerosCountsAreTheRealModels() {
    let exercises = DocumentsExercises.all(Self.quick)
    #expect(exercises[0].solution().answer == Double(DocumentsCNN.make(seed: 42).parameterCount))
    #expect(exercises[1].solution().answer == Double(DocumentsCNN.expectedSummary()[0].outputsPerImage))
    #expect(
      DocumentsExercises.parameterCount(filters: 32, hidden: 64) == DocumentsCNN.make(seed: 42).parameterCount)
  }

  @Test func theDocumentsCNNHasTheKerasShapesAndIsReproducible() throws {
    let model = DocumentsCNN.make(seed: 42)
    #expect(model.parameterCount == 320 + 2112 + 650)
    let (train, validation, _) = try Self.quick.data()
    let settings = EpochTrainer.Settings(epochs: 1, batchSize: 32, batchSeed: 1)
    let first = try EpochTrainer.fit(
      model, train: train, validation: validation, loss: SoftmaxCrossEntropy(), optimizer: Adam(), settings: settings)
    let again = DocumentsCNN.make(seed: 42)
    let second = try EpochTrainer.fit(
      again, train: train, validation: validation, loss: SoftmaxCrossEntropy(), optimizer: Adam(), settings: settings)
    #expect(first.epochs == second.epochs && model.parameterVector == again.parameterVector)
  }

  @Test func earlyStoppingRestoresTheBestEpochAndTheCheckpointHoldsIt() throws {
    let directory = LessonProcess.temporaryDirectory("documents-ckpt")
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("best.ckpt")
    let (train, validation, _) = try Self.quick.data()
    let model = DocumentsCNN.makePooled(seed: 3)
    // A step size so large that the validation loss gets worse after the first epochs.
    let history = try EpochTrainer.fit(
      model, train: train, validation: validation, loss: SoftmaxCrossEntropy(), optimizer: Adam(learningRate: 0.05),
      settings: .init(epochs: 8, batchSize: 32, batchSeed: 2, patience: 2, checkpoint: url))
    let best = try #require(history.bestEpoch)
    let bestLoss = history.epochs[best].validationLoss
    #expect(history.epochs.allSatisfy { $0.validationLoss >= bestLoss })
    if history.stoppedEarly { #expect(history.epochs.count == best + 1 + 2) }
    // The model holds the best epoch's weights, and so does the file.
    let restored = validation.loss(of: model, using: SoftmaxCrossEntropy())
    #expect(abs(restored - bestLoss) < 1e-9)
    let reloaded = DocumentsCNN.makePooled(seed: 4)
    let metadata = try Checkpoint.load(into: reloaded.parameters, from: url)
    #expect(metadata.step == best && reloaded.parameterVector == model.parameterVector)
  }

  @Test func evaluateScoresACheckpointAndRefusesACorruptOne() throws {
    let directory = LessonProcess.temporaryDirectory("documents-evaluate")
    defer { try? FileManager.default.removeItem(at: directory) }
    let good = directory.appendingPathComponent("good.ckpt")
    let model = DocumentsCNN.make(seed: 42)
    try Checkpoint.save(model.parameters, metadata: .init(step: 2, validationLoss: 1.5), to: good)
    let ok = try LessonProcess.run("documents", ["--evaluate", good.path])
    #expect(ok.status == 0 && ok.stdout.contains("epoch 3") && ok.stdout.contains("test accuracy"), "\(ok.stderr)")
    var bytes = try Data(contentsOf: good)
    bytes[bytes.count / 2] ^= 0xFF
    let corrupt = directory.appendingPathComponent("corrupt.ckpt")
    try bytes.write(to: corrupt)
    let refused = try LessonProcess.run("documents", ["--evaluate", corrupt.path])
    #expect(refused.status != 0 && refused.stderr.contains("corrupt"))
    let other = directory.appendingPathComponent("other.ckpt")
    try Checkpoint.save(
      DocumentsCNN.makePooled(seed: 1).parameters, metadata: .init(step: 0, validationLoss: 1), to: other)
    let mismatch = try LessonProcess.run("documents", ["--evaluate", other.path])
    #expect(mismatch.status != 0 && mismatch.stderr.contains("does not fit"))
  }
}
