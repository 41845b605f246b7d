import Charts
import NeuralNet
import Nonlinearity
import Notebook
import Theory

extension ClippingLesson {
  // MARK: .condition

  /// Step `.condition`: σ₁ < 1/γ (vanishing for sure) and σ₁ > 1/γ (explosion possible, not certain).
  static func stepCondition(
    _ config: ClippingConfiguration, in notebook: Notebook
  ) -> [BackpropThroughTime.Profile] {
    notebook.step(.condition, "The condition: σ₁ < 1/γ vanishes for sure, σ₁ > 1/γ only may explode") {
      notebook.prose(
        """
        A vanilla RNN, a_t = W_in·u_t + W_rec·h_{t−1} + b, h_t = φ(a_t), passes its gradient back \
        one step by ∂L/∂h_{t−1} = W_recᵀ·diag(φ'(a_t))·∂L/∂h_t. With γ = max|φ'| (1 for tanh, ¼ for \
        the sigmoid) and σ₁ the largest singular value of W_rec, every step back multiplies the norm \
        by at most γσ₁. So σ₁ < 1/γ is SUFFICIENT for vanishing, and σ₁ > 1/γ is only NECESSARY for \
        exploding (theory §6). Below: \(config.hidden) units, T = \(config.length) steps of the \
        adding problem, the loss on the last step, at init. Each row is one W_rec; σ₁ and the \
        spectral radius ρ come from LAPACK (sgesdd, dgeev).
        """)
      let cases = BackpropThroughTime.cases(hidden: config.hidden, activation: config.activation, gain: config.gain)
      let profiles = cases.enumerated().map { i, c in
        BackpropThroughTime.measure(
          c, hidden: config.hidden, length: config.length, batch: config.batchSize,
          seed: SeededGenerator.streamSeed(config.seed, "condition \(i)"))
      }
      notebook.table(
        Table(
          headers: [
            "W_rec and φ", "γ", "σ₁", "ρ", "σ₁ vs 1/γ", "factor per step back", "‖∂L/∂h₁‖/‖∂L/∂h_T‖", "outcome",
          ],
          rows: profiles.map { p in
            [
              p.name, Format.number(p.gamma), Format.number(p.largestSingularValue), Format.number(p.spectralRadius),
              p.belowThreshold
                ? "below: must vanish"
                : abs(p.gamma * p.largestSingularValue - 1) < 1e-4 ? "at 1/γ" : "above: may explode",
              Format.number(p.factorPerStep),
              Format.number(p.ratio), p.ratio < 1 ? "vanishes" : "explodes",
            ]
          }),
        caption:
          "Factor per step back: (‖∂L/∂h₁‖/‖∂L/∂h_T‖)^{1/(T−1)}. Every row obeys the bound (γσ₁)^k: \(profiles.allSatisfy(\.obeysBound) ? "yes" : "NO")."
      )
      let linear = profiles.filter { $0.activation == .identity }
      let sigmoidAbove = profiles.filter { $0.activation == .sigmoid && !$0.belowThreshold }
      let aboveButVanishing = profiles.filter { $0.gamma * $0.largestSingularValue > 1 + 1e-4 && $0.ratio < 1 }
      notebook.prose(
        """
        The linear rows are exact: an orthogonal W_rec scaled by g multiplies every vector's norm by \
        g, so the gradient shrinks or grows by exactly g per step. A Gaussian W_rec has σ₁ about \
        twice its spectral radius: σ₁ only bounds one step, while over many steps (W_recᵀ)^k shrinks \
        or grows at the rate ρ. With tanh, φ' ≤ 1 only ever shrinks the gradient further. The \
        sigmoid's γ = ¼ needs σ₁ > 4 before the gradient can grow at all, and a saturated sigmoid \
        has φ' far below ¼: \(sigmoidAbove.map { "σ₁ = \(Format.number($0.largestSingularValue)) \($0.ratio < 1 ? "vanishes" : "explodes")"
            }.joined(separator: ", ")). \
        Above 1/γ yet vanishing here: \(aboveButVanishing.isEmpty ? "none" : aboveButVanishing.map(\.name).joined(separator: "; ")).
        """)
      let checks =
        linear.prefix(2).map { p in
          TheoryCheck(
            name: "\(p.name): factor per step back", measured: p.factorPerStep, predicted: p.largestSingularValue,
            tolerance: .relative(1e-3), source: "theory §6")
        }
        + linear.dropFirst(2).map { p in
          // ‖(Wᵀ)^k v‖^{1/k} reaches ρ only as k → ∞ (Gelfand), and how fast depends on how the
          // eigenvalues of this W crowd its spectral circle, so no fixed percentage is a prediction.
          // What the prose claims is that ρ, not σ₁, sets the rate: the factor must be nearer ρ
          // than σ₁ on a log scale, i.e. within the factor √(σ₁/ρ) of ρ.
          TheoryCheck(
            name: "\(p.name): late factor per step back nearer ρ than σ₁", measured: p.lateFactorPerStep,
            predicted: p.spectralRadius, tolerance: .factor((p.largestSingularValue / p.spectralRadius).squareRoot()),
            source: "theory §6")
        }
      notebook.check(checks)
      for (name, activation) in [("bptt-tanh", Activation.tanh), ("bptt-sigmoid", .sigmoid)] {
        let shown = profiles.enumerated().filter { $0.element.activation == activation }
        var series: [Series] = []
        for (i, p) in shown {
          let steps = p.norms.indices.map { Double(p.norms.count - 1 - $0) }
          let last = p.norms[p.norms.count - 1]
          series.append(
            Series(
              title: "\(p.name) (σ₁ = \(Format.number(p.largestSingularValue, digits: 3)))", x: steps,
              y: p.norms.map { $0 / last }, style: .line, colorGroup: i))
          series.append(
            Series(
              title: "", x: steps,
              y: steps.map {
                RecurrentTheory.gradientBound(
                  derivativeBound: p.gamma, largestSingularValue: p.largestSingularValue, stepsBack: Int($0))
              }, style: .dashed,
              colorGroup: i))
        }
        notebook.chart(
          Chart(
            name: name, title: "\(activation.name) RNN at init: gradient reaching h_{T−k}", xLabel: "steps back k",
            yLabel: "‖∂L/∂h_{T−k}‖ / ‖∂L/∂h_T‖", logY: true, series: series),
          caption:
            """
            Solid: measured by BPTT. Dashed: the bound (γσ₁)^k of the same color. Below the dashed line \
            always; above 1/γ the bound grows, the gradient need not.
            """
        )
      }
      for p in profiles {
        notebook.recordRun(
          "bptt_\(p.name.filter { $0.isLetter || $0.isNumber || $0 == " " }.replacingOccurrences(of: " ", with: "_"))",
          [
            ("sigma1", p.largestSingularValue), ("spectral_radius", p.spectralRadius), ("gamma", p.gamma),
            ("factor_per_step", p.factorPerStep), ("ratio_first_to_last", p.ratio),
          ])
      }
      return profiles
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ClippingLesson.outline`).
  static let condition: StepID = "condition"
}
