import Charts
import NeuralNet
import Notebook
import Theory

extension PrecisionLesson {
  // MARK: .overflow

  /// Step `.overflow`: where a growing forward pass leaves each format's range, predicted from
  /// σ_w², the width and the input, and measured with the activations stored in the format.
  static func stepOverflow(_ config: PrecisionConfiguration, inputs: Tensor, in notebook: Notebook) -> [OverflowProfile
    .Profile]
  {
    notebook.step(.overflow, "Overflow comes sooner: the layer where each format's range ends") {
      let width = config.overflowWidth
      notebook.prose(
        """
        Two ReLU nets of width \(width) at init, fed \(config.overflowExamples) digits: lesson 1's \
        naive net (N(0, 1) weights, so σ_w² = n and E[h²] grows ×\(width / 2) per layer) and a net \
        with σ_w² = 3 (×1.5 per layer). E[h_l²] = q₁·g^(l−1) (theory §1) passes a format's largest \
        number M at the first l with q₁·g^(l−1) > M, and the largest of the N = examples × width \
        values, about √(E[h²]·2 ln N), passes it a little later (theory §14). The same products are \
        computed in Float32 and stored in each format at every layer boundary, as mixed precision \
        stores them: the measured layer is the first whose stored values hold ±∞.
        """)
      let nets = config.overflowNets
      let seed = config.seed
      let profiles = notebook.experiment("\(nets.count) nets in 3 formats", total: nets.count) { progress in
        ParallelSweep.map(nets.count, progress: progress.update) {
          OverflowProfile.measure(nets[$0], width: width, inputs: inputs, seed: seed)
        }
      }
      func layer(_ l: Int?, depth: Int) -> String { l.map(String.init) ?? "none in \(depth)" }
      notebook.table(
        Table(
          headers: ["net", "format", "E[h²] > M: predicted", "measured", "first ±∞ value: predicted", "measured"],
          rows: profiles.flatMap { p in
            NumberFormat.allCases.map { f in
              [
                p.net.name == "naive"
                  ? "N(0, 1), ×\(Format.number(p.growth))/layer" : "σ_w² = 3, ×\(Format.number(p.growth))/layer",
                f.name, "\(p.predictedMeanSquareCrossing(f))", layer(p.meanSquareCrossing(f), depth: p.net.depth),
                "\(p.predictedValueOverflow(f))", layer(p.measuredValueOverflow(f), depth: p.net.depth),
              ]
            }
          }),
        caption:
          """
          q₁ = (σ_w²/64)·E‖x‖² from the digits; M = 65504, 3.40·10³⁸ and 3.39·10³⁸. E[h²] is \
          measured in Float32 (the sum in Double).
          """)
      // A prediction is checked where the net is deep enough to reach it: to its depth, within
      // one layer plus twice the finite-width spread of a crossing (theory §1: Var log E[h²] ≈ 5l/n).
      notebook.check(
        profiles.flatMap { p in
          NumberFormat.allCases.flatMap { f -> [TheoryCheck] in
            let name = p.net.name == "naive" ? "naive net" : "σ_w² = 3 net"
            /// The check of a predicted layer, where the net is deep enough to reach it.
            func row(_ what: String, predicted: Int, measured: Int?) -> TheoryCheck? {
              guard predicted + 5 < p.net.depth else { return nil }
              return TheoryCheck(
                name: "\(name), \(f.name): first layer with \(what)",
                measured: Double(measured ?? p.net.depth + 1), predicted: Double(predicted),
                tolerance: .absolute(1 + p.spreadInLayers(at: predicted, width: width)), source: "theory §14")
            }
            let rows = [
              row("E[h²] > M", predicted: p.predictedMeanSquareCrossing(f), measured: p.meanSquareCrossing(f)),
              row("a ±∞ value", predicted: p.predictedValueOverflow(f), measured: p.measuredValueOverflow(f)),
            ].compactMap { $0 }
            return rows
          }
        })
      let maxDepth = Double(profiles.map(\.net.depth).max() ?? 1)
      notebook.chart(
        Chart(
          name: "mean-square-by-layer",
          title: "The mean square of the pre-activations by layer, against each format's largest number",
          xLabel: "layer l", yLabel: "E[h_l²]", logX: true, logY: true,
          series: profiles.enumerated().map { i, p in
            let x = p.meanSquares.indices.map { Double($0 + 1) }
            return Series(
              title: p.net.name == "naive" ? "N(0, 1) weights" : "σ_w² = 3", x: x, y: p.meanSquares, style: .line,
              colorGroup: i)
          }
            + NumberFormat.allCases.enumerated().map { i, f in
              Series(
                title: "\(f.name) max", x: [1, maxDepth], y: [f.largestFinite, f.largestFinite], style: .dashed,
                colorGroup: 2 + i)
            },
          markers: profiles.compactMap { p in
            p.measuredValueOverflow(.float16).map {
              Marker(
                x: Double($0), label: "\(p.net.name == "naive" ? "N(0, 1)" : "σ_w² = 3"): Float16 ∞ at layer \($0)")
            }
          }),
        caption:
          """
          Solid: E[h²] measured in Float32 (ends where Float32 overflows). Dashed: the three \
          formats' largest numbers (Float32's and BFloat16's lie on top of each other). A marker \
          is the first layer whose Float16-stored values hold ∞.
          """)
      let naive = profiles[0]
      let sameAsFloat32 = profiles.filter { $0.measuredValueOverflow(.bfloat16) == $0.measuredValueOverflow(.float32) }
      let differs =
        sameAsFloat32.count == profiles.count
        ? "" : " (its coarser rounding changes the random walk of a deep net a little)"
      notebook.prose(
        """
        The naive net's values leave Float16 at layer \(layer(naive.measuredValueOverflow(.float16), depth: naive.net.depth)) \
        and Float32 at layer \(layer(naive.measuredValueOverflow(.float32), depth: naive.net.depth)): the same \
        growth, a range 2^112 times smaller. BFloat16 overflowed at the same layer as Float32 in \
        \(sameAsFloat32.count) of \(profiles.count) nets\(differs): \
        its exponent is Float32's. Nothing here is an "input range": each layer is predicted from σ_w², \
        the width, the input's E‖x‖² and the format's M alone.
        """)
      for p in profiles {
        notebook.recordRun(
          "overflow_\(p.net.name)",
          NumberFormat.allCases.flatMap { f -> [(String, Double?)] in
            let key = f.name.lowercased()
            return [
              ("\(key)_predicted_mean_square_layer", Double(p.predictedMeanSquareCrossing(f))),
              ("\(key)_mean_square_layer", p.meanSquareCrossing(f).map(Double.init)),
              ("\(key)_predicted_value_layer", Double(p.predictedValueOverflow(f))),
              ("\(key)_value_layer", p.measuredValueOverflow(f).map(Double.init)),
            ]
          } + [("depth", Double(p.net.depth)), ("growth", p.growth)])
      }
      return profiles
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `PrecisionLesson.outline`).
  static let overflow: StepID = "overflow"
}
