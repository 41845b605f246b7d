/// The initializers a lesson offers by name (the values of `--init`), mapped to the engine's
/// `Initializer`s.
public enum InitializerChoice: String, CaseIterable, Sendable {
  case naive
  case lecun
  case xavier
  case xavierUniform = "xavier-uniform"
  case he
  case heUniform = "he-uniform"
  case orthogonal
  case scaled
  case zeros

  /// The init's name in prose, tables and legends ("He", "Xavier uniform"); `rawValue` is its
  /// command-line value.
  public var name: String {
    switch self {
    case .naive: "naive N(0,1)"
    case .lecun: "LeCun"
    case .xavier: "Xavier"
    case .xavierUniform: "Xavier uniform"
    case .he: "He"
    case .heUniform: "He uniform"
    case .orthogonal: "orthogonal"
    case .scaled: "scaled"
    case .zeros: "all zero"
    }
  }

  /// The initializer; `scaled` draws N(0, σ_w²/fan_in) with σ_w = `weightStd`.
  public func initializer(weightStd: Double) -> Initializer {
    switch self {
    case .naive: .naive
    case .lecun: .lecunNormal
    case .xavier: .xavierNormal
    case .xavierUniform: .xavierUniform
    case .he: .heNormal
    case .heUniform: .heUniform
    case .orthogonal: .orthogonal(gain: 1)
    case .scaled: .scaledNormal(gain2: weightStd * weightStd)
    case .zeros: .constant(0)
    }
  }
}
