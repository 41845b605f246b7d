import Foundation

/// One lesson's output folder, as `gradientlab compare` reads it: its metrics.json, and the charts
/// it drew (each `NAME.gp` with its `NAME.dat`).
public struct RunFolder {
  /// Why a folder cannot be compared, in one line.
  public struct Unreadable: Error, CustomStringConvertible, Equatable {
    public let description: String
  }

  /// The folder.
  public let url: URL
  /// The lesson that wrote it.
  public let lesson: String
  /// "full" or "quick".
  public let mode: String
  /// The seed.
  public let seed: Int
  /// The parameters, as plain text ("0.01", "relu").
  public let parameters: [(name: String, value: String)]
  /// The checks: name, measured, passed.
  public let checks: [(name: String, measured: Double?, passed: Bool)]
  /// The claims: id and verdict.
  public let claims: [(id: String, verdict: String)]
  /// Every number under `runs`, flattened to "run.key" (a seed spread as "run.key.mean").
  public let numbers: [(name: String, value: Double?)]
  /// The charts drawn, by file stem, in name order.
  public let charts: [String]

  /// Reads `path`, which must hold a metrics.json that a lesson wrote.
  public init(_ path: String) throws(Unreadable) {
    url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw Unreadable(description: "\(path) is not a folder (give a lesson's output folder, e.g. plots/exploding)")
    }
    let file = url.appendingPathComponent("metrics.json")
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw Unreadable(description: "\(path) has no metrics.json: it is not a lesson's output folder")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let lesson = object["lesson"] as? String
    else {
      throw Unreadable(description: "\(file.path) is not a lesson's metrics.json (unreadable or without a lesson)")
    }
    self.lesson = lesson
    mode = object["mode"] as? String ?? "?"
    seed = object["seed"] as? Int ?? 0
    parameters = Self.ordered(object["parameters"], in: data, key: "parameters").map { ($0.0, Self.text($0.1)) }
    checks = ((object["checks"] as? [[String: Any]]) ?? []).map {
      ($0["name"] as? String ?? "?", $0["measured"] as? Double, $0["passed"] as? Bool ?? false)
    }
    claims = ((object["claims"] as? [[String: Any]]) ?? []).map {
      ($0["id"] as? String ?? "?", $0["verdict"] as? String ?? "?")
    }
    var numbers: [(String, Double?)] = []
    for (run, value) in Self.ordered(object["runs"], in: data, key: "runs") {
      Self.flatten(value, prefix: run, into: &numbers)
    }
    self.numbers = numbers
    let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    charts = files.filter { $0.hasSuffix(".gp") }.map { String($0.dropLast(3)) }.sorted()
  }

  /// An object's entries in file order (JSONSerialization forgets it; GradientLab writes keys in
  /// a meaningful order): sorted by where `"key":` first appears after the object's own key.
  private static func ordered(_ value: Any?, in data: Data, key: String) -> [(String, Any)] {
    guard let object = value as? [String: Any] else { return [] }
    let text = String(decoding: data, as: UTF8.self)
    let start = text.range(of: "\"\(key)\"")?.upperBound ?? text.startIndex
    func position(_ name: String) -> String.Index {
      text.range(of: "\"\(name)\":", range: start..<text.endIndex)?.lowerBound ?? text.endIndex
    }
    return object.map { ($0.key, $0.value) }.sorted { position($0.0) < position($1.0) }
  }

  private static func text(_ value: Any) -> String {
    if let string = value as? String { return string }
    if let double = value as? Double {
      return double == double.rounded() && abs(double) < 1e15 ? String(Int(double)) : Format.number(double)
    }
    return "\(value)"
  }

  private static func flatten(_ value: Any, prefix: String, into numbers: inout [(String, Double?)]) {
    if let object = value as? [String: Any] {
      if let mean = object["mean"], object["per_seed"] != nil {
        numbers.append(("\(prefix).mean", mean as? Double))
        return
      }
      for key in object.keys.sorted() { flatten(object[key]!, prefix: "\(prefix).\(key)", into: &numbers) }
    } else if let number = value as? Double {
      numbers.append((prefix, number))
    } else if value is NSNull {
      numbers.append((prefix, nil))
    }
  }
}
