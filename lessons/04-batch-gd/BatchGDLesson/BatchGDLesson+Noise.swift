import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension BatchGDLesson {
  // MARK: .noise

  /// Step `.noise`: mini-batch gradient noise against batch size.
  static func stepNoise(_ config: BatchGDConfiguration, train: Dataset, in notebook: Notebook) -> GradientNoise.Result {
    notebook.step(.noise, "Gradient noise against batch size") {
      notebook.prose(
        """
        The mini-batch gradient g_B is an average of B per-example gradients drawn without \
        replacement from n = \(train.count). Its error E‖g_B − ḡ‖² is ((n − B)/(n − 1))·tr Σ/B, \
        with Σ the covariance of the per-example gradients (theory §7): it halves when B \
        doubles, and it is exactly zero at B = n. We compute tr Σ from all \(train.count) \
        per-example gradients, then draw \(config.noiseDraws) mini-batches of each size.
        """)
      let sizes = GradientNoise.batchSizes(examples: train.count)
      let result = notebook.experiment(
        "\(sizes.count) batch sizes × \(config.noiseDraws) draws", total: sizes.count + 1
      ) {
        progress in
        GradientNoise.run(config, train: train, progress: progress.update)
      }
      let predicted = result.predicted
      notebook.table(
        Table(
          headers: ["B", "E‖g_B − ḡ‖² measured", "± std. error", "((n−B)/(n−1))·tr Σ/B"],
          rows: result.batchSizes.indices.map { i in
            [
              "\(result.batchSizes[i])", Format.number(result.measured[i]), Format.number(result.standardError[i]),
              Format.number(predicted[i]),
            ]
          }),
        caption: "tr Σ = \(Format.number(result.traceCovariance)) at the initial weights.")
      let shown = result.batchSizes.indices.filter { result.batchSizes[$0] < result.examples }
      let curve = Array(stride(from: 0.0, through: Double.log2(Double(result.examples - 1)), by: 0.1)).map {
        Double.pow(2, $0)
      }
      notebook.chart(
        Chart(
          name: "gradient-noise", title: "Mini-batch gradient noise against batch size", xLabel: "batch size B",
          yLabel: "E‖g_B − ḡ‖²", logX: true, logY: true,
          series: [
            Series(
              title: "measured", x: shown.map { Double(result.batchSizes[$0]) }, y: shown.map { result.measured[$0] },
              style: .points, colorGroup: 1),
            Series(
              title: "((n−B)/(n−1))·tr Σ/B", x: curve,
              y: curve.map {
                Double(result.examples) - $0 > 0
                  ? (Double(result.examples) - $0) / Double(result.examples - 1) * result.traceCovariance / $0 : .nan
              }, style: .dashed, colorGroup: 1),
          ]),
        caption:
          "Slope −1 on log axes, bending down to zero at B = n = \(result.examples) (not drawable on a log axis).")
      notebook.check(
        result.batchSizes.indices.map { i in
          let b = result.batchSizes[i]
          if b == result.examples {
            return TheoryCheck(
              name: "noise at B = n (full batch)", measured: result.measured[i], predicted: 0,
              tolerance: .absolute(1e-9 * result.traceCovariance), source: "theory §7")
          }
          // The t band of the mean over the draws (as wide as a normal 3σ band covers), at least 5%.
          let tolerance = result.samples[i].relativeTolerance(around: predicted[i], floor: 0.05)
          return TheoryCheck(
            name: "noise E‖g_B − ḡ‖², B = \(b)", measured: result.measured[i], predicted: predicted[i],
            tolerance: .relative(tolerance), source: "theory §7")
        })
      notebook.recordRun("noise", [("trace_covariance", result.traceCovariance)])
      return result
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchGDLesson.outline`).
  static let noise: StepID = "noise"
}
