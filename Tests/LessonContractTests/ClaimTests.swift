import CBLASKernel
import Claims
import Foundation
import LessonCatalogue
import LessonTestSupport
import Notebook
import Testing

/// The claims contract: every verdict comes from a rule over the run's own measurements, so it
/// holds across seeds and BLAS kernels where the measurement does, changes where the measurement
/// changes, and agrees with the catalogue and docs/documents.md.
@Suite("Claims", .serialized)
struct ClaimTests {
  static let root = LessonExpectations.root

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

  /// The lessons whose committed reference run records each claim, in the catalogue's lesson order:
  /// where a claim is judged is said once, by the lesson's code, and read back from its records.
  static func judgingLessons() throws -> [ClaimID: [String]] {
    var lessons: [ClaimID: [String]] = [:]
    for lesson in LessonContractTests.lessons {
      for record in Self.claims(in: try Self.reference(lesson)) {
        if let id = ClaimID(rawValue: record.id) { lessons[id, default: []].append(lesson) }
      }
    }
    return lessons
  }

  /// A claim the catalogue calls judged is recorded by at least one lesson's reference run, and
  /// one it calls not tested by none.
  @Test func theReferenceRunsJudgeExactlyTheClaimsTheCatalogueCallsJudged() throws {
    let judging = try Self.judgingLessons()
    for id in ClaimID.allCases {
      switch ClaimCatalogue.entry(id).status {
      case .judged: #expect(!(judging[id] ?? []).isEmpty, "\(id): judged by no lesson's reference run")
      case .notTested: #expect(judging[id] == nil, "\(id) is 'not tested' but \(judging[id] ?? []) record it")
      }
    }
  }

  @Test(arguments: LessonContractTests.lessons)
  func everyLessonRecordsItsClaimsWithRuleAndMeasurements(lesson: String) throws {
    let records = Self.claims(in: try Self.reference(lesson))
    for (id, _, _) in records { #expect(ClaimID(rawValue: id) != nil, "\(lesson) records \(id), not in the catalogue") }
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
  /// with the lessons whose reference runs judge it, in course order, or "not tested", and no
  /// sentence the catalogue lacks.
  @Test func theCatalogueAndDocsDocumentsMdListTheSameClaims() throws {
    let judging = try Self.judgingLessons()
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
        case .judged:
          let named = note.matches(of: /`([a-z-]+)`/).map { String($0.output.1) }
          #expect(named == judging[id] ?? [], "\(id): docs/documents.md says \(note)")
        }
      }
    }
  }

  /// The lesson seeds of the over-seeds contract besides 42: a lesson's experiments over seeds
  /// draw seeds s, s + 1, …, s + 4 from its seed s (`SeedSpread.seeds(from:count:)`), so 42, 1 and
  /// 6 cover 15 different seeds with no overlap (seeds 1…5 covered 9, most of them shared by
  /// several runs) in three runs instead of five.
  static let otherSeeds: [UInt64] = [1, 6]

  /// The reference verdicts (full mode, seed 42) hold in quick mode for seed 42 (the quick run
  /// every contract shares, `QuickRun`) and for `otherSeeds`; every check passes for each seed;
  /// and seed 42 gives the same checks and verdicts under a second BLAS kernel (Haswell if the
  /// environment did not choose it, else the default).
  @Test(arguments: LessonContractTests.lessons)
  func referenceVerdictsHoldOverSeedsAndUnderTwoKernels(lesson: String) throws {
    let reference = Dictionary(
      uniqueKeysWithValues: Self.claims(in: try Self.reference(lesson)).map { ($0.id, $0.verdict) })
    let type = try #require(LessonCatalogue.lesson(named: lesson))
    let shared = try QuickRun.of(type)
    let seedFortyTwo = try LessonExpectations.metrics(in: shared.folder)
    // The second kernel: Haswell if the environment did not choose it, else the default.
    var other = ProcessInfo.processInfo.environment
    let userChoseHaswell = other["OPENBLAS_CORETYPE"]?.lowercased() == "haswell"
    other["OPENBLAS_CORETYPE"] = nil
    other["OPENBLAS_L2_SIZE"] = nil
    let twoKernels = userChoseHaswell || !String(cString: cblaskernel_best_coretype()).isEmpty  // AVX2: two kernels
    if !userChoseHaswell { other["OPENBLAS_CORETYPE"] = "Haswell" }
    let runs: [(seed: UInt64, environment: [String: String]?)] =
      Self.otherSeeds.map { ($0, nil) } + (twoKernels ? [(UInt64(42), other)] : [])
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
    for (seed, run) in zip([42] + Self.otherSeeds, [seedFortyTwo] + metrics) {
      let verdicts = Dictionary(uniqueKeysWithValues: Self.claims(in: run).map { ($0.id, $0.verdict) })
      #expect(verdicts == reference, "\(lesson) --quick --seed \(seed): \(Self.difference(verdicts, reference))")
      let failed = Self.checkOutcomes(run).filter { !$0.value }.keys.sorted()
      #expect(failed.isEmpty, "\(lesson) --quick --seed \(seed): failed checks \(failed)")
    }
    guard twoKernels, let second = metrics.last else { return }
    let versions = second["versions"] as? [String: Any] ?? [:]
    #expect(
      (versions["blas_kernel_selection"] as? String == "user") == !userChoseHaswell,
      "\(lesson): kernel \(versions["blas_kernel"] ?? "?") (\(versions["blas_kernel_selection"] ?? "?"))")
    #expect(Self.checkOutcomes(second) == Self.checkOutcomes(seedFortyTwo), "\(lesson): checks differ between kernels")
    #expect(
      Self.claims(in: second).map(\.verdict) == Self.claims(in: seedFortyTwo).map(\.verdict),
      "\(lesson): verdicts differ between kernels")
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
