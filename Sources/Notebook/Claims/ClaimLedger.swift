import Claims
import Foundation

/// The ledger of every catalogued claim: the catalogue (`ClaimCatalogue`) joined with the claim
/// records that each lesson wrote into its metrics.json (`<plots-dir>/<lesson>/metrics.json`), so
/// that a verdict in the ledger is always one that a run computed, with that run's mode and seed.
/// Which lessons judge a claim is read from the same records (a lesson's claims are declared once,
/// in its code): the catalogue holds only what a claim says and whether any lesson judges it.
public struct ClaimLedger: Sendable {
  /// One lesson's record of one claim, as its metrics.json holds it.
  public struct Record: Sendable, Equatable, Decodable {
    /// The claim's id.
    public var id: ClaimID
    /// The verdict (a `Claim.Verdict` raw value).
    public var verdict: String
    /// The step's number in that lesson.
    public var step: Int
    /// The step's id.
    public var stepID: String
    /// "measurement" or "the document's code".
    public var basis: String

    enum CodingKeys: String, CodingKey {
      case id, verdict, step, basis
      case stepID = "step_id"
    }
  }

  /// What one lesson's metrics.json says, or why it could not be read.
  public struct LessonRecords: Sendable, Equatable {
    /// The lesson.
    public var lesson: String
    /// "full" or "quick" (nil if the file was not read).
    public var mode: String?
    /// The seed of that run.
    public var seed: Int?
    /// Its claim records (empty if the file was not read).
    public var records: [Record]
    /// Why the file could not be read, in one line (nil if it was).
    public var problem: String?
  }

  /// One row: a claim and what each lesson that recorded it says.
  public struct Row: Sendable, Equatable {
    /// The claim.
    public var id: ClaimID
    /// Each record of the claim, by lesson, in the ledger's lesson order.
    public var judgements: [(lesson: String, record: Record)]

    /// The verdict: the lessons' common verdict, "mixed" when they disagree, "not tested" when the
    /// catalogue judges it nowhere, "not run" when no lesson's metrics.json records it.
    public var verdict: String {
      if case .notTested = ClaimCatalogue.entry(id).status { return Claim.Verdict.notTested.rawValue }
      let verdicts = Set(judgements.map(\.record.verdict))
      if verdicts.isEmpty { return "not run" }
      return verdicts.count == 1 ? verdicts.first! : "mixed"
    }

    public static func == (a: Row, b: Row) -> Bool {
      a.id == b.id && a.judgements.map(\.lesson) == b.judgements.map(\.lesson)
        && a.judgements.map(\.record) == b.judgements.map(\.record)
    }
  }

  /// Every lesson's records, by lesson.
  public var lessons: [LessonRecords]
  /// One row per catalogued claim, in catalogue order.
  public var rows: [Row]

  /// The ledger from the metrics.json files in the folders of `plotsDir` (each a lesson's output
  /// folder; a folder without one is not a lesson's and is left out), with `own` (the records of
  /// the lesson building the ledger, from this run) standing in for that lesson's file.
  public init(plotsDir: URL, own: (lesson: String, mode: String, seed: Int, claims: [Claim], steps: (StepID) -> Int)) {
    let manager = FileManager.default
    let folders = ((try? manager.contentsOfDirectory(atPath: plotsDir.path)) ?? []).sorted().filter {
      $0 != own.lesson && manager.fileExists(atPath: plotsDir.appendingPathComponent("\($0)/metrics.json").path)
    }
    let ownRecords = LessonRecords(
      lesson: own.lesson, mode: own.mode, seed: own.seed,
      records: own.claims.map {
        Record(
          id: $0.id, verdict: $0.verdict.rawValue, step: own.steps($0.step), stepID: $0.step.rawValue,
          basis: $0.basis.rawValue)
      }, problem: nil)
    let found = folders.map { Self.read(lesson: $0, plotsDir: plotsDir) } + [ownRecords]
    // A claim's lessons in the order of the first catalogued claim each records (then by name);
    // the ledger's lessons in the order they first record a claim ahead of the others, then the
    // rest (those whose file could not be read last).
    func first(_ lesson: LessonRecords) -> Int {
      lesson.records.compactMap { record in ClaimID.allCases.firstIndex(of: record.id) }.min() ?? ClaimID.allCases.count
    }
    let ordered = found.sorted { (first($0), $0.lesson) < (first($1), $1.lesson) }
    func recorders(_ id: ClaimID) -> [LessonRecords] { ordered.filter { $0.records.contains { $0.id == id } } }
    var names: [String] = []
    for name in ClaimID.allCases.compactMap({ recorders($0).first?.lesson }) + ordered.map(\.lesson)
    where !names.contains(name) {
      names.append(name)
    }
    lessons = names.compactMap { name in found.first { $0.lesson == name } }
    rows = ClaimID.allCases.map { id in
      Row(id: id, judgements: recorders(id).map { lesson in (lesson.lesson, lesson.records.first { $0.id == id }!) })
    }
  }

  /// Reads `<plotsDir>/<lesson>/metrics.json`.
  static func read(lesson: String, plotsDir: URL) -> LessonRecords {
    struct Metrics: Decodable {
      var mode: String
      var seed: Int
      var claims: [Record]?
    }
    let file = plotsDir.appendingPathComponent(lesson).appendingPathComponent("metrics.json")
    guard let data = FileManager.default.contents(atPath: file.path) else {
      return LessonRecords(lesson: lesson, records: [], problem: "not run into \(plotsDir.path)")
    }
    do {
      let metrics = try JSONDecoder().decode(Metrics.self, from: data)
      guard let claims = metrics.claims else {
        return LessonRecords(
          lesson: lesson, mode: metrics.mode, seed: metrics.seed, records: [],
          problem: "its metrics.json predates claim records; run it again")
      }
      return LessonRecords(lesson: lesson, mode: metrics.mode, seed: metrics.seed, records: claims, problem: nil)
    } catch {
      return LessonRecords(lesson: lesson, records: [], problem: "unreadable metrics.json (\(error))")
    }
  }
}
