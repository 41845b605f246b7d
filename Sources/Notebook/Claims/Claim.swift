import Claims

/// A catalogued claim (see `ClaimCatalogue`) judged by one run: the verdict a stated rule gives on
/// named measurements of that run, and the evidence written from the same measurements.
///
/// A lesson never types a verdict. It builds a claim with `measured(_:step:measurements:rule:verdict:evidence:)`:
/// the rule's predicate sees only the measurements it is given (recorded in metrics.json next to
/// the verdict), a measurement the run lacks (`nil`, e.g. an override removed that experiment)
/// makes the claim "not tested", and the evidence closure sees the same measurements and the
/// verdict. A claim about what a document's own code does is built with
/// `readFromCode(_:step:verdict:reading:)` and says so (basis "the document's code").
public struct Claim: Sendable, Equatable {
  /// How the run judges the claim.
  public enum Verdict: String, Sendable, Equatable, CaseIterable {
    case holds = "holds"
    case partlyHolds = "partly holds"
    case false_ = "false"
    /// The run lacks a measurement the rule needs, or did not produce the situation it is about.
    case notTested = "not tested"
  }

  /// What the verdict rests on.
  public enum Basis: String, Sendable, Equatable {
    /// Numbers this run measured.
    case measurement = "measurement"
    /// Reading the document's own code (which does not run).
    case documentCode = "the document's code"
  }

  /// One named number a rule reads. A non-finite value is a measurement too (a run that
  /// overflowed), recorded as null in metrics.json.
  public struct Measurement: Sendable, Equatable {
    /// The name in snake case, as in metrics.json (`"fix_nonfinite"`).
    public var name: String
    /// The value.
    public var value: Double
  }

  /// The measurements a rule reads, by name.
  public struct Measurements: Sendable {
    let values: [String: Double]

    /// The measurement called `name` (a rule may only ask for measurements it was given).
    public subscript(_ name: String) -> Double {
      guard let value = values[name] else { preconditionFailure("no measurement named \(name)") }
      return value
    }

    /// Whether the measurement called `name` is 1 (measurements that are flags: 1 yes, 0 no).
    public func flag(_ name: String) -> Bool { self[name] == 1 }
  }

  /// The claim's id in the catalogue.
  public var id: ClaimID
  /// The verdict.
  public var verdict: Verdict
  /// The rule in words, with its thresholds.
  public var rule: String
  /// What the verdict rests on.
  public var basis: Basis
  /// The measurements the rule read, in the order given.
  public var measurements: [Measurement]
  /// The evidence, in a few sentences built from the same measurements.
  public var evidence: String
  /// The step whose measurements decide the verdict.
  public var step: StepID

  /// The catalogue's entry: source, original sentence and translation.
  public var entry: ClaimCatalogue.Entry { ClaimCatalogue.entry(id) }

  /// A claim judged by a rule over this run's measurements.
  ///
  /// - Parameters:
  ///   - measurements: the named numbers the rule reads; `nil` means the run did not measure it
  ///     (the claim is then "not tested" and says which measurement is missing).
  ///   - rule: the rule in words, thresholds included, as the notebook and metrics.json show it.
  ///   - verdict: the predicate. It may return `.notTested` when the run did not produce the
  ///     situation the claim is about (e.g. nothing exploded).
  ///   - evidence: the evidence text, given the same measurements and the verdict.
  public static func measured(
    _ id: ClaimID, step: StepID, measurements: KeyValuePairs<String, Double?>, rule: String,
    verdict: (Measurements) -> Verdict, evidence: (Measurements, Verdict) -> String
  ) -> Claim {
    let missing = measurements.filter { $0.value == nil }.map(\.key)
    let present = measurements.compactMap { pair in pair.value.map { Measurement(name: pair.key, value: $0) } }
    guard missing.isEmpty else {
      return Claim(
        id: id, verdict: .notTested, rule: rule, basis: .measurement, measurements: present,
        evidence: "Not tested by this run: it did not measure \(missing.joined(separator: ", ")).", step: step)
    }
    let values = Measurements(values: Dictionary(present.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    let result = verdict(values)
    return Claim(
      id: id, verdict: result, rule: rule, basis: .measurement, measurements: present,
      evidence: evidence(values, result), step: step)
  }

  /// A claim about a document's own code, judged by reading it: the code is quoted in
  /// `docs/documents.md` and does not run, so no measurement is involved.
  public static func readFromCode(_ id: ClaimID, step: StepID, verdict: Verdict, reading: String) -> Claim {
    Claim(
      id: id, verdict: verdict, rule: "read from the document's code", basis: .documentCode, measurements: [],
      evidence: reading, step: step)
  }

  /// The measurements as text: "name = value, …".
  public var measurementsText: String {
    measurements.map { "\($0.name) = \(Format.number($0.value))" }.joined(separator: ", ")
  }
}

extension Claim.Verdict {
  /// `.holds` when `condition` is true, otherwise `otherwise`: the common two-way rule.
  public static func holds(if condition: Bool, else otherwise: Claim.Verdict) -> Claim.Verdict {
    condition ? .holds : otherwise
  }
}
