import CBLASKernel
import Foundation
import LessonTestSupport
import Notebook
import Testing

/// The claims contract: every verdict comes from a rule over the run's own measurements, so it
/// holds across seeds and BLAS kernels where the measurement does, changes where the measurement
/// changes, and agrees with the catalogue and docs/documents.md.
@Suite("Claims", .serialized)
struct ClaimTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A lesson's claim records from a metrics.json, by id: (verdict, basis, rule, measurements, step id).
  static func claims(in metrics: [String: Any]) -> [(id: String, verdict: String, record: [String: Any])] {
    ((metrics["claims"] as? [[String: Any]]) ?? []).map {
      ($0["id"] as? String ?? "?", $0["verdict"] as? String ?? "?", $0)
    }
  }

  /// The committed reference run of `lesson` (full mode, seed 42).
  static func reference(_ lesson: String) throws -> [String: Any] {
    try LessonExpectations.metrics(in: root.appendingPathComponent("plots").appendingPathComponent(lesson))
  }

  @Test(arguments: LessonContractTests.lessons)
  func everyLessonRecordsTheClaimsTheCatalogueGivesItWithRuleAndMeasurements(lesson: String) throws {
    let records = Self.claims(in: try Self.reference(lesson))
    #expect(records.map(\.id).sorted() == ClaimCatalogue.judged(in: lesson).map(\.rawValue).sorted(), "\(lesson)")
    #expect(Set(records.map(\.id)).count == records.count, "\(lesson) records a claim twice")
    for (id, verdict, record) in records {
      #expect(Claim.Verdict(rawValue: verdict) != nil, "\(lesson) \(id): verdict \(verdict)")
      #expect((record["rule"] as? String ?? "").count > 20, "\(lesson) \(id): no rule in words")
      #expect(record["step"] is Int && record["step_id"] is String, "\(lesson) \(id): no step")
      let measurements = record["measurements"] as? [String: Any] ?? [:]
      switch record["basis"] as? String {
      case Claim.Basis.measurement.rawValue: #expect(!measurements.isEmpty, "\(lesson) \(id): no measurements")
      case Claim.Basis.documentCode.rawValue: #expect(measurements.isEmpty)
      default: Issue.record("\(lesson) \(id): basis \(record["basis"] ?? "none")")
      }
    }
    // The notebook shows the same: each claim's id with its rule or its basis.
    let notebook = try String(
      contentsOf: Self.root.appendingPathComponent("plots/\(lesson)/README.md"), encoding: .utf8)
    for (id, _, _) in records { #expect(notebook.contains("Claim `\(id)`"), "\(lesson)'s notebook lacks \(id)") }
  }

  /// docs/documents.md lists every catalogued sentence of a document in that document's section,
  /// with the lessons that judge it or "not tested", and no sentence the catalogue lacks.
  @Test func theCatalogueAndDocsDocumentsMdListTheSameClaims() throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("docs/documents.md"), encoding: .utf8)
    for document in Document.allCases {
      let section = try #require(ReferenceTests.section(document.rawValue, of: text))
      let ids = ClaimID.allCases.filter { ClaimCatalogue.entry($0).source == .document(document) }
      let listed = section.matches(of: /(?m)^- 「(.+)」\n  “.+” \((.+)\)$/).map {
        (String($0.output.1), String($0.output.2))
      }
      #expect(listed.map(\.0).sorted() == ids.map { ClaimCatalogue.entry($0).quote }.sorted(), "\(document)")
      for id in ids {
        let entry = ClaimCatalogue.entry(id)
        let note = listed.first { $0.0 == entry.quote }?.1 ?? ""
        switch entry.status {
        case .notTested: #expect(note == "not tested", "\(id): \(note)")
        case .judged(let lessons):
          for lesson in lessons { #expect(note.contains("`\(lesson)`"), "\(id): \(note)") }
        }
      }
    }
  }

  /// The reference verdicts (full mode, seed 42) hold in quick mode for seeds 1–5, every check
  /// passes for each seed, and seed 1 gives the same checks and verdicts under a second BLAS kernel
  /// (Haswell if the environment did not choose it, else the default).
  @Test(arguments: LessonContractTests.lessons)
  func referenceVerdictsHoldForSeedsOneToFiveAndUnderTwoKernels(lesson: String) throws {
    let reference = Dictionary(
      uniqueKeysWithValues: Self.claims(in: try Self.reference(lesson)).map { ($0.id, $0.verdict) })
    // The second kernel: Haswell if the environment did not choose it, else the default.
    var other = ProcessInfo.processInfo.environment
    let userChoseHaswell = other["OPENBLAS_CORETYPE"]?.lowercased() == "haswell"
    other["OPENBLAS_CORETYPE"] = nil
    other["OPENBLAS_L2_SIZE"] = nil
    let twoKernels = userChoseHaswell || !String(cString: cblaskernel_best_coretype()).isEmpty  // AVX2: two kernels
    if !userChoseHaswell { other["OPENBLAS_CORETYPE"] = "Haswell" }
    let runs: [(seed: Int, environment: [String: String]?)] =
      (1...5).map { ($0, nil) } + (twoKernels ? [(1, other)] : [])
    let folders = runs.map { _ in LessonProcess.temporaryDirectory("claims-\(lesson)") }
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    let results = LessonProcess.runInParallel(
      zip(runs, folders).map { run, folder in
        (lesson, ["--quick", "--no-preview", "--seed", "\(run.seed)", "--plots-dir", folder.path], run.environment)
      })
    var metrics: [[String: Any]] = []
    for (index, result) in results.enumerated() {
      #expect(
        result.status == 0,
        "\(lesson) --quick --seed \(runs[index].seed): status \(result.status), \(result.stderr.suffix(600))")
      metrics.append(try LessonExpectations.metrics(in: folders[index].appendingPathComponent(lesson)))
    }
    for seed in 1...5 {
      let verdicts = Dictionary(uniqueKeysWithValues: Self.claims(in: metrics[seed - 1]).map { ($0.id, $0.verdict) })
      #expect(verdicts == reference, "\(lesson) --quick --seed \(seed): \(Self.difference(verdicts, reference))")
    }
    guard twoKernels else { return }
    let seedOne = metrics[0]
    let second = metrics[5]
    let versions = second["versions"] as? [String: Any] ?? [:]
    #expect(
      (versions["blas_kernel_selection"] as? String == "user") == !userChoseHaswell,
      "\(lesson): kernel \(versions["blas_kernel"] ?? "?") (\(versions["blas_kernel_selection"] ?? "?"))")
    #expect(Self.checkOutcomes(second) == Self.checkOutcomes(seedOne), "\(lesson): checks differ between kernels")
    #expect(
      Self.claims(in: second).map(\.verdict) == Self.claims(in: seedOne).map(\.verdict),
      "\(lesson): verdicts differ between kernels")
  }

  /// Overrides that change what a run measures change the verdict, and the evidence says why
  /// (one or more per lesson; run two at a time).
  static let overrides: [(lesson: String, arguments: [String], id: String, verdict: String, evidence: String)] = [
    ("exploding", ["--init", "naive"], "batch-norm-and-batch-gd/init-may-not-solve", "holds", "also went non-finite"),
    (
      "exploding", ["--weight-std", "1.2"], "important-problem/too-much-computation", "not tested",
      "Neither net explodes"
    ),
    ("batchnorm", ["--weight-std", "1"], "training-techniques/bn-prevents-explosion", "not tested", "did not explode"),
    ("clipping", ["--lr", "0.002"], "generalization/clipping-range", "not tested", "no explosion for clipping"),
    (
      "initialization", ["--activation", "tanh"], "generalization/small-initial-weights", "not tested",
      "did not measure small_factor"
    ),
    (
      "batch-gd", ["--width", "4"], "batch-norm-and-batch-gd/relatively-new", "partly holds",
      "did not reach the threshold"
    ),
    ("residual", ["--lr", "0.3"], "batch-norm-and-batch-gd/init-may-not-solve", "holds", "Fixup did not train"),
    ("documents", ["--weight-std", "0.05"], "training-techniques/bn-in-cnn", "false", "not bad enough to explode"),
  ]

  @Test func anOverrideThatChangesTheMeasurementChangesTheVerdict() throws {
    #expect(Set(Self.overrides.map(\.lesson)) == Set(LessonContractTests.lessons), "a lesson has no override")
    let folders = Self.overrides.map { _ in LessonProcess.temporaryDirectory("claims-override") }
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    let results = LessonProcess.runInParallel(
      zip(Self.overrides, folders).map { o, folder in
        (o.lesson, ["--quick", "--no-preview", "--plots-dir", folder.path] + o.arguments, nil)
      })
    for (index, o) in Self.overrides.enumerated() {
      let result = results[index]
      #expect(result.status == 0 || result.status == 1, "\(o.lesson) \(o.arguments): \(result.stderr)")
      let record = try #require(
        Self.claims(in: try LessonExpectations.metrics(in: folders[index].appendingPathComponent(o.lesson)))
          .first { $0.id == o.id })
      let referenceVerdict = Self.claims(in: try Self.reference(o.lesson)).first { $0.id == o.id }?.verdict
      #expect(referenceVerdict != o.verdict, "\(o.id): the reference already says \(o.verdict)")
      #expect(record.verdict == o.verdict, "\(o.lesson) \(o.arguments): \(o.id) is \(record.verdict)")
      let text = record.record["evidence"] as? String ?? ""
      #expect(text.contains(o.evidence), "\(o.lesson) \(o.arguments): evidence “\(text)”")
      #expect(
        result.stdout.contains("Verdict: \(o.verdict)"),
        "\(o.lesson) \(o.arguments): the terminal shows another verdict")
    }
  }

  // MARK: Helpers

  static func checkOutcomes(_ metrics: [String: Any]) -> [String: Bool] {
    let checks = metrics["checks"] as? [[String: Any]] ?? []
    return Dictionary(
      checks.map { ($0["name"] as? String ?? "?", $0["passed"] as? Bool ?? false) },
      uniquingKeysWith: { a, b in a && b })
  }

  static func difference(_ a: [String: String], _ b: [String: String]) -> String {
    Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
      .map { "\($0): \(a[$0] ?? "none") (reference \(b[$0] ?? "none"))" }.joined(separator: "; ")
  }
}
