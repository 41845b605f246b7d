import NeuralNet
import Notebook

/// Lesson 7, "documents": the documents' own models run for real: the CNN of "Generalize better"
/// with Adam, early stopping and a checkpoint; the same CNN made to explode and each documented fix
/// applied alone; the ResNet of "Batch norm and batch GD" in small; and a ledger of every claim with its verdict. The steps live in
/// `DocumentsLesson+*.swift`.
public enum DocumentsLesson {
  /// The lesson's name: its executable and its output folder.
  public static let name = "documents"
  /// The lesson's title.
  public static let title = "Lesson 7 · The documents' own models, run for real, and a ledger of their claims"

  /// Runs every step into `notebook` and returns the exit status from `finish()`.
  public static func run(_ config: DocumentsConfiguration, in notebook: Notebook) throws -> Int32 {
    notebook.introduction(
      """
      The five documents this tool grew from ([docs/documents.md](../../docs/documents.md)) show \
      code: a small CNN on 28×28 digits trained with Adam and early stopping (“Generalize \
      better”), a ResNet on random data (“Batch norm and batch GD”), \
      and batch norm, clipping, initialization and batch gradient descent as fixes for exploding \
      gradients. This lesson runs their models faithfully, makes the CNN misbehave the way they \
      fear, applies each fix alone, and ends with a ledger of every claim the lessons have judged.
      """)
    let data = try config.data()
    let cnn = try stepCNN(config, data: data, in: notebook)
    let fixes = stepFixes(config, data: data, in: notebook)
    let resnet = stepResNet(config, in: notebook)
    let own = DocumentsClaims.claims(config, cnn: cnn, fixes: fixes, resnet: resnet.runs)
    notebook.step("The documents' claims about their own code, measured") {
      notebook.prose(
        "Each claim below is quoted from one of the five documents ([docs/documents.md](../../docs/documents.md)) and judged by this lesson's own numbers."
      )
      notebook.claims(own)
    }
    stepLedger(own, in: notebook)
    notebook.step("Exercises") {
      notebook.prose("Answer with a number; the lesson checks it against the real model or the real rule and says why.")
      notebook.exercises(DocumentsExercises.all(config))
    }
    return try notebook.finish()
  }

  /// The ledger: every claim judged by lessons 1–7, with its verdict and where it is measured.
  static func stepLedger(_ own: [Claim], in notebook: Notebook) {
    notebook.step("The ledger: every claim, its verdict, and where it is tested") {
      let entries =
        DocumentsLedger.entries
        + own.map {
          DocumentsLedger.Entry(
            source: $0.source, quote: $0.quote, translation: $0.translation, verdict: $0.verdict,
            places: [.init(lesson: name, steps: [])])
        }
      notebook.prose(
        """
        \(entries.count) claims from the five documents, in lesson order. A place is a lesson and \
        the steps whose measurements decide the verdict (the notebook of each lesson, \
        plots/<lesson>/README.md, quotes the claim with its evidence; "the code" means the verdict \
        comes from reading the document's code). Verdicts come from the reference runs (seed 42).
        """)
      notebook.table(
        Table(
          headers: ["source", "claim (translated)", "verdict", "tested in"],
          rows: entries.map { e in
            [
              e.source.label, e.translation, e.verdict.rawValue,
              e.places.map { p in
                p.lesson == name
                  ? "documents, step 4"
                  : "\(p.lesson), \(p.steps.isEmpty ? "the code" : "step\(p.steps.count > 1 ? "s" : "") \(p.steps.map(String.init).joined(separator: ", "))")"
              }.joined(separator: "; "),
            ]
          }))
      let counts = Dictionary(grouping: entries, by: \.verdict).mapValues(\.count)
      notebook.prose(
        "Of \(entries.count) claims: \(counts[.false_, default: 0]) false, \(counts[.partlyHolds, default: 0]) partly hold, \(counts[.holds, default: 0]) hold."
      )
      notebook.recordRun(
        "ledger",
        [
          ("claims", Double(entries.count)), ("false", Double(counts[.false_, default: 0])),
          ("partly_holds", Double(counts[.partlyHolds, default: 0])), ("holds", Double(counts[.holds, default: 0])),
        ])
    }
  }
}
