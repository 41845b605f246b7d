import Charts
import NeuralNet
import Notebook
import Theory

extension PrecisionLesson {
  // MARK: .staticScaling

  /// Step `.staticScaling`: a fixed loss scale S on the trained net's last batch: the share of
  /// gradient entries Float16 flushes, by layer, against S, and the S at which it overflows.
  static func stepStaticScaling(
    _ config: PrecisionConfiguration, _ findings: GradientUnderflow.Findings, in notebook: Notebook
  ) {
    notebook.step(.staticScaling, "Loss scaling: multiply the loss by S, divide the gradients by S") {
      notebook.prose(
        """
        Back-propagation is linear in the loss's gradient: multiplying the loss by S multiplies \
        every gradient by S, so entries that Float16 would flush move above 2⁻²⁵; dividing the \
        weight gradients by S in Float32 before the update restores their size (Micikevicius et al. \
        2018, theory §15). The price is the other end: the largest value stored in the backward \
        pass, times S, must stay below 65520 (65504 plus half its spacing, where Float16 rounds to \
        ∞). On the last batch of \(notebook.reference(.underflow))'s run, S = 2⁰ … \(Format.powerOfTwo(findings.sweep.last?.scale ?? 1)): \
        the measured share against the fit's share below 2⁻²⁵/S.
        """)
      let sweep = findings.sweep
      let layers = sweep.first?.flushed.count ?? 0
      notebook.table(
        Table(
          headers: ["S"] + (0..<layers).map { "layer \($0 + 1)" } + ["overflow"],
          rows: sweep.map { row in
            [Format.powerOfTwo(row.scale)]
              + (0..<layers).map { "\(Format.percent(row.flushed[$0])) (fit \(Format.percent(row.predicted[$0])))" }
              + [row.overflowed ? "yes" : "no"]
          }),
        caption: "The share of each weight matrix's nonzero Float32 gradient entries a Float16 step with S stores as 0."
      )
      let x = sweep.map(\.scale)
      notebook.chart(
        Chart(
          name: "underflow-by-scale",
          title: "Gradient entries flushed to zero in Float16, by layer, against the loss scale",
          xLabel: "loss scale S", yLabel: "share of nonzero entries stored as 0", logX: true,
          series: (0..<layers).flatMap { l in
            [
              Series(title: "layer \(l + 1)", x: x, y: sweep.map { $0.flushed[l] }, style: .linePoints, colorGroup: l),
              Series(title: "", x: x, y: sweep.map { $0.predicted[l] }, style: .dashed, colorGroup: l),
            ]
          }),
        caption:
          """
          Solid: measured in a Float16 step with S. Dashed: the log-normal fit of the Float32 \
          gradient, its share below 2⁻²⁵/S. The measured share is above the fit's in \
          \(sweep.map { row in zip(row.flushed, row.predicted).count { $0 > $1 } }.reduce(0, +)) of \
          \(sweep.count * layers) (S, layer) pairs: the magnitudes' lower tail is heavier than a \
          log-normal's.
          """)
      let predictedOverflow = findings.predictedOverflowScale
      notebook.check([
        TheoryCheck(
          name: "the smallest power-of-two S whose Float16 backward pass overflows",
          measured: findings.overflowScale ?? .infinity, predicted: predictedOverflow, tolerance: .factor(2),
          source: "theory §15")
      ])
      let enough = sweep.first { row in row.flushed.allSatisfy { $0 < 0.01 } && !row.overflowed }
      notebook.prose(
        """
        Without scaling Float16 stores \(Format.percent(sweep.first.map { $0.flushed.reduce(0, +) / Double(layers) } ?? .nan)) \
        of these entries as 0 (mean over layers); \
        \(enough.map { "S = \(Format.powerOfTwo($0.scale)) brings every layer under 1%" } ?? "no S of the sweep brings every layer under 1%"). \
        The largest value of the backward pass is \(Format.number(findings.largestBackwardValue)), so \
        S·\(Format.number(findings.largestBackwardValue)) reaches 65520 at S = \
        \(Format.powerOfTwo(predictedOverflow)); the first power of two that overflowed is \
        \(findings.overflowScale.map(Format.powerOfTwo) ?? "none up to 2⁶⁰"). Between the \
        two ends lies a window of about \(Format.number(Double(Int(predictedOverflow.exponent) - Int((enough?.scale ?? 1).exponent)))) \
        powers of two, but the gradient's size moves during training: early gradients are large, \
        late ones small, so one S that fits the whole run may not exist.
        """)
      notebook.recordRun(
        "static_scaling",
        [
          ("largest_backward_value", findings.largestBackwardValue), ("predicted_overflow_scale", predictedOverflow),
          ("overflow_scale", findings.overflowScale),
          ("unscaled_flushed_share", sweep.first.map { $0.flushed.reduce(0, +) / Double(layers) }),
          ("scale_under_one_percent", enough?.scale),
        ])
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `PrecisionLesson.outline`).
  static let staticScaling: StepID = "static-scaling"
}
