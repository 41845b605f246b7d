import NeuralNet
import Notebook
import RealModule
import Theory

/// The exercises of lesson 1. Each answer is checked by a real run or by a tolerance around the
/// theory, never by matching text.
package enum ExplodingExercises {
  /// The number of exercises.
  package static let count = 4

  /// The exercises for a configuration (depth, width and activation follow the overrides).
  package static func all(_ config: ExplodingConfiguration, digits: Dataset) -> [Exercise] {
    let depth = config.depth
    return [
      Exercise(
        number: 1,
        question:
          "Choose σ_w² (weights N(0, σ_w²/fan_in)) for a \(depth)-layer \(config.activation.rawValue) net of width \(config.width) so that the ratio of the first to the last layer's back-propagated gradient norm ‖∂L/∂h₁‖/‖∂L/∂h_L‖ lies in [0.5, 2].",
        answerFormat: "σ_w²"
      ) { answer in
        guard answer > 0 else {
          return ExerciseVerdict(correct: false, reason: "σ_w² is a variance times fan-in: it must be positive.")
        }
        var single = config
        single.networksPerGain = 1
        let ratio = ExplodingExperiments.gradientProfiles(single, gains2: [answer], digits: digits)[0].firstToLastRatio
        let inRange = ratio >= 0.5 && ratio <= 2
        return ExerciseVerdict(
          correct: inRange,
          reason:
            "A real \(depth)-layer net with σ_w² = \(Format.number(answer)) gives ‖∂L/∂h₁‖/‖∂L/∂h_L‖ = \(Format.number(ratio)), \(inRange ? "inside" : "outside") [0.5, 2]. The theory: each layer multiplies the norm by √(σ_w²·E[φ'²]), which is 1 only at σ_w² = \(Format.number(config.criticalGain2))."
        )
      },
      Exercise(
        number: 2,
        question:
          "With unscaled N(0, 1) weights (the documents' code), \(depth) \(config.activation.rawValue) layers of width \(config.width), and digits as input: at which hidden layer does the forward pass first produce a non-finite value? (Answer \(depth + 1) if it never does.)",
        answerFormat: "layer number"
      ) { answer in
        let result = ExplodingExperiments.naiveForward(config, digits: digits)
        let measured = result.firstNonFiniteLayer ?? (depth + 1)
        let prediction = ExplodingExperiments.naivePrediction(
          config, inputSquaredNorm: result.inputSquaredNorm, valuesPerLayer: result.valuesPerLayer)
        let correct = abs(answer - Double(measured)) <= 1
        var reason = "The real forward pass first produces a non-finite value at hidden layer \(measured)."
        if !correct && abs(answer - Double(prediction.meanSquareLayer)) <= 1 {
          reason +=
            " Layer \(prediction.meanSquareLayer) is where the MEAN SQUARE E[h²] passes 3.4e38; the values themselves are only √ of that and overflow about twice as deep."
        } else {
          reason +=
            " Theory: E[h_l²] = ‖x₀‖²·\(Format.number(prediction.growth))^(l−1), and the largest of \(result.valuesPerLayer) Gaussian values is about √(2 ln N)·√E[h²]; it passes 3.4e38 at layer \(prediction.valueLayer)."
        }
        return ExerciseVerdict(correct: correct, reason: reason)
      },
      .prediction(
        number: 3,
        question:
          "Predict the per-layer growth factor of the back-propagated gradient NORM in a deep ReLU net with σ_w² = 4.",
        answerFormat: "factor", predicted: PlainNetworkTheory.normGrowthPerLayer(.relu, gain2: 4), tolerance: 0.02,
        derivation: "Theory: √(σ_w²·E[relu'(h)²]) = √(4·½) = √2",
        mistakes: [
          .init(2, within: 0.04, hint: "2 is the factor of the SQUARED norm; the norm grows by its square root.")
        ]
      ),
      .prediction(
        number: 4,
        question:
          "A vector is multiplied by 50 random matrices with entries N(0, 1.1²/n). By what factor does its norm grow, according to the theory for wide matrices?",
        answerFormat: "factor", predicted: Double.pow(1.1, 50), tolerance: 0.1,
        derivation:
          "s^L = 1.1^50 (\(ExplodingLesson.outline.reference(.products)) measures a slightly smaller geometric mean at finite width: e^(−L/2n) lower)"
      ),
    ]
  }
}
