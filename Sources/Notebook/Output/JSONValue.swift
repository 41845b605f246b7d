import Foundation
import Theory

/// A JSON value with object keys kept in insertion order, serialized deterministically.
///
/// Foundation's JSONSerialization neither keeps key order nor accepts NaN; metrics.json wants
/// stable diffs and writes a non-finite number as null with a note beside it (README, "Outputs"), so
/// the few lines of JSON output live here.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  /// A number, or null when it is not finite (see `JSONValue.object(addingNotesFor:)`).
  public static func finite(_ value: Double?) -> JSONValue {
    guard let value else { return .null }
    return value.isFinite ? .number(value) : .null
  }

  /// An object from ordered pairs where every non-finite number `x` becomes null plus an
  /// `x_note` key saying what it was ("inf", "-inf", "nan").
  public static func record(_ pairs: [(String, Double?)]) -> JSONValue {
    var out: [(String, JSONValue)] = []
    for (key, value) in pairs {
      out.append((key, .finite(value)))
      if let value, !value.isFinite {
        out.append((key + "_note", .string(value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))))
      }
    }
    return .object(out)
  }

  /// The JSON text, pretty-printed with two-space indentation.
  public func serialized(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .integer(let value): return String(value)
    case .number(let value):
      guard value.isFinite else { return "null" }
      if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
      return "\(value)"
    case .string(let value): return JSONValue.quote(value)
    case .array(let items):
      if items.isEmpty { return "[]" }
      let simple = items.allSatisfy {
        switch $0 {
        case .array, .object: false
        default: true
        }
      }
      if simple { return "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]" }
      return "[\n" + items.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n")
        + "\n" + closePad + "]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      return "{\n"
        + pairs.map { pad + JSONValue.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1) }
        .joined(separator: ",\n") + "\n" + closePad + "}"
    }
  }

  private static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension JSONValue {
  /// A seed-dependent figure as metrics.json records it: `{"mean", "min", "max", "per_seed"}`
  /// (non-finite values as null).
  public static func spread(_ spread: SeedSpread) -> JSONValue {
    .object([
      ("mean", .finite(spread.mean)), ("min", .finite(spread.min)), ("max", .finite(spread.max)),
      ("per_seed", .array(spread.values.map { JSONValue.finite($0) })),
    ])
  }

  /// The seeds of a seed-dependent run, as metrics.json records them (`"seeds": [..]`).
  public static func seeds(_ seeds: [UInt64]) -> JSONValue {
    .array(seeds.map { .integer(Int(truncatingIfNeeded: $0)) })
  }
}
