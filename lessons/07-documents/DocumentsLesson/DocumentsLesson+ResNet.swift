import Charts
import NeuralNet
import Notebook
import Theory

extension DocumentsLesson {
  // MARK: .resnet

  /// Step `.resnet`: the ResNet of “Batch norm and batch GD”, in small.
  static func stepResNet(_ config: DocumentsConfiguration, in notebook: Notebook) -> (
    runs: [ResNetRun], baseline: Double, errors: [SmallResNet.Variant: SeedSpread]
  ) {
    notebook.step(.resnet, "The documents' ResNet, in small") {
      let shape = ImageShape(height: config.resnetSide, width: config.resnetSide, channels: config.resnetChannels)
      let data = SmallResNet.data(
        count: config.resnetExamples, shape: shape, seed: SeededGenerator.streamSeed(config.seed, "resnet data"))
      let mean = data.inputs.scalars.reduce(0, +) / Float(data.inputs.count)
      let baseline =
        data.inputs.scalars.map { Double(($0 - mean) * ($0 - mean)) }.reduce(0, +) / Double(data.inputs.count)
      notebook.prose(
        """
        “Batch norm and batch GD” trains "a ResNet with 40 layers" on a (32, 32, 32) random array, min-max scaled, \
        to reproduce itself (loss 'mse', Adam, batch 32) and concludes that batch normalization and \
        batch gradient descent solve gradient explosion. Its code does not run \
        (tf.keras.models.resnet.ResNet does not exist). In small: \(config.resnetExamples) random \
        \(shape) images, min-max scaled the same way, a stem convolution, \(config.resnetBlocks) \
        basic blocks of two 3×3 convolutions (\(2 * config.resnetBlocks + 2) convolutions in all), \
        Glorot init, Adam (η = 0.001), mean squared error; predicting the mean scores \
        \(Format.number(baseline)). Five nets: the convolutions chained without skips, the ResNet, \
        the ResNet with branches scaled by 1/√L (lesson 6), the ResNet with batch norm, and the \
        latter trained full-batch.
        """)
      notebook.comparison(
        differs:
          """
          the skips, the branch scale, batch norm (which adds parameters), and for the last net the batch \
          (full batch takes fewer steps over the same examples)
          """,
        same: ["the data", "Glorot init (same seed)", "Adam, η = 0.001", "the mean squared error"])
      let fullSteps = max(1, config.resnetSteps * config.batchSize / data.count)
      let variants = SmallResNet.Variant.allCases
      let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
      let all = notebook.experiment("five nets × \(seeds.count) seeds", total: seeds.count * variants.count) {
        progress in
        SmallResNet.train(
          variants, seeds: seeds, shape: shape, blocks: config.resnetBlocks, data: data,
          batchSize: min(config.batchSize, data.count), steps: config.resnetSteps, fullBatchSteps: fullSteps,
          progress: progress.update)
      }
      let runs = Array(all.prefix(variants.count))
      let errors = variants.indices.map { v in
        SeedSpread(seeds: seeds, values: seeds.indices.map { all[$0 * variants.count + v].finalError })
      }
      notebook.table(
        Table(
          headers: ["net", "steps × batch", "first non-finite", "‖g‖ at step 0", "max ‖g‖", "MSE after training"],
          rows: runs.map { r in
            [
              r.variant.rawValue, "\(r.history.steps.count) × \(r.batchSize)",
              r.history.nonFinite.map { "\($0)" } ?? "none",
              Format.number(r.history.initialGradientNorm),
              Format.number(r.history.maxGradientNorm),
              Format.number(r.finalError),
            ]
          }),
        caption:
          "Seed \(config.seed). MSE on all \(config.resnetExamples) images in evaluation mode; predicting the mean gives \(Format.number(baseline))."
      )
      notebook.table(
        Table(
          headers: ["net", "MSE after training, over \(seeds.count) seeds"],
          rows: zip(variants, errors).map { variant, spread in [variant.rawValue, Format.spread(spread)] }),
        caption:
          "The same nets over seeds \(seeds.map(String.init).joined(separator: ", ")) (weights and batch order; the data stay the same): mean (min–max)."
      )
      notebook.chart(
        Chart(
          name: "resnet-in-small", title: "The documents' ResNet in small: mini-batch MSE",
          xLabel: "training examples seen",
          yLabel: "mean squared error", logY: true,
          series: runs.enumerated().map { i, r in
            Series(
              title: r.variant.rawValue, x: r.history.steps.map { Double(($0.step + 1) * r.batchSize) },
              y: r.history.steps.map(\.loss), style: r.history.steps.count < 10 ? .linePoints : .line, colorGroup: i)
          }),
        caption: "Same data, same init seed, Adam; the full-batch run sees the same number of examples in fewer steps.")
      let plain = runs.first { $0.variant == .plain }
      let residual = runs.first { $0.variant == .residual }
      let withBN = runs.first { $0.variant == .residualBatchNorm }
      let better = zip(variants, errors).filter { $0.1.max < baseline }.map(\.0.rawValue)
      let initialNorm = { (run: ResNetRun?) in run?.history.initialGradientNorm ?? .nan }
      let bnAtInit =
        initialNorm(withBN) < initialNorm(residual)
        ? "lowers it to \(Format.number(initialNorm(withBN)))"
        : "does not lower it (\(Format.number(initialNorm(withBN))))"
      notebook.prose(
        """
        At init the documents' fear is real here: the ResNet's gradient norm is \
        \(Format.number(initialNorm(residual))), against \(Format.number(initialNorm(plain))) for the \
        same convolutions \
        without skips, because every α = 1 block adds its branch's variance (lesson 6). Batch norm \
        \(bnAtInit); scaling \
        the branches by 1/√L removes the growth without any normalization; training full-batch \
        changes nothing at init and, for the same number of examples, takes \(fullSteps) steps instead \
        of \(config.resnetSteps). After training, the nets below the mean predictor's \
        \(Format.number(baseline)) on every seed: \(better.isEmpty ? "none" : better.joined(separator: ", ")).
        """)
      for (r, spread) in zip(runs, errors) {
        notebook.recordRun(
          "resnet_\(r.variant.rawValue.lowercased().filter { $0.isLetter || $0 == " " }.replacingOccurrences(of: " ", with: "_"))",
          [
            ("max_grad_norm", r.history.maxGradientNorm),
            ("first_nonfinite_step", r.history.nonFinite.map { Double($0.step) }),
          ],
          extra: [("seeds", .seeds(seeds)), ("final_mse", .spread(spread))])
      }
      return (runs, baseline, Dictionary(uniqueKeysWithValues: zip(variants, errors)))
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `DocumentsLesson.outline`).
  static let resnet: StepID = "resnet"
}
