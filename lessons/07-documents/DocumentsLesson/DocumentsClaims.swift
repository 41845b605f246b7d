import NeuralNet
import Notebook
import Theory

/// The documents' claims about their own training code, their CNN and their code listings, judged
/// by lesson 7's runs or by reading the code.
enum DocumentsClaims {
  /// Batch norm "prevents" the bad init's explosion when it lowers the gradient norm at step 0 by
  /// at least this factor.
  static let preventionFactor = 10.0
  /// An accuracy loss of at least this many points is a cost a reader would notice.
  static let accuracyCost = 0.05

  /// The claims, judged by `.cnn`, `.fixes` and `.resnet` and the documents' code.
  static func claims(
    _ config: DocumentsConfiguration, cnn: CNNFindings, fixes fixesOverSeeds: FixesOverSeeds, resnet: [ResNetRun],
    resnetErrors: [SmallResNet.Variant: SeedSpread], in notebook: Notebook
  ) -> [Claim] {
    let cnnStep = notebook.reference(.cnn)
    let fixesStep = notebook.reference(.fixes)
    let saves = cnn.history.epochs.filter(\.improved).map { "\($0.index + 1)" }
    let n = fixesOverSeeds.seeds.count
    func mean(_ name: String, _ value: (FixRun) -> Double) -> Double? { fixesOverSeeds.spread(name, value)?.mean }
    let bestEpoch = cnn.history.bestEpoch.map { Double($0 + 1) }

    return [
      .measured(
        .checkpointAt1000Steps, step: .cnn,
        measurements: [
          "checkpoint_writes": Double(saves.count), "steps_run": Double(cnn.history.steps.count),
          "best_epoch": bestEpoch, "restored_test_accuracy": cnn.testAccuracy,
          "reloaded_test_accuracy": cnn.reloadedAccuracy,
        ],
        rule:
          """
          false if the checkpoint was written at the end of the epochs whose validation loss improved and \
          the file holds the best epoch's weights (a model loaded from it scores exactly the restored \
          model's accuracy); not tested if it was never written
          """,
        verdict: { m in
          guard m["checkpoint_writes"] >= 1 else { return .notTested }
          return m["reloaded_test_accuracy"] == m["restored_test_accuracy"] ? .false_ : .partlyHolds
        },
        evidence: { m, _ in
          """
          ModelCheckpoint(save_best_only=True) saves whenever the monitored validation loss improves, at \
          the end of an epoch, not at a step count. In \(cnnStep) the checkpoint was written after epochs \
          \(saves.joined(separator: ", ")) of a run of \(Format.number(m["steps_run"])) steps, and the \
          file holds epoch \(Format.number(m["best_epoch"]))'s weights: a fresh model loaded from it \
          scores \(Format.percent(m["reloaded_test_accuracy"])), the restored model \
          \(Format.percent(m["restored_test_accuracy"])). (The snippet also assigns `model.callbacks`, \
          which Keras ignores: callbacks are passed to fit.)
          """
        }),
      .measured(
        .earlyStoppingAtLevel, step: .cnn,
        measurements: [
          "epochs_run": Double(cnn.history.epochs.count), "best_epoch": bestEpoch, "patience": Double(config.patience),
          "epochs": Double(config.epochs),
        ],
        rule:
          """
          false if the run ended after exactly min(epochs, best epoch + patience) epochs, whatever the \
          level the validation loss reached (a rule of patience, not of level)
          """,
        verdict: { m in
          m["epochs_run"] == min(m["epochs"], m["best_epoch"] + m["patience"]) ? .false_ : .partlyHolds
        },
        evidence: { m, _ in
          let stopText =
            cnn.history.stoppedEarly
            ? "it stopped after epoch \(Format.number(m["epochs_run"])), \(config.patience) epochs after the best one (\(Format.number(m["best_epoch"])))"
            : "the validation loss kept improving within every \(config.patience)-epoch window, so it ran all \(Format.number(m["epochs_run"])) epochs"
          return
            """
            EarlyStopping(monitor='val_loss', patience=5) stops when the validation loss has NOT improved \
            for 5 epochs in a row, whatever its level. In \(cnnStep) \(stopText).
            """
        }),
      .measured(
        .globalPoolingReducesComputation, step: .cnn,
        measurements: [
          "global_pooling_parameters": Double(cnn.parameters), "max_pooling_parameters": Double(cnn.pooledParameters),
          "global_pooling_test_accuracy_mean": cnn.accuracyOverSeeds.mean,
          "max_pooling_test_accuracy_mean": cnn.pooledAccuracyOverSeeds.mean,
        ],
        rule:
          """
          false if the global-pooling CNN has no fewer parameters (gradient values) than the max-pooling \
          one; otherwise partly holds if it costs (in mean test accuracy over the seeds) ≥ \
          \(Format.number(accuracyCost * 100)) points of test accuracy (less computation, a worse model, \
          and computation is not what explodes), holds if not
          """,
        verdict: { m in
          guard m["global_pooling_parameters"] < m["max_pooling_parameters"] else { return .false_ }
          return m["max_pooling_test_accuracy_mean"] - m["global_pooling_test_accuracy_mean"] >= accuracyCost
            ? .partlyHolds : .holds
        },
        evidence: { m, verdict in
          let numbers =
            """
            Global average pooling does shrink the gradient: \
            \(Format.number(m["global_pooling_parameters"])) parameters against \
            \(Format.number(m["max_pooling_parameters"])) with max pooling and a flatten (\(cnnStep)). But \
            computation is not what makes gradients explode (lesson 1), and here the smaller model reaches \
            \(Format.spread(cnn.accuracyOverSeeds, Format.percent)) test accuracy against \
            \(Format.spread(cnn.pooledAccuracyOverSeeds, Format.percent)) (over \
            \(cnn.accuracyOverSeeds.seeds.count) seeds).
            """
          return verdict == .false_ ? "In this run global pooling did not make the model smaller. \(numbers)" : numbers
        }),
      .measured(
        .bnInCNN, step: .fixes,
        measurements: [
          "bad_init_step0_grad_norm": mean("baseline", \.history.initialGradientNorm),
          "batch_norm_step0_grad_norm": mean("batch norm", \.history.initialGradientNorm),
          "bad_init_test_accuracy": mean("baseline", \.testAccuracy),
          "batch_norm_test_accuracy": mean("batch norm", \.testAccuracy),
          "resnet_error": resnetErrors[.residual]?.mean,
          "resnet_batch_norm_error": resnetErrors[.residualBatchNorm]?.mean,
        ],
        rule:
          """
          false if batch norm does not lower the bad-init CNN's gradient norm at step 0 by ≥ \
          \(Format.number(preventionFactor))×; otherwise holds if it also lowers the small ResNet's error \
          after training, partly holds if not (it prevents the explosion of a bad init but is not a \
          general cure)
          """,
        verdict: { m in
          let lowered = m["bad_init_step0_grad_norm"] >= preventionFactor * m["batch_norm_step0_grad_norm"]
          guard lowered || !m["bad_init_step0_grad_norm"].isFinite else { return .false_ }
          return m["resnet_batch_norm_error"] < m["resnet_error"] ? .holds : .partlyHolds
        },
        evidence: { m, verdict in
          let resnetText =
            m["resnet_batch_norm_error"] < m["resnet_error"]
            ? "lowered the error after training (\(Format.number(m["resnet_error"])) without BN, \(Format.number(m["resnet_batch_norm_error"])) with it)"
            : "did not lower the error after training (\(Format.number(m["resnet_error"])) without BN, \(Format.number(m["resnet_batch_norm_error"])) with it)"
          let opening =
            verdict == .false_
            ? "In this run batch norm did not lower the gradient \(Format.number(preventionFactor))×: the init was not bad enough to explode. "
            : ""
          return opening
            + """
            In \(fixesStep) (means over \(n) seeds) batch norm took the bad-init CNN's gradient at step 0 \
            from \(Format.number(m["bad_init_step0_grad_norm"])) to \
            \(Format.number(m["batch_norm_step0_grad_norm"])); test accuracy \
            \(Format.percent(m["bad_init_test_accuracy"])) → \
            \(m["batch_norm_test_accuracy"].isFinite ? Format.percent(m["batch_norm_test_accuracy"]) : "–"). \
            Batch norm removes the weights' scale from the forward pass, which is what a bad init gets \
            wrong; it does not bound the step (lesson 3 shows a deep BN net exploding at init). In the \
            small ResNet of \(notebook.reference(.resnet)) it \(resnetText).
            """
        }),
      .measured(
        .bnNormalSamples, step: .fixes,
        measurements: [
          "batch_norm_step0_grad_norm": mean("batch norm", \.history.initialGradientNorm),
          "glorot_step0_grad_norm": mean("Glorot init", \.history.initialGradientNorm),
        ],
        rule:
          """
          false if the batch-norm CNN's gradient norm at step 0 is not smaller than the \
          Glorot-initialized CNN's without it (batch norm does not shrink every update; and it \
          standardizes features, not samples); partly holds if it is smaller
          """,
        verdict: { m in m["batch_norm_step0_grad_norm"] >= m["glorot_step0_grad_norm"] ? .false_ : .partlyHolds },
        evidence: { m, verdict in
          """
          Batch norm standardizes each feature (each channel of a convolution) over the batch and the \
          pixels, not each sample, and it makes nothing normal: it only shifts and scales. \
          \(verdict == .false_ ? "It does not shrink every update either" : "Here it did give a smaller gradient"): \
          in \(fixesStep) (means over \(n) seeds) the BN run's gradient norm was \
          \(Format.number(m["batch_norm_step0_grad_norm"])) at step 0 against \
          \(Format.number(m["glorot_step0_grad_norm"])) for the Glorot-initialized net without it; its \
          effect is invariance to the weights' scale (lesson 3).
          """
        }),
      .readFromCode(
        .weightMultiplier, step: .claims, verdict: .false_,
        reading:
          """
          No such transform exists, and the code shows none: its `折积_乘子` (\"convolution multiplier\") \
          returns the SUM of two ReLU convolutions, which is as nonlinear as either, with arguments \
          (`kernel_padding`, `kernel_border_mode`, `output_shape`) that Conv2D does not have. Nothing is \
          multiplied by a \"multiplier\" and nothing becomes linear. A net that is linear cannot be what \
          prevents explosion anyway: lesson 1's linear nets explode exactly as theory §1 predicts for \
          σ_w² > 1.
          """
      ),
      .readFromCode(
        .batchNormIsDense, step: .claims, verdict: .false_,
        reading:
          """
          The module's `batch_归一化` (\"batch normalization\") is `tf.keras.layers.Dense(1, \
          activation='linear')`: a learned projection to one number, with no batch mean, no variance and \
          no normalization; `batch_平均_归一化` divides one such layer by another layer object. The function \
          that is said to combine both feeds the convolution into two LSTMs, discards their output and \
          returns `折积_乘子`. Batch normalization is `tf.keras.layers.BatchNormalization()`; lesson 3 builds \
          and measures it.
          """
      ),
      .readFromCode(
        .bnCNNCode, step: .claims, verdict: .false_,
        reading:
          """
          The listing has no convolution and no batch normalization that Keras would run: the model is \
          two Dense layers; `tf.nn.batch_normalization()` is called with none of its required arguments \
          (x, mean, variance, offset, scale, variance_epsilon) and its result is assigned to a layer's \
          output, which Keras does not allow; and `fit` receives an `Input` and a layer as training data. \
          Batch norm in a CNN is measured in \(fixesStep) instead.
          """
      ),
    ]
  }
}
