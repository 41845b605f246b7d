import Charts
import NeuralNet
import Notebook
import Theory

extension ResidualLesson {
  // MARK: .variance

  /// Step `.variance`: ‖x_l‖² through a deep residual stack at init against (1 + α²)^l.
  static func stepVariance(_ config: ResidualConfiguration, in notebook: Notebook) -> VarianceFindings {
    notebook.step(.variance, "Variance at init: (1 + α²) per block") {
      let blocks = config.varianceBlocks
      notebook.prose(
        """
        Each block is x + α·W₂·ReLU(W₁x) with W₁ ~ N(0, 2/n) (He) and W₂ ~ N(0, 1/n). The branch \
        output has E‖F(x)‖² = ‖x‖² and is uncorrelated with x, so E‖x_{l+1}‖² = (1 + α²)·E‖x_l‖²: \
        α = 1 doubles the squared norm per block (2^L), α = 1/√L gives (1 + 1/L)^L → e, and α = 0 \
        is the identity. Measured on \(config.varianceNetworks) networks of width \(config.varianceWidth), \
        \(blocks) blocks, 32 Gaussian inputs each.
        """)
      let alphas = [1, 1 / Double(blocks).squareRoot(), 0]
      let checkedBlocks = [10, blocks, blocks]
      var meanProfiles: [[Double]] = []
      var checked: [[Double]] = []
      var factors: [Double] = []
      let networks = config.varianceNetworks
      let width = config.varianceWidth
      let seed = config.seed
      // 3 × networks independent stacks, one per core (`ParallelSweep`): the same numbers as one by one.
      let all = notebook.experiment("residual stacks", total: alphas.count * networks) { progress in
        ParallelSweep.map(alphas.count * networks, progress: progress.update) { job in
          ResidualVariance.profile(
            alpha: alphas[job / networks], blocks: blocks, width: width, batch: 32,
            seed: SeededGenerator.streamSeed(seed, "variance network \(job % networks)"))
        }
      }
      for (i, alpha) in alphas.enumerated() {
        let profiles = Array(all[(i * networks)..<((i + 1) * networks)])
        meanProfiles.append((0...blocks).map { l in profiles.map { $0[l] }.reduce(0, +) / Double(profiles.count) })
        checked.append(profiles.map { $0[checkedBlocks[i]] })
        if alpha == 1 { factors = profiles.flatMap { p in (1...blocks).map { p[$0] / p[$0 - 1] } } }
      }
      let names = ["α = 1", "α = 1/√\(blocks)", "α = 0"]
      let x = (0...blocks).map(Double.init)
      notebook.chart(
        Chart(
          name: "variance-by-block", title: "‖x_l‖²/‖x_0‖² through \(blocks) residual blocks at init",
          xLabel: "block l", yLabel: "‖x_l‖² / ‖x_0‖²", logY: true,
          series: alphas.indices.flatMap { i in
            [
              Series(title: names[i], x: x, y: meanProfiles[i], style: .line, colorGroup: i),
              Series(
                title: "", x: x, y: x.map { ResidualTheory.normGrowth(alpha: alphas[i], blocks: Int($0)) },
                style: .dashed,
                colorGroup: i),
            ]
          }),
        caption: "Solid: the mean over \(config.varianceNetworks) networks. Dashed: (1 + α²)^l.")
      let factorSample = SampleMean(factors)
      notebook.check([
        TheoryCheck(
          name: "α = 1: mean per-block factor ‖x_{l+1}‖²/‖x_l‖² (\(factors.count) blocks)",
          measured: factorSample.mean, predicted: 2,
          tolerance: .relative(factorSample.relativeTolerance(around: 2, floor: 0.01)), source: "theory §9")
      ])
      notebook.check(
        alphas.indices.map { i in
          let sample = SampleMean(checked[i])
          let predicted = ResidualTheory.normGrowth(alpha: alphas[i], blocks: checkedBlocks[i])
          // Each network's ratio is a product of random per-block factors: hold the mean to the t band
          // of the networks' spread (`SampleMean.relativeTolerance`), at least 5% (exact for α = 0).
          let tolerance = alphas[i] == 0 ? 1e-9 : sample.relativeTolerance(around: predicted, floor: 0.05)
          return TheoryCheck(
            name: "\(names[i]): ‖x_\(checkedBlocks[i])‖²/‖x_0‖²", measured: sample.mean, predicted: predicted,
            tolerance: alphas[i] == 0 ? .absolute(tolerance) : .relative(tolerance), source: "theory §9")
        })
      notebook.prose(
        """
        With α = 1 a 100-block net starts with activations 2^50 ≈ 10^15 times larger than its input: \
        the forward signal explodes even though every block is "well initialized". Scaling the \
        branch by 1/√L, or starting it at zero, keeps the whole stack near the identity.
        """)
      for (i, name) in ["alpha_1", "alpha_inv_sqrt_l", "alpha_0"].enumerated() {
        notebook.recordRun(
          "variance_\(name)",
          [
            ("alpha", alphas[i]), ("checked_block", Double(checkedBlocks[i])),
            ("mean_ratio", SampleMean(checked[i]).mean),
            ("final_block_ratio", meanProfiles[i].last),
          ])
      }
      return VarianceFindings(
        alphas: alphas, meanProfiles: meanProfiles, checkedRatios: checked, checkedBlocks: checkedBlocks,
        unitAlphaFactors: factors)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `ResidualLesson.outline`).
  static let variance: StepID = "variance"
}
