import Charts
import LessonKit
import NeuralNet
import Notebook
import RealModule
import Theory

extension ExplodingLesson {
  /// Backprop multiplies Jacobians: products of random matrices.
  static func stepProducts(_ config: ExplodingConfiguration, in notebook: Notebook) {
    let depth = config.depth
    notebook.step(.products, "Backprop multiplies Jacobians: products of random matrices") {
      notebook.prose(
        """
        Take a vector v₀ and multiply it by \(depth) random \(config.width)×\(config.width) matrices \
        W with entries N(0, s²/n). Each multiplication scales E‖v‖² by exactly s², so after L \
        layers the norm is about s^L. At finite width the typical (geometric-mean) norm sits a little \
        lower, by e^(−L/2n), because log‖v‖ fluctuates (theory §1). We measure \
        \(config.productTrials) independent products for s = 0.9, 1.0 and 1.1.
        """)
      let scales = [0.9, 1.0, 1.1]
      let products = notebook.experiment(
        "\(config.productTrials) products of \(depth) matrices for 3 scales", total: 3
      ) { progress in
        ExplodingExperiments.randomProducts(
          scales: scales, depth: depth, width: config.width, trials: config.productTrials, seed: config.seed,
          progress: progress.update)
      }
      let n = Double(config.width)
      let l = Double(depth)
      // Tolerance of the total ratio from the theory's own spread: the log of ‖v_L‖ has standard
      // deviation √(2L/n)/2 per trial, so the mean of T trials is within 3σ/√T (docs/theory.md §1).
      let logTolerance = 3 * (2 * l / n).squareRoot() / 2 / Double(config.productTrials).squareRoot()
      notebook.table(
        Table(
          headers: ["scale s", "‖v_L‖/‖v₀‖ measured", "s^L", "s^L·e^(−L/2n)", "per-layer factor (fit)"],
          rows: products.map {
            [
              Format.number($0.scale), Format.number($0.geometricMeanRatio[depth]),
              Format.number(Double.pow($0.scale, l)),
              Format.number(Double.pow($0.scale, l) * Double.exp(-l / (2 * n))), Format.number($0.fittedFactor),
            ]
          }), caption: "Geometric mean over \(config.productTrials) products, depth \(depth), width \(config.width):")
      notebook.chart(
        Chart(
          name: "random-products", title: "Norm through a product of random matrices (width \(config.width))",
          xLabel: "number of matrices multiplied", yLabel: "‖v_l‖ / ‖v_0‖", logY: true,
          series: products.enumerated().flatMap { index, result in
            [
              Series(
                title: "s = \(Format.number(result.scale)) measured", x: (0...depth).map(Double.init),
                y: result.geometricMeanRatio, style: .line, colorGroup: index),
              Series(
                title: "s^l (theory)", x: (0...depth).map(Double.init),
                y: (0...depth).map { Double.pow(result.scale, Double($0)) }, style: .dashed, colorGroup: index),
            ]
          }),
        caption:
          "Solid: measured geometric mean; dashed: s^l. A factor of 1.1 per layer is ×117 after 50 layers; 0.9 is ×0.005."
      )
      notebook.check(
        products.flatMap { result in
          [
            TheoryCheck(
              name: "per-layer norm factor, s = \(Format.number(result.scale))", measured: result.fittedFactor,
              predicted: result.scale * Double.exp(-1 / (2 * n)), tolerance: .relative(0.02), source: "theory §1"),
            TheoryCheck(
              name: "‖v_L‖/‖v₀‖ after \(depth), s = \(Format.number(result.scale))",
              measured: result.geometricMeanRatio[depth],
              predicted: Double.pow(result.scale, l) * Double.exp(-l / (2 * n)),
              tolerance: .relative(Double.exp(logTolerance) - 1), source: "theory §1"),
          ]
        })
      for result in products {
        notebook.recordRun(
          "product_s\(Format.number(result.scale))",
          [("final_norm_ratio", result.geometricMeanRatio[depth]), ("fitted_factor", result.fittedFactor)])
      }
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ExplodingLesson.outline`).
  static let products: StepID = "products"
}
