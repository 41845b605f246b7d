import Charts
import NeuralNet
import Notebook
import RealModule
import Theory

/// Lesson 1, "exploding": what the documents call gradient explosion, reproduced and explained
/// with numbers. Read top to bottom like a notebook: each step says what is about to happen, runs
/// it, and shows the result next to the theory (docs/theory.md §1).
public enum ExplodingLesson {
  /// The lesson's name: its executable and its output folder.
  public static let name = "exploding"
  /// The lesson's title.
  public static let title = "Lesson 1 · Exploding gradients: what they are, measured"

  /// The steps, in order (the runner numbers them).
  public static let outline: Outline = [.products, .naive, .profiles, .training, .claims, .exercises]

  /// Runs every step into `notebook` and returns the exit status from `finish()`.
  public static func run(_ config: ExplodingConfiguration, in notebook: Notebook) throws -> Int32 {
    let (train, test) = try ExplodingExperiments.digitsSplit(seed: config.seed)
    let depth = config.depth
    let phi = config.activation == .relu ? "ReLU" : "linear"

    notebook.introduction(
      """
      The documents this project grew from say that gradients "explode" in deep networks because \
      there is "too much computation" or "too many parameters". This lesson measures what really \
      happens. Backpropagation multiplies one Jacobian per layer, so the size of a gradient is a \
      product of \(depth) factors; if each factor is a little above 1 the product explodes, a \
      little below 1 it vanishes. The theory (theory §1) predicts the factor exactly, and every \
      step below prints its prediction next to the measurement.
      """)

    notebook.outline(outline)

    // MARK: Step 1
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
        "\(config.productTrials) products of \(depth) matrices for 3 scales", total: 3 * config.productTrials
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

    // MARK: Step 2
    let overflow = notebook.step(.naive, "The naive network: unscaled N(0, 1) weights overflow Float32") {
      notebook.prose(
        """
        The documents' code draws weights from N(0, 1) whatever the layer size. Then a layer of \
        width \(config.width) multiplies E[h²] by \(config.width)·E[φ(h)²]/E[h²] = \
        \(Format.number(PlainNetworkTheory.squaredGrowthPerLayer(config.nonlinearity, gain2: Double(config.width)))) \
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
        engine's first non-finite value: \(result.event.map { "\($0)" } ?? "none"), i.e. hidden \
        layer \(result.firstNonFiniteLayer.map(String.init) ?? "–") (the model interleaves dense and \
        activation layers, so model layer 2(l−1) is the dense layer of hidden layer l).
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
          tolerance: .relative(0.05), source: "theory §1"),
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

    // MARK: Step 3
    let gains2 = config.comparedGains2
    let profiles = notebook.step(.profiles, "A controlled explosion: the gradient norm layer by layer") {
      notebook.prose(
        """
        Now scale the weights properly, N(0, σ_w²/fan_in), and vary σ_w². Going backward, each \
        \(phi) layer multiplies the squared norm of the back-propagated gradient ∂L/∂h_l by \
        σ_w²·E[φ'(h)²] = \(config.activation == .relu ? "σ_w²/2" : "σ_w²"), so the norm grows by \
        √(\(config.activation == .relu ? "σ_w²/2" : "σ_w²")) per layer: it is flat at σ_w² = \
        \(Format.number(config.criticalGain2)) (He init for ReLU) and explodes above. We measure \
        ‖∂L/∂h_l‖ for every hidden layer of \(config.networksPerGain) networks per σ_w² \
        (depth \(depth), width \(config.width), a batch of \(config.measurementBatch) digits) and fit \
        the per-layer factor by least squares on log-norms.
        """)
      let profiles = notebook.experiment(
        "gradients at init for σ_w² = \(gains2.map { Format.number($0) }.joined(separator: ", "))",
        total: gains2.count * config.networksPerGain
      ) { progress in
        ExplodingExperiments.gradientProfiles(config, gains2: gains2, digits: train, progress: progress.update)
      }
      let layers = (1...depth).map(Double.init)
      notebook.chart(
        Chart(
          name: "gradient-by-layer", title: "Back-propagated gradient norm by layer (\(phi), depth \(depth))",
          xLabel: "hidden layer l (input side = 1)", yLabel: "‖∂L/∂h_l‖", logY: true,
          series: profiles.enumerated().flatMap { index, profile in
            let factor = PlainNetworkTheory.normGrowthPerLayer(config.nonlinearity, gain2: profile.gain2)
            let top = profile.gradientNorm[depth - 1]
            return [
              Series(
                title: "σ_w² = \(Format.number(profile.gain2))", x: layers, y: profile.gradientNorm, style: .line,
                colorGroup: index),
              Series(
                title: "theory ×\(Format.number(factor))/layer", x: layers,
                y: layers.map { top * Double.pow(factor, Double(depth) - $0) }, style: .dashed, colorGroup: index),
            ]
          }),
        caption:
          "Solid: measured (geometric mean over networks); dashed: the theory's slope, anchored at the top layer.")
      notebook.table(
        Table(
          headers: ["σ_w²", "factor/layer measured", "predicted √(σ_w²·E[φ'²])", "‖g₁‖/‖g_L‖ measured", "predicted"],
          rows: profiles.map { profile in
            let factor = PlainNetworkTheory.normGrowthPerLayer(config.nonlinearity, gain2: profile.gain2)
            return [
              Format.number(profile.gain2), Format.number(profile.fittedBackwardFactor), Format.number(factor),
              Format.number(profile.firstToLastRatio), Format.number(Double.pow(factor, Double(depth - 1))),
            ]
          }), caption: "Per-layer factor of the back-propagated gradient norm:")
      notebook.check(
        profiles.map { profile in
          TheoryCheck(
            name: "per-layer gradient factor, σ_w² = \(Format.number(profile.gain2))",
            measured: profile.fittedBackwardFactor,
            predicted: PlainNetworkTheory.normGrowthPerLayer(config.nonlinearity, gain2: profile.gain2),
            tolerance: .relative(0.05), source: "theory §1")
        })
      notebook.prose(
        """
        The weight gradient ∂L/∂W_l = (∂L/∂h_l)·x_{l−1}ᵀ is the product of a backward factor and a \
        forward one, and with a pure scale mismatch the two drift in opposite directions across \
        layers; that is why the charts here show ∂L/∂h_l, the quantity the theory is about. Either \
        way, at σ_w² = \(Format.number(config.gain2)) every weight gradient is already huge at step 0, \
        before any training: ‖∂L/∂W_1‖ = \
        \(Format.number(profiles.profile(gain2: config.gain2)?.weightGradientNorm[0] ?? .nan)) \
        against \(Format.number(profiles.profile(gain2: config.criticalGain2)?.weightGradientNorm[0] ?? .nan)) \
        at σ_w² = \(Format.number(config.criticalGain2)).
        """)
      for profile in profiles {
        notebook.recordRun(
          "init_gain2_\(Format.number(profile.gain2))",
          [
            ("fitted_factor", profile.fittedBackwardFactor), ("first_to_last_ratio", profile.firstToLastRatio),
            ("max_grad_norm", profile.gradientNorm.max()),
            ("first_layer_weight_grad_norm", profile.weightGradientNorm[0]),
          ])
      }
      return profiles
    }

    // MARK: Step 4
    let runs = notebook.step(.training, "Training it: SGD on the exploding net and on the fix") {
      notebook.prose(
        """
        Train both nets on the digits (\(train.count) training, \(test.count) test images) with plain \
        SGD, lr = \(Format.number(config.learningRate)), batches of \(config.batchSize), \
        \(config.steps) steps: the exploding one (σ_w² = \(Format.number(config.gain2))) and the fix \
        (`--init \(config.fix.rawValue)`). Training stops cleanly at the first non-finite value, which \
        is recorded and marked.
        """)
      notebook.comparison(
        differs:
          "the hidden weights' variance only (σ_w² = \(Format.number(config.gain2)) against \(config.fix.rawValue))",
        same: [
          "architecture (\(depth) × \(config.width), \(phi), no biases)", "weight seed", "mini-batch order",
          "lr \(Format.number(config.learningRate))", "\(config.steps) steps of \(config.batchSize)",
          "clipping (\(config.clipping.description))",
        ])
      let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
      let overSeeds = notebook.experiment(
        "training 2 runs × \(config.steps) steps × \(seeds.count) seeds", total: seeds.count
      ) { progress in
        ExplodingExperiments.trainingOverSeeds(config, train: train, test: test, progress: progress.update)
      }
      let runs = overSeeds.main
      notebook.table(
        Table(
          headers: ["run", "first non-finite", "‖g‖ at step 0", "max ‖g‖", "final loss", "test accuracy"],
          rows: runs.map { run in
            [
              run.name, run.history.nonFinite.map { "\($0)" } ?? "none",
              Format.number(run.history.initialGradientNorm),
              Format.number(run.history.maxGradientNorm), Format.number(run.history.finalLoss),
              run.testAccuracy.isFinite ? Format.percent(run.testAccuracy) : "–",
            ]
          }))
      let markers = runs.compactMap { run in
        run.history.nonFinite.map { Marker(x: Double($0.step), label: "\(run.name): non-finite at step \($0.step)") }
      }
      func series(_ value: (StepRecord) -> Double) -> [Series] {
        runs.enumerated().map { index, run in
          Series(
            title: run.name, x: run.history.steps.map { Double($0.step) }, y: run.history.steps.map(value),
            style: .linePoints, colorGroup: index)
        }
      }
      notebook.chart(
        Chart(
          name: "training-loss", title: "Training loss", xLabel: "SGD step", yLabel: "mini-batch loss", logY: true,
          series: series(\.loss), markers: markers),
        caption:
          "The exploding net's loss is already huge at step 0; its first update makes the next forward pass overflow.")
      notebook.chart(
        Chart(
          name: "training-gradient-norm", title: "Global gradient norm during training", xLabel: "SGD step",
          yLabel: "‖g‖ (all parameters)", logY: true, series: series(\.globalGradientNorm), markers: markers),
        caption: "The marker is the first step with a NaN or Inf anywhere in the forward or backward pass.")
      let heatmaps = WeightGradientHeatmaps.charts(
        runs.map { ($0.name, $0.history) }, chartNames: ["heatmap-exploding", "heatmap-fixed"], hiddenLayers: depth)
      for chart in heatmaps {
        notebook.chart(
          chart,
          caption:
            "Each column is one step, each row one layer; both heatmaps share one color scale; blank (X in the text preview) = not finite."
        )
      }
      let n = seeds.count
      notebook.table(
        Table(
          headers: [
            "run", "went non-finite", "‖g‖ at step 0", "max ‖g‖ / ‖g‖ at step 0", "final loss (last 10)",
            "test accuracy",
          ],
          rows: runs.indices.map { i in
            [
              runs[i].name, "\(overSeeds.nonFiniteCount(i)) of \(n)",
              Format.spread(overSeeds.spread(i) { $0.history.initialGradientNorm }),
              Format.spread(overSeeds.spread(i) { $0.history.maxGradientNorm / $0.history.initialGradientNorm }),
              Format.spread(overSeeds.spread(i) { $0.history.meanLoss(overLast: 10) }),
              Format.spread(overSeeds.spread(i) { $0.testAccuracy }, Format.percent),
            ]
          }),
        caption:
          "The same two runs over \(n) seeds (weights and batch order: seeds \(seeds.map(String.init).joined(separator: ", "))): mean (min–max); “–” where a run went non-finite."
      )
      let fixedAccuracy = overSeeds.spread(1) { $0.testAccuracy }
      notebook.prose(
        """
        Over \(n) seeds the exploding net went non-finite \(overSeeds.nonFiniteCount(0)) times of \(n) and \
        the fix \(overSeeds.nonFiniteCount(1)) times. The fix's test accuracy after \(config.steps) steps \
        is \(Format.spread(fixedAccuracy, Format.percent)): how far one short SGD run gets depends on the \
        seed\(seeds.count > 1 ? ", so this lesson states it as a range, not as the lesson seed's \(Format.percent(runs.last?.testAccuracy ?? .nan))" : ""). \
        That it trains at all, and the other does not, does not.
        """)
      for (index, run) in runs.enumerated() {
        func spread(_ value: (ExplodingExperiments.TrainingResult) -> Double) -> JSONValue {
          .spread(overSeeds.spread(index, value))
        }
        notebook.recordRun(
          index == 0 ? "train_exploding" : "train_fixed",
          [
            ("first_nonfinite_step", run.history.nonFinite.map { Double($0.step) }),
            ("steps_completed", Double(run.history.steps.count)),
            ("nonfinite_seeds", Double(overSeeds.nonFiniteCount(index))),
          ],
          extra: [
            ("init", .string(run.initializer.description)),
            ("first_nonfinite", run.history.nonFinite.map { .string("\($0)") } ?? .null),
            ("seeds", .seeds(seeds)),
            ("final_loss", spread { $0.history.meanLoss(overLast: 10) }),
            ("max_grad_norm", spread { $0.history.maxGradientNorm }),
            ("step0_grad_norm", spread { $0.history.initialGradientNorm }),
            ("test_accuracy", spread { $0.testAccuracy }),
          ])
      }
      return overSeeds
    }

    // MARK: Step 5
    notebook.step(.claims, "The documents' claims, measured") {
      notebook.prose(
        "Each claim below is quoted from one of the five documents ([docs/documents.md](../../docs/documents.md)) and judged by this lesson's own numbers."
      )
      notebook.claims(
        ExplodingClaims.claims(
          config, overflow: overflow.0, prediction: overflow.1, profiles: profiles, training: runs, in: notebook))
    }

    // MARK: Step 6
    notebook.step(.exercises, "Exercises") {
      notebook.prose(
        "Answer with a number; the lesson checks it against a real run or the theory and says why.")
      notebook.exercises(ExplodingExercises.all(config, digits: train))
    }
    return try notebook.finish()
  }
}

extension StepID {
  /// Step ids of lesson 1, in order.
  static let products: StepID = "products"
  static let naive: StepID = "naive"
  static let profiles: StepID = "profiles"
  static let training: StepID = "training"
}
