import NeuralNet
import Notebook

/// The documents' claims that lesson 8 judges, each by a rule over its measurements.
enum PrecisionClaims {
  /// The claims, judged by `.overflow`.
  static func claims(
    _ config: PrecisionConfiguration, formats: [FormatProbe.Measurement], overflow: [OverflowProfile.Profile],
    in notebook: Notebook
  ) -> [Claim] {
    let naive = overflow[0]
    let largest = formats.first { $0.format == .float16 }?.largestFinite ?? NumberFormat.float16.largestFinite
    /// Where the naive net left Float32, or that it did not within its depth.
    func float32Layer(_ m: Claim.Measurements) -> String {
      m["measured_float32_overflow_layer"] <= m["depth"]
        ? "at layer \(Format.number(m["measured_float32_overflow_layer"]))"
        : "beyond its \(Format.number(m["depth"])) layers"
    }
    return [
      .measured(
        .inputRange, step: .overflow,
        measurements: [
          "predicted_float16_overflow_layer": Double(naive.predictedValueOverflow(.float16)),
          "measured_float16_overflow_layer": Double(naive.measuredValueOverflow(.float16) ?? naive.net.depth + 1),
          "measured_float32_overflow_layer": Double(naive.measuredValueOverflow(.float32) ?? naive.net.depth + 1),
          "depth": Double(naive.net.depth),
        ],
        rule:
          """
          false if the first layer whose values overflow Float16 is predicted from σ_w², the width, \
          the input's E‖x‖² and Float16's largest number alone within ±1 layer (the range exceeded \
          is the number format's, and it moves with the format); not tested if the naive net does \
          not overflow Float16 within its depth
          """,
        verdict: { m in
          guard m["measured_float16_overflow_layer"] <= m["depth"] else { return .notTested }
          return abs(m["measured_float16_overflow_layer"] - m["predicted_float16_overflow_layer"]) <= 1
            ? .false_ : .partlyHolds
        },
        evidence: { m, verdict in
          switch verdict {
          case .false_:
            return
              """
              The range that is exceeded is the number format's, not the model's input's: the same naive \
              net overflows Float16 (largest number \(Format.number(largest))) at layer \
              \(Format.number(m["measured_float16_overflow_layer"])), predicted \
              \(Format.number(m["predicted_float16_overflow_layer"])) from σ_w², the width and the \
              input alone, and Float32 only \(float32Layer(m)) \
              (\(notebook.reference(.overflow))). Change the format and the "range" moves; the geometric \
              growth that reaches it is the explosion.
              """
          case .notTested:
            return
              "The naive net did not overflow Float16 within its \(Format.number(m["depth"])) layers in this run."
          default:
            return
              """
              The naive net overflowed Float16 at layer \(Format.number(m["measured_float16_overflow_layer"])), \
              not at the predicted \(Format.number(m["predicted_float16_overflow_layer"])): something besides \
              σ_w², the width and the format mattered in this run.
              """
          }
        })
    ]
  }
}
