import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension ExplodingLesson {
  /// The naive network: unscaled N(0, 1) weights overflow Float32.
  static func stepNaive(_ config: ExplodingConfiguration, train: Dataset, in notebook: Notebook) -> (
    result: ExplodingExperiments.OverflowResult, prediction: (growth: Double, meanSquareLayer: Int, valueLayer: Int)
  ) {
    let depth = config.depth
    let phi = config.activation.name
    return notebook.step(.naive, "The naive network: unscaled N(0, 1) weights overflow Float32") {
      notebook.prose(
        """
        The documents' code draws weights from N(0, 1) whatever the layer size. Then a layer of \
        width \(config.width) multiplies E[h²] by \(config.width)·E[φ(h)²]/E[h²] = \
        \(Format.number(PlainNetworkTheory.squaredGrowthPerLayer(config.activation, gain2: Double(config.width)))) \
        (\(phi)). Float32 holds numbers up to 3.4e38, so two things break at predictable layers: \
        first the mean square E[h²] itself passes 3.4e38 — any Float32 variance or squared norm is \
        Inf from there on — and later the values h themselves overflow. We push \
        \(config.measurementBatch) digits through a \(depth)-layer \(phi) net of width \(config.width) \
        and record where the engine sees its first non-finite value.
        """)
      let result = notebook.experiment("forward and backward pass, naive init", total: 1) { progress in
        defer { progress.update(1) }
        return ExplodingExperiments.naiveForward(config, digits: train)
      }
      let prediction = ExplodingExperiments.naivePrediction(
        config, inputSquaredNorm: result.inputSquaredNorm, valuesPerLayer: result.valuesPerLayer)
      let layers = (1...depth).map(Double.init)
      let predictedMeanSquare = layers.map {
        result.inputSquaredNorm * Double.pow(prediction.growth, $0 - 1)
      }
      notebook.prose(
        """
        Measured: E‖x₀‖² = \(Format.number(result.inputSquaredNorm)) for these digits, so \
        E[h₁²] = \(Format.number(result.inputSquaredNorm)) and E[h_l²] = \
        \(Format.number(result.inputSquaredNorm))·\(Format.number(prediction.growth))^(l−1). The \
        engine's first non-finite value: \(result.event.map { "\($0)" } ?? "none").
        """)
      notebook.chart(
        Chart(
          name: "naive-overflow", title: "Naive N(0,1) weights: mean square of pre-activations by layer",
          xLabel: "hidden layer l", yLabel: "E[h_l^2]", logY: true,
          series: [
            Series(title: "measured", x: layers, y: result.meanSquare, style: .linePoints, colorGroup: 0),
            Series(title: "theory", x: layers, y: predictedMeanSquare, style: .dashed, colorGroup: 0),
            Series(
              title: "Float32 max 3.4e38", x: [1, Double(depth)],
              y: [Double(Float.greatestFiniteMagnitude), Double(Float.greatestFiniteMagnitude)], style: .dashed,
              colorGroup: 1),
          ],
          markers: result.firstNonFiniteLayer.map {
            [Marker(x: Double($0), label: "first non-finite value (layer \($0))")]
          } ?? []),
        caption: "The measured line stops where the values overflow; the red dashed line is Float32's largest number.")
      // A layer beyond the network (depth + 1) stands for "does not happen within this depth".
      let beyond = depth + 1
      notebook.check([
        TheoryCheck(
          name: "growth of E[h²] per layer", measured: result.fittedGrowth, predicted: prediction.growth,
          tolerance: .factor(result.growthTolerance), source: "theory §1"),
        TheoryCheck(
          name: "first layer with E[h²] > Float32 max (\(beyond) = none)",
          measured: Double(result.firstLayerMeanSquareAboveFloatMax ?? beyond),
          predicted: Double(min(prediction.meanSquareLayer, beyond)), tolerance: .absolute(1), source: "theory §1"),
        TheoryCheck(
          name: "first layer with a non-finite value (\(beyond) = none)",
          measured: Double(result.firstNonFiniteLayer ?? beyond),
          predicted: Double(min(prediction.valueLayer, beyond)), tolerance: .absolute(1), source: "theory §1"),
      ])
      notebook.recordRun(
        "naive_forward",
        [
          ("first_nonfinite_layer", result.firstNonFiniteLayer.map(Double.init)),
          ("first_mean_square_overflow_layer", result.firstLayerMeanSquareAboveFloatMax.map(Double.init)),
          ("fitted_growth", result.fittedGrowth), ("input_squared_norm", result.inputSquaredNorm),
        ],
        extra: [("first_nonfinite", .string(result.event.map { "\($0)" } ?? "none"))])
      return (result, prediction)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ExplodingLesson.outline`).
  static let naive: StepID = "naive"
}
