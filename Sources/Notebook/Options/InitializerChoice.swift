import ArgumentParser
import NeuralNet

/// The `--init` values, mapped to the engine's initializers.
public enum InitializerChoice: String, CaseIterable, Sendable, ExpressibleByArgument {
  case naive
  case lecun
  case xavier
  case xavierUniform = "xavier-uniform"
  case he
  case heUniform = "he-uniform"
  case orthogonal
  case scaled
  case zeros

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

extension Activation: ExpressibleByArgument {}
