import NeuralNet
import Notebook

/// The documents' claims about their own training code and CNN, judged by lesson 7's runs.
public enum DocumentsClaims {
  /// The claims, judged by steps 1–3.
  public static func claims(
    _ config: DocumentsConfiguration, cnn: CNNFindings, fixes: [FixRun], resnet: [ResNetRun]
  ) -> [Claim] {
    let saves = cnn.history.epochs.filter(\.improved).map { "\($0.index + 1)" }
    let stopText =
      cnn.history.stoppedEarly
      ? "it stopped after epoch \(cnn.history.epochs.count), \(config.patience) epochs after the best one (\(cnn.history.bestEpoch.map { "\($0 + 1)" } ?? "–"))"
      : "the validation loss kept improving within every \(config.patience)-epoch window, so it ran all \(cnn.history.epochs.count) epochs"
    let baseline = fixes[0]
    let batchNorm = fixes.first { $0.name == "batch norm" }
    let bnText =
      batchNorm.map {
        "In step 2 batch norm took the bad-init CNN's gradient at step 0 from \(Format.number(baseline.history.initialGradientNorm)) to \(Format.number($0.history.initialGradientNorm)) and its largest ‖g‖ from \(Format.number(baseline.history.maxGradientNorm)) to \(Format.number($0.history.maxGradientNorm)); test accuracy \(Format.percent(baseline.testAccuracy)) → \($0.testAccuracy.isFinite ? Format.percent($0.testAccuracy) : "–")."
      } ?? ""
    let resnetBN = resnet.first { $0.variant == .residualBatchNorm }
    let resnetPlain = resnet.first { $0.variant == .residual }
    let resnetBNText: String = {
      guard let withBN = resnetBN, let without = resnetPlain else { return "was not run" }
      let gradients =
        "took the gradient norm at init from \(Format.number(without.history.initialGradientNorm)) to \(Format.number(withBN.history.initialGradientNorm))"
      let errors = "\(Format.number(without.finalError)) without BN, \(Format.number(withBN.finalError)) with it"
      return withBN.finalError < without.finalError
        ? "\(gradients) and lowered the error after training (\(errors))"
        : "\(gradients) but did not lower the error after training (\(errors))"
    }()
    return [
      Claim(
        document: .generalization,
        quote: "在上面的代码中，我们添加了一个 `ModelCheckpoint` 回调函数，用于在训练达到 1000 步时保存模型。",
        translation: "We added a ModelCheckpoint callback, which saves the model when training reaches 1000 steps.",
        verdict: .false_,
        evidence:
          "ModelCheckpoint(save_best_only=True) saves whenever the monitored validation loss improves, at the end of an epoch, not at a step count. In step 1 the checkpoint was written after epochs \(saves.joined(separator: ", ")), and the file holds epoch \(cnn.history.bestEpoch.map { "\($0 + 1)" } ?? "–")'s weights: a fresh model loaded from it scores \(Format.percent(cnn.reloadedAccuracy)), exactly the restored model's \(Format.percent(cnn.testAccuracy)). (The snippet also assigns `model.callbacks`, which Keras ignores: callbacks are passed to fit.)"
      ),
      Claim(
        document: .generalization,
        quote: "当验证集损失函数下降到一定程度时，停止训练。",
        translation: "When the validation loss has fallen to a certain level, training stops.",
        verdict: .false_,
        evidence:
          "EarlyStopping(monitor='val_loss', patience=5) stops when the validation loss has NOT improved for 5 epochs in a row, whatever its level. In step 1 \(stopText)."
      ),
      Claim(
        document: .trainingTechniques,
        quote: "例如，在卷积神经网络(Convolutional Neural Network,CNN)中，可以使用批量归一化(Batch Normalization)技术来防止梯度消失或梯度爆炸的问题。",
        translation:
          "For example, in a CNN, batch normalization can be used to prevent vanishing or exploding gradients.",
        verdict: .partlyHolds,
        evidence:
          "\(bnText) Batch norm removes the weights' scale from the forward pass, which is what a bad init gets wrong; it does not bound the step (lesson 3 shows a deep BN net exploding at init). In the small ResNet of step 3 it \(resnetBNText)."
      ),
      Claim(
        document: .advancedMethods,
        quote: "批量归一化可以使得每个样本的分布趋近于正态分布，从而减少了梯度的更新量，从而避免了梯度爆炸问题的发生。",
        translation:
          "Batch normalization makes each sample's distribution approach a normal distribution, which reduces the size of gradient updates and so avoids gradient explosion.",
        verdict: .false_,
        evidence:
          "Batch norm standardizes each feature (each channel of a convolution) over the batch and the pixels, not each sample, and it makes nothing normal: it only shifts and scales. It does not shrink every update either: in step 2 \(batchNorm.map { "the BN run's gradient norm was \(Format.number($0.history.initialGradientNorm)) at step 0 against \(Format.number(fixes.first { $0.name == "Glorot init" }?.history.initialGradientNorm ?? .nan)) for the Glorot-initialized net without it" } ?? "–"); its effect is invariance to the weights' scale (lesson 3)."
      ),
    ]
  }
}
