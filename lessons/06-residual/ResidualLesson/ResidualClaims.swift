import NeuralNet
import Notebook

/// The documents' claims that lesson 6 can judge, with verdicts from its own runs.
public enum ResidualClaims {
  /// The claims, judged by steps 1–4.
  public static func claims(
    _ config: ResidualConfiguration, gradients: GradientDepthFindings, training: [TrainedArchitecture],
    unnormalized: [TrainedArchitecture], variance: VarianceFindings
  ) -> [Claim] {
    func run(_ list: [TrainedArchitecture], _ a: Architecture) -> TrainedArchitecture? {
      list.first { $0.architecture == a }
    }
    func outcome(_ r: TrainedArchitecture?) -> String {
      guard let r else { return "–" }
      if let bad = r.history.nonFinite { return "non-finite at step \(bad.step)" }
      return "\(Format.percent(r.testAccuracy)) test accuracy"
    }
    let deepest = gradients.depths.count - 1
    let bnIndex = gradients.architectures.firstIndex(of: .batchNorm) ?? 0
    let bnResIndex = gradients.architectures.firstIndex(of: .batchNormResidual) ?? 0
    let plain = run(training, .plain)
    let residual = run(training, .residual)
    let fixup = run(unnormalized, .fixup)
    let skip = run(unnormalized, .skipInit)
    let unscaled = run(unnormalized, .residualUnscaled)
    return [
      Claim(
        document: .batchNormAndBatchGD,
        quote: "从上述代码可以看出，使用批量归一化和批量梯度下降方法可以有效地解决梯度爆炸问题，提高模型的训练效果。",
        translation:
          "(Of its ResNet example) The code shows that batch normalization and batch gradient descent effectively solve gradient explosion and improve training.",
        verdict: .partlyHolds,
        evidence:
          "In a deep net it is the residual connection that removes the explosion, not batch norm: at init, BN without skip connections gives ‖∂L/∂W_first‖/‖∂L/∂W_last‖ = \(Format.number(gradients.geometricMean(bnIndex, deepest))) at \(gradients.depths[deepest]) layers, the same BN inside residual blocks \(Format.number(gradients.geometricMean(bnResIndex, deepest))) (step 2). Trained at \(config.depth) layers: BN only \(outcome(run(training, .batchNorm))), BN + residual \(outcome(run(training, .batchNormResidual))) (step 3). The code itself does not run: tf.keras.models.resnet.ResNet and BasicBlock do not exist in Keras."
      ),
      Claim(
        document: .batchNormAndBatchGD,
        quote: "可以通过增加模型的深度或扩大训练数据集来提高模型的可扩展性。",
        translation: "The model's scalability can be improved by increasing its depth or enlarging the training set.",
        verdict: .partlyHolds,
        evidence:
          "Depth helps only if the gradient still reaches the first layers. At \(config.depth) weight layers the plain net reached \(outcome(plain)) and the residual net \(outcome(residual)) (step 3); at \(config.deepDepth) layers without normalization, α = 1 reached \(outcome(unscaled)) while Fixup reached \(outcome(fixup)) and SkipInit \(outcome(skip)) (step 4)."
      ),
      Claim(
        document: .batchNormAndBatchGD,
        quote: "使用权重初始化可能无法有效地解决梯度爆炸问题",
        translation: "Using weight initialization may not effectively solve gradient explosion.",
        verdict: .false_,
        evidence:
          "An init designed for the whole stack does solve it: Fixup trains \(config.deepDepth) layers without any normalization to \(outcome(fixup)) (step 4). What does not is an init chosen layer by layer: with α = 1 every He-initialized block still doubles E‖x‖², \(Format.number(variance.meanProfiles[0][min(10, variance.meanProfiles[0].count - 1)])) times after 10 blocks (step 1), and that net goes \(outcome(unscaled)) (step 4)."
      ),
    ]
  }
}
