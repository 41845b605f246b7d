import Claims
import NeuralNet
import Notebook

extension DocumentsLesson {
  // MARK: .ledger

  /// The ledger: every catalogued claim with the verdict that each judging lesson's last run
  /// recorded in its metrics.json, and the claims no lesson tests, with the reason.
  static func stepLedger(_ own: [Claim], in notebook: Notebook) {
    notebook.step(.ledger, "The ledger: every claim, its verdict, and where it is tested") {
      let plotsDir = notebook.outputDirectory.deletingLastPathComponent()
      let ledger = ClaimLedger(
        plotsDir: plotsDir,
        own: (
          lesson: name, mode: notebook.settings.quick ? "quick" : "full",
          seed: Int(truncatingIfNeeded: notebook.settings.seed),
          claims: own, steps: notebook.number(of:)
        ))
      let runs = ledger.lessons.map { l in
        l.problem.map { "`\(l.lesson)`: \($0)" }
          ?? "`\(l.lesson)`: \(l.mode ?? "?") mode, seed \(l.seed.map(String.init) ?? "?")"
      }
      notebook.prose(
        """
        All \(ledger.rows.count) claims of the catalogue ([docs/documents.md](../../docs/documents.md)), \
        in catalogue order. A verdict here is the one the lesson's own rule computed in its last run \
        into this folder, read from `<plots-dir>/<lesson>/metrics.json`; the lesson's notebook shows \
        the rule, the measurements and the evidence. "the code" means the verdict comes from reading \
        the document's code. Runs read: \(runs.joined(separator: "; ")).
        """)
      notebook.table(
        Table(
          headers: ["source", "claim (translated)", "verdict", "tested in"],
          rows: ledger.rows.map { row in
            let entry = ClaimCatalogue.entry(row.id)
            let places: String
            if case .notTested = entry.status {
              places = "no lesson (reason below)"
            } else if row.judgements.isEmpty {
              places = "no lesson's metrics.json in this folder records it"
            } else {
              places = row.judgements.map { lesson, record in
                let mixed = row.verdict == "mixed" ? " (\(record.verdict))" : ""
                return record.basis == Claim.Basis.documentCode.rawValue
                  ? "\(lesson), the code\(mixed)" : "\(lesson), step \(record.step)\(mixed)"
              }.joined(separator: "; ")
            }
            // A paper's claim is quoted in English; a document's is shown translated.
            let claim: String
            if case .paper = entry.source { claim = entry.quote } else { claim = entry.translation }
            return [entry.source.label, claim, row.verdict, places]
          }))
      let untested = ledger.rows.filter { $0.verdict == Claim.Verdict.notTested.rawValue }
      let reasons = untested.compactMap { row -> String? in
        guard case .notTested(let reason) = ClaimCatalogue.entry(row.id).status else { return nil }
        return "- “\(ClaimCatalogue.entry(row.id).translation)” \(reason)"
      }
      if !reasons.isEmpty {
        notebook.prose("Not tested by any lesson, and why:\n\n" + reasons.joined(separator: "\n"))
      }
      let counts = Dictionary(grouping: ledger.rows, by: \.verdict).mapValues(\.count)
      let order = Claim.Verdict.allCases.map(\.rawValue) + ["mixed", "not run"]
      notebook.prose(
        "Of \(ledger.rows.count) claims: "
          + order.filter { counts[$0, default: 0] > 0 }.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ") + "."
      )
      notebook.recordRun(
        "ledger",
        [("claims", Double(ledger.rows.count))]
          + order.map { ($0.replacingOccurrences(of: " ", with: "_"), Double(counts[$0, default: 0])) })
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `DocumentsLesson.outline`).
  static let ledger: StepID = "ledger"
}
