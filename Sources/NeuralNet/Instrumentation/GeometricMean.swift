import RealModule

/// Averages of per-layer profiles over several networks.
public enum ProfileAverage {
  /// exp(mean over profiles of log value), layer by layer: the average a theory of log-norms
  /// predicts (docs/theory.md §1 asks for log statistics, not raw second moments, because of heavy tails).
  /// Every profile must have the same length.
  public static func geometricMean(_ profiles: [[Double]]) -> [Double] {
    guard let first = profiles.first else { return [] }
    precondition(profiles.allSatisfy { $0.count == first.count }, "profiles of different lengths")
    let n = Double(profiles.count)
    return first.indices.map { l in
      var sum = 0.0
      for profile in profiles { sum += Double.log(profile[l]) / n }
      return Double.exp(sum)
    }
  }
}

extension StepRecord {
  /// ‖∂L/∂h_l‖ at every hidden dense layer (all dense layers but the readout), input side first.
  public var hiddenGradientNorms: [Double] { denseLayers.dropLast().map(\.outputGradientNorm) }
}
