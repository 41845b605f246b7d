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
    var seedOne: [String: Any] = [:]
    for seed in 1...5 {
      let metrics = try Self.quickRun(lesson, seed: seed, environment: nil)
      if seed == 1 { seedOne = metrics }
      let verdicts = Dictionary(uniqueKeysWithValues: Self.claims(in: metrics).map { ($0.id, $0.verdict) })
      #expect(verdicts == reference, "\(lesson) --quick --seed \(seed): \(Self.difference(verdicts, reference))")
    }
    // The second kernel.
    var environment = ProcessInfo.processInfo.environment
    let userChoseHaswell = environment["OPENBLAS_CORETYPE"]?.lowercased() == "haswell"
    environment["OPENBLAS_CORETYPE"] = nil
    environment["OPENBLAS_L2_SIZE"] = nil
    if !userChoseHaswell {
      guard !String(cString: cblaskernel_best_coretype()).isEmpty else { return }  // no AVX2: one kernel only
      environment["OPENBLAS_CORETYPE"] = "Haswell"
    }
    let other = try Self.quickRun(lesson, seed: 1, environment: environment)
    let versions = other["versions"] as? [String: Any] ?? [:]
    #expect(
      (versions["blas_kernel_selection"] as? String == "user") == !userChoseHaswell,
      "\(lesson): kernel \(versions["blas_kernel"] ?? "?") (\(versions["blas_kernel_selection"] ?? "?"))")
    #expect(Self.checkOutcomes(other) == Self.checkOutcomes(seedOne), "\(lesson): checks differ between kernels")
    #expect(
      Self.claims(in: other).map(\.verdict) == Self.claims(in: seedOne).map(\.verdict),
      "\(lesson): verdicts differ between kernels")
  }

  /// Overrides that change what a run measures change the verdict, and the evidence says why.
  @Test(arguments: [
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
      "batch-gd", ["--depth", "1"], "batch-norm-and-batch-gd/relatively-new", "partly holds",
      "did not reach the threshold"
    ),
    ("residual", ["--lr", "0.3"], "batch-norm-and-batch-gd/init-may-not-solve", "holds", "Fixup did not train"),
    ("documents", ["--weight-std", "0.05"], "training-techniques/bn-in-cnn", "false", "not bad enough to explode"),
  ])
  func anOverrideThatChangesTheMeasurementChangesTheVerdict(
    lesson: String, arguments: [String], id: String, verdict: String, evidence: String
  ) throws {
    let plots = LessonProcess.temporaryDirectory("claims-override")
    defer { try? FileManager.default.removeItem(at: plots) }
    let result = try LessonProcess.run(lesson, ["--quick", "--no-preview", "--plots-dir", plots.path] + arguments)
    #expect(result.status == 0 || result.status == 1, "\(lesson) \(arguments): \(result.stderr)")
    let record = try #require(
      Self.claims(in: try LessonExpectations.metrics(in: plots.appendingPathComponent(lesson))).first { $0.id == id })
    let referenceVerdict = Self.claims(in: try Self.reference(lesson)).first { $0.id == id }?.verdict
    #expect(referenceVerdict != verdict, "the reference already says \(verdict)")
    #expect(record.verdict == verdict, "\(lesson) \(arguments): \(id) is \(record.verdict)")
    let text = record.record["evidence"] as? String ?? ""
    #expect(text.contains(evidence), "\(lesson) \(arguments): evidence “\(text)”")
    #expect(result.stdout.contains("Verdict: \(verdict)"), "the terminal shows another verdict")
  }

  // MARK: Helpers

  static func quickRun(_ lesson: String, seed: Int, environment: [String: String]?) throws -> [String: Any] {
    let plots = LessonProcess.temporaryDirectory("claims-\(lesson)-\(seed)")
    defer { try? FileManager.default.removeItem(at: plots) }
    let result = try LessonProcess.run(
      lesson, ["--quick", "--no-preview", "--seed", "\(seed)", "--plots-dir", plots.path], environment: environment)
    #expect(
      result.status == 0, "\(lesson) --quick --seed \(seed): status \(result.status), \(result.stderr.suffix(600))")
    return try LessonExpectations.metrics(in: plots.appendingPathComponent(lesson))
  }

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
