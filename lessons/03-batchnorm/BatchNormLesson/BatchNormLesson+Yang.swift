import Charts
import NeuralNet
import Nonlinearity
import Notebook
import RealModule
import Theory

extension BatchNormLesson {
  // MARK: .yang

  /// Step `.yang`: Yang et al.'s gradient explosion at initialization, for several batch sizes.
  static func stepYang(_ config: BatchNormConfiguration, data: Dataset, in notebook: Notebook)
    -> [YangExplosion.Measurement]
  {
    notebook.step(.yang, "The twist: deep BN nets explode at initialization (Yang et al. 2019)") {
      notebook.prose(
        """
        BN makes the forward pass scale-free, but not the backward pass. Its backward removes, for \
        every feature, the gradient's component along the constant and along x̂ (BN's output cannot \
        move in those directions), and the rest is rescaled by 1/σ. Yang et al. proved that in a \
        deep BN net without skip connections, at initialization, this multiplies the squared \
        gradient norm by λ(B) > 1 per layer going down, whatever σ_w: λ depends only on the batch \
        size B (theory §5, Theorem 8). For ReLU λ falls from 1.79 at B = 8 to π/(π−1) ≈ 1.467; \
        for linear layers λ = (B−2)/(B−3). We measure ‖∂L/∂h_l‖ at every layer of \
        \(config.yangDepth)-layer BN nets of width \(config.yangWidth) (\(config.yangNetworks) \
        network(s) per B) and fit the growth of its square over layers \
        \(YangExplosion.fitLayers(depth: config.yangDepth).lowerBound)–\(YangExplosion.fitLayers(depth: config.yangDepth).upperBound). \
        Each tolerance is the networks' own spread: the band around their mean that covers as often as \
        three standard deviations of a normal (Student's t, as the spread is estimated from few \
        networks), at least 3%.
        """)
      let activations: [Activation] = [.relu, .identity]
      let linearSizes = config.yangBatchSizes.filter { $0 <= 32 }
      let total = config.yangBatchSizes.count + linearSizes.count
      let cases = activations.flatMap { activation in
        (activation == .relu ? config.yangBatchSizes : linearSizes).map { (activation, $0) }
      }
      let measurements = notebook.experiment("\(total) cases", total: total) { progress in
        ParallelSweep.map(cases.count, progress: progress.update) { i in
          let (activation, b) = cases[i]
          return YangExplosion.measure(
            activation, batchSize: b, depth: config.yangDepth, width: config.yangWidth,
            networks: config.yangNetworks, settings: config.settings, data: data,
            seed: SeededGenerator.streamSeed(config.seed, "yang \(activation) \(b)"))
        }
      }
      notebook.table(
        Table(
          headers: ["φ", "B", "λ measured", "λ(B) Theorem 8", "growth over \(config.yangDepth) layers, λ^L"],
          rows: measurements.map { m in
            [
              m.activation.name, "\(m.batchSize)", Format.number(m.measured),
              Format.number(m.predicted), Format.number(Double.pow(m.predicted, Double(config.yangDepth))),
            ]
          }),
        caption: "Per-layer growth of the squared gradient norm, going backward:")
      let relu = measurements.filter { $0.activation == .relu }
      let linear = measurements.filter { $0.activation != .relu }
      let curveB = Array(stride(from: 6.0, through: 160, by: 2))
      notebook.chart(
        Chart(
          name: "yang-lambda", title: "Gradient growth per layer at init vs batch size", xLabel: "batch size B",
          yLabel: "λ (squared-norm growth per layer)", logX: true,
          series: [
            Series(
              title: "ReLU measured", x: relu.map { Double($0.batchSize) }, y: relu.map(\.measured), style: .points,
              colorGroup: 1),
            Series(
              title: "ReLU, Theorem 8", x: curveB,
              y: curveB.map { BatchNormTheory.gradientGrowth(.relu, batchSize: Int($0)) }, style: .dashed,
              colorGroup: 1),
            Series(
              title: "linear measured", x: linear.map { Double($0.batchSize) }, y: linear.map(\.measured),
              style: .points, colorGroup: 0),
            Series(
              title: "linear, (B−2)/(B−3)", x: curveB,
              y: curveB.map { BatchNormTheory.gradientGrowth(.identity, batchSize: Int($0)) }, style: .dashed,
              colorGroup: 0),
            Series(
              title: "π/(π−1)", x: [curveB.first!, curveB.last!],
              y: [BatchNormTheory.reluLargeBatchLimit, BatchNormTheory.reluLargeBatchLimit], style: .dashed,
              colorGroup: 7),
          ]),
        caption:
          "Points: measured; dashed: Yang et al.'s formulas. "
          + ((relu + linear).allSatisfy { $0.measured > 1 }
            ? "Every measured λ is above 1 (smallest \(Format.number((relu + linear).map(\.measured).min() ?? .nan))): BN nets explode backward."
            : "Not every measured λ is above 1 here (smallest \(Format.number((relu + linear).map(\.measured).min() ?? .nan))).")
      )
      let shown = relu.first { $0.batchSize == config.batchSize } ?? relu.last!
      let layers = (1...shown.gradientNorm.count).map(Double.init)
      let top = shown.gradientNorm.last!
      notebook.chart(
        Chart(
          name: "yang-gradient-by-layer", title: "BN-ReLU net at init, B = \(shown.batchSize)",
          xLabel: "hidden layer l", yLabel: "‖∂L/∂h_l‖", logY: true,
          series: [
            Series(title: "measured", x: layers, y: shown.gradientNorm, style: .line, colorGroup: 1),
            Series(
              title: "√λ per layer", x: layers,
              y: layers.map { top * Double.pow(shown.predicted.squareRoot(), Double(layers.count) - $0) },
              style: .dashed, colorGroup: 1),
          ]),
        caption: "No bad init here (He init, and σ_w does not matter under BN): the explosion is BN's own.")
      notebook.check(
        measurements.map { m in
          TheoryCheck(
            name: "λ(B), \(m.activation.name), B = \(m.batchSize)", measured: m.measured,
            predicted: m.predicted, tolerance: .relative(m.tolerance), source: "theory §5")
        })
      for m in measurements {
        notebook.recordRun(
          "yang_\(m.activation == .relu ? "relu" : "linear")_b\(m.batchSize)",
          [("lambda", m.measured), ("predicted_lambda", m.predicted)])
      }
      return measurements
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `BatchNormLesson.outline`).
  static let yang: StepID = "yang"
}
