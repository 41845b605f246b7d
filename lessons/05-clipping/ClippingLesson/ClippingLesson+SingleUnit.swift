import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

extension ClippingLesson {
  /// x₀ of the single-unit example.
  static let singleUnitStart = 0.5
  /// t of the single-unit example.
  static let singleUnitTime = 50
  /// The target of the single unit's loss ½(x₅₀ − 1)²: reached at w = 2^{1/50} ≈ 1.014, right at
  /// the foot of the wall.
  static let singleUnitTarget = 1.0

  // MARK: .singleUnit

  /// Step `.singleUnit`: the single linear unit, its derivative and its cliff.
  static func stepSingleUnit(_ config: ClippingConfiguration, in notebook: Notebook) -> SingleUnitFindings {
    notebook.step(.singleUnit, "One unit, fifty steps: where the cliff comes from") {
      let x0 = singleUnitStart
      let t = singleUnitTime
      notebook.prose(
        """
        Pascanu et al.'s smallest example is one linear unit, x_t = w·x_{t−1}, so x_t = w^t·x₀ and \
        ∂x_t/∂w = t·x₀·w^{t−1}. Below, x₀ = \(Format.number(x0)) and t = \(t) go through the \
        engine's own recurrent layer (one unit, identity φ) and back-propagation through time. A \
        change of w by 10% changes the gradient by four orders of magnitude.
        """)
      let derivatives = [0.9, 1.0, 1.1].map { w in
        let engine = SingleUnit.derivative(w: w, x0: x0, t: t)
        return (
          w: w, state: engine.state, measured: engine.derivative, formula: SingleUnit.formula(w: w, x0: x0, t: t)
        )
      }
      notebook.table(
        Table(
          headers: ["w", "x₅₀ (engine)", "∂x₅₀/∂w by BPTT", "t·x₀·w^{t−1}"],
          rows: derivatives.map { d in
            [
              Format.number(d.w), Format.number(d.state),
              Format.number(d.measured), Format.number(d.formula),
            ]
          }))
      notebook.check(
        derivatives.map { d in
          TheoryCheck(
            name: "single unit, w = \(Format.number(d.w)): ∂x₅₀/∂w", measured: d.measured, predicted: d.formula,
            tolerance: .relative(1e-3), source: "theory §6")
        })
      let target = singleUnitTarget
      let grid = stride(from: 0.8, through: 1.2, by: 0.0025).map { $0 }
      let surface = grid.map { SingleUnit.loss(w: $0, x0: x0, t: t, target: target) }
      notebook.chart(
        Chart(
          name: "single-unit-cliff", title: "One linear unit, t = 50: the loss ½(x_{50} − 1)² along w",
          xLabel: "w", yLabel: "value", logY: true,
          series: [
            Series(title: "loss L(w)", x: grid, y: surface.map(\.loss), style: .line, colorGroup: 0),
            Series(title: "|dL/dw|", x: grid, y: surface.map { abs($0.slope) }, style: .dashed, colorGroup: 1),
          ],
          markers: [
            Marker(x: Double.exp2(1 / Double(t)), label: "minimum, w = \(Format.number(Double.exp2(1 / Double(t))))")
          ]),
        caption:
          """
          Flat to the left (x₅₀ ≈ 0), a wall to the right; the minimum sits at its foot. Both the loss \
          and its slope jump by orders of magnitude within a few percent of w.
          """
      )
      // One SGD step from the wall, plain and clipped.
      let start = 1.05
      let eta = 0.01
      let slope = SingleUnit.loss(w: start, x0: x0, t: t, target: target).slope
      let unclipped = start - eta * slope
      let clippedSlope = abs(slope) > 1 ? slope / abs(slope) : slope
      let clipped = start - eta * clippedSlope
      let unclippedLoss = SingleUnit.loss(w: unclipped, x0: x0, t: t, target: target).loss
      let clippedLoss = SingleUnit.loss(w: clipped, x0: x0, t: t, target: target).loss
      notebook.prose(
        """
        What that does to gradient descent: from w = \(Format.number(start)) on the wall the slope is \
        \(Format.number(slope)). One SGD step with η = \(Format.number(eta)) jumps to w = \
        \(Format.number(unclipped)), where x₅₀ = w^{50}·x₀ \(unclippedLoss.isFinite ? "gives the loss \(Format.number(unclippedLoss))" :
            "overflows Float32: the loss is \(Format.number(unclippedLoss))"). \
        The same step with the gradient clipped to norm 1 (Algorithm 1) moves to w = \
        \(Format.number(clipped)), loss \(Format.number(clippedLoss)): the direction was right, only \
        its length was absurd.
        """)
      notebook.recordRun(
        "single_unit",
        derivatives.map { ("d_x50_dw_at_\(Format.number($0.w))", $0.measured) } + [
          ("unclipped_step_w", unclipped), ("clipped_step_w", clipped), ("clipped_step_loss", clippedLoss),
        ])
      return SingleUnitFindings(
        derivatives: derivatives, unclippedLanding: unclipped, unclippedLoss: unclippedLoss, clippedLanding: clipped,
        clippedLoss: clippedLoss)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ClippingLesson.outline`).
  static let singleUnit: StepID = "single-unit"
}
