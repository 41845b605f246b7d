import Charts
import Foundation
import NeuralNet
import Notebook
import Theory

extension DocumentsLesson {
  /// The checkpoint file of `.cnn`, inside the lesson's output folder.
  package static let checkpointName = "cnn-best.ckpt"

  // MARK: .cnn

  /// Step `.cnn`: the documents' CNN, faithfully, with early stopping and a checkpoint.
  static func stepCNN(
    _ config: DocumentsConfiguration, data: (train: Dataset, validation: Dataset, test: Dataset), in notebook: Notebook
  ) throws -> CNNFindings {
    try notebook.step(.cnn, "The documents' CNN, faithfully") {
      notebook.prose(
        """
        The model of “Generalize better”: Conv2D(32, 3×3, ReLU) on 28×28×1 → GlobalAveragePooling2D → Dense(64, \
        ReLU) → Dense(10, softmax), compiled with Adam (η = \(Format.number(config.adamLearningRate))) \
        and sparse categorical cross-entropy, Keras' default Glorot-uniform init, batches of \
        \(config.batchSize), `epochs=\(config.epochs)`, with the callbacks it shows: EarlyStopping \
        (monitor val_loss, patience \(config.patience), best weights restored) and ModelCheckpoint \
        (save_best_only). The data: the 8×8 digits upsampled ×3 (bilinear) and centred in 28×28 \
        (\(data.train.count) for training, \(data.validation.count) for validation, \(data.test.count) for test).
        """)
      let checkpoint = notebook.workingDirectory.appendingPathComponent(checkpointName)
      let stepsPerEpoch = data.train.count / config.batchSize
      let settings = EpochTrainer.Settings(
        epochs: config.epochs, batchSize: config.batchSize,
        batchSeed: SeededGenerator.streamSeed(config.seed, "batches"), patience: config.patience,
        checkpoint: checkpoint)
      // The two CNNs for every seed, one per core (`ParallelSweep`): the lesson's seed's documents'
      // CNN saves its best weights to the checkpoint. Its model is then the checkpoint's: the
      // weights EarlyStopping restored, whose test accuracy was measured before the file was read
      // back.
      let seeds = SeedSpread.seeds(from: config.seed, count: config.trainingSeeds)
      let fits = notebook.experiment("the two CNNs for \(seeds.count) seeds", total: 2 * seeds.count) { progress in
        DocumentsCNN.fits(
          seeds: seeds, data: data, learningRate: config.adamLearningRate, settings: settings,
          progress: progress.update)
      }
      let (history, accuracy) = try fits[0].get()
      let (pooledHistory, pooledAccuracy) = try fits[1].get()
      // Per seed the documents' CNN then the pooled one; NaN where another seed's run failed.
      let accuracies = fits.map { (try? $0.get())?.testAccuracy ?? .nan }
      let model = DocumentsCNN.make(seed: config.seed)
      try Checkpoint.load(into: model, from: checkpoint)
      // A fresh model of another seed, loaded from the file: the same predictions.
      let reloaded = DocumentsCNN.make(seed: SeededGenerator.streamSeed(config.seed, "reloaded weights"))
      try Checkpoint.load(into: reloaded, from: checkpoint)
      let reloadedAccuracy = data.test.accuracy(of: reloaded)
      let accuracyOverSeeds = SeedSpread(
        seeds: seeds, values: stride(from: 0, to: fits.count, by: 2).map { accuracies[$0] })
      let pooledOverSeeds = SeedSpread(
        seeds: seeds, values: stride(from: 1, to: fits.count, by: 2).map { accuracies[$0] })
      notebook.table(
        Table(
          headers: ["model", "epochs run", "best epoch", "stopped early", "best val loss", "test accuracy"],
          rows: [
            ("documents' CNN (global average pooling)", history, accuracy),
            ("max pooling + flatten", pooledHistory, pooledAccuracy),
          ]
          .map { name, h, acc in
            [
              name, "\(h.epochs.count)", h.bestEpoch.map { "\($0 + 1)" } ?? "–", h.stoppedEarly ? "yes" : "no",
              Format.number(h.epochs.map(\.validationLoss).min() ?? .nan), Format.percent(acc),
            ]
          }),
        caption: "Seed \(config.seed). Epochs counted from 1. Test accuracy with the best validation weights restored.")
      notebook.table(
        Table(
          headers: ["model", "test accuracy over \(seeds.count) seeds"],
          rows: [
            ["documents' CNN (global average pooling)", Format.spread(accuracyOverSeeds, Format.percent)],
            ["max pooling + flatten", Format.spread(pooledOverSeeds, Format.percent)],
          ]),
        caption:
          "The same two CNNs over seeds \(seeds.map(String.init).joined(separator: ", ")) (weights and batch order): mean (min–max)."
      )
      let chartSeries = [("documents' CNN", history), ("max pooling + flatten", pooledHistory)].enumerated().flatMap {
        i, pair in
        [
          Series(
            title: "\(pair.0): training", x: pair.1.epochs.map { Double($0.index + 1) },
            y: pair.1.epochs.map(\.trainingLoss), style: .dashed, colorGroup: i),
          Series(
            title: "\(pair.0): validation", x: pair.1.epochs.map { Double($0.index + 1) },
            y: pair.1.epochs.map(\.validationLoss), style: .linePoints, colorGroup: i),
        ]
      }
      notebook.chart(
        Chart(
          name: "cnn-loss-by-epoch", title: "The documents' CNN on 28×28 digits: loss per epoch", xLabel: "epoch",
          yLabel: "cross-entropy", logY: true, series: chartSeries,
          markers: history.bestEpoch.map { [Marker(x: Double($0 + 1), label: "best checkpoint")] } ?? []),
        caption: "Dashed: mean mini-batch loss during the epoch; points: validation loss after it.")
      let summary = DocumentsCNN.summary(of: model, image: data.test.inputs.gatheringRows([0]))
      let expected = DocumentsCNN.expectedSummary()
      notebook.table(
        Table(
          headers: ["layer (Keras)", "engine layer", "outputs per image", "parameters"],
          rows: zip(expected, summary).map { e, m in [e.name, m.layer, "\(m.outputsPerImage)", "\(m.parameters)"] }
            + [["total", "", "", "\(model.parameterCount)"]]),
        caption:
          "What Keras' model.summary() prints for the model of “Generalize better”, measured on the engine's: one image pushed through layer by layer."
      )
      // Early stopping's rule: stop once `patience` epochs have passed without a new best
      // validation loss, so a run whose best epoch (from 1) is b stops after min(epochs, b + patience).
      let losses = history.epochs.map(\.validationLoss)
      let bestEpoch = (losses.indices.min { losses[$0] < losses[$1] } ?? 0) + 1
      let floor = config.pooledAccuracyFloor
      notebook.check(
        zip(expected, summary).flatMap { e, m in
          [
            TheoryCheck(
              name: "\(e.name): outputs per image", measured: Double(m.outputsPerImage),
              predicted: Double(e.outputsPerImage), tolerance: .absolute(0), source: "theory §12 (layer arithmetic)"),
            TheoryCheck(
              name: "\(e.name): parameters", measured: Double(m.parameters), predicted: Double(e.parameters),
              tolerance: .absolute(0), source: "theory §12 (layer arithmetic)"),
          ]
        } + [
          TheoryCheck(
            name: "total trainable parameters", measured: Double(model.parameterCount),
            predicted: Double(expected.map(\.parameters).reduce(0, +)), tolerance: .absolute(0),
            source: "theory §12 (layer arithmetic)"),
          TheoryCheck(
            name: "epochs run: min(epochs, best epoch \(bestEpoch) + patience \(config.patience))",
            measured: Double(history.epochs.count), predicted: Double(min(config.epochs, bestEpoch + config.patience)),
            tolerance: .absolute(0), source: "theory §12 (early stopping)"),
          TheoryCheck(
            name: "checkpoint round trip: test accuracy of the reloaded model", measured: reloadedAccuracy,
            predicted: accuracy, tolerance: .absolute(0), source: "theory §12 (checkpoint)"),
          TheoryCheck(
            name: "max pooling + flatten: test accuracy at least \(Format.percent(floor))", measured: pooledAccuracy,
            predicted: floor, tolerance: .atLeast, source: "theory §12 (floor)"),
        ])
      let stepsRun = history.steps.count
      notebook.prose(
        """
        The documents' CNN reaches \(Format.percent(accuracy)) test accuracy (chance is 10%). \
        \(history.stoppedEarly ? """
          Early stopping ended it after epoch \(history.epochs.count): the validation loss had not \
          improved for \(config.patience) epochs since epoch \
          \(history.bestEpoch.map { "\($0 + 1)" } ?? "–").
          """ : "It ran all \(history.epochs.count) epochs.") \
        Its gradients are fine (\(notebook.reference(.fixes)): ‖g‖ below 1 at init with this init); what holds it back is \
        global average pooling right after a single convolution, each of whose 32 features is the \
        average of one 3×3 filter over the whole image, and the size of the data: an epoch here is \
        \(stepsPerEpoch) steps (\(stepsRun) in all), where on MNIST's 60,000 images `epochs=10` \
        would be 18,750. The same convolution followed by max pooling and a flatten reaches \
        \(Format.percent(pooledAccuracy)) under the same budget. The checkpoint file \
        `\(checkpointName)` holds the best epoch's weights; \
        `swift run -c release documents --evaluate \(notebook.settings.plotsDir)/documents/\(checkpointName)` scores \
        it again.
        """)
      notebook.recordRun(
        "documents_cnn",
        [
          ("test_accuracy", accuracy), ("reloaded_test_accuracy", reloadedAccuracy),
          ("epochs_run", Double(history.epochs.count)), ("best_epoch", history.bestEpoch.map { Double($0 + 1) }),
          ("best_validation_loss", history.epochs.map(\.validationLoss).min()),
        ])
      notebook.recordRun(
        "pooled_cnn",
        [("test_accuracy", pooledAccuracy), ("epochs_run", Double(pooledHistory.epochs.count))])
      notebook.recordRun(
        "cnns_over_seeds", [],
        extra: [
          ("seeds", .seeds(seeds)), ("documents_cnn_test_accuracy", .spread(accuracyOverSeeds)),
          ("pooled_cnn_test_accuracy", .spread(pooledOverSeeds)),
        ])
      return CNNFindings(
        history: history, testAccuracy: accuracy, reloadedAccuracy: reloadedAccuracy, pooledHistory: pooledHistory,
        pooledAccuracy: pooledAccuracy, checkpoint: checkpoint,
        accuracyOverSeeds: accuracyOverSeeds, pooledAccuracyOverSeeds: pooledOverSeeds,
        parameters: model.parameterCount, pooledParameters: DocumentsCNN.makePooled(seed: config.seed).parameterCount)
    }
  }
}

extension StepID {
  /// The id of this file's step (the order: `DocumentsLesson.outline`).
  static let cnn: StepID = "cnn"
}
