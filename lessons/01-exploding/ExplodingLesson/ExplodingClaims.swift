import NeuralNet
import Notebook

/// The documents' claims that lesson 1 can test, with verdicts computed from its own runs.
public enum ExplodingClaims {
  /// The claims, judged by the gradient profiles of step 3 and the training runs of step 4.
  public static func claims(
    _ config: ExplodingConfiguration, profiles: [ExplodingExperiments.GradientProfile],
    runs: [ExplodingExperiments.TrainingResult]
  ) -> [Claim] {
    let critical = profiles.profile(gain2: config.criticalGain2)
    let exploding = profiles.profile(gain2: config.gain2)
    let flatRatio = critical.map { Format.number($0.firstToLastRatio) } ?? "–"
    let explodingRatio = exploding.map { Format.number($0.firstToLastRatio) } ?? "–"
    let gainText = Format.number(config.gain2)
    let criticalText = Format.number(config.criticalGain2)
    let sameSize =
      "Both nets in step 3 have the same depth (\(config.depth)), width (\(config.width)), parameter count and FLOPs"
    let explodingRun = runs.first
    let fixedRun = runs.last
    let fixedOutcome =
      fixedRun.map {
        $0.history.nonFinite == nil
          ? "trains to \(Format.percent($0.testAccuracy)) test accuracy with no non-finite value"
          : "also went non-finite (\($0.history.nonFinite!)) at this learning rate"
      } ?? "–"
    let explodingOutcome =
      explodingRun.map { run in
        run.history.nonFinite.map { "goes non-finite at \($0)" } ?? "stays finite"
      } ?? "–"
    return [
      Claim(
        document: .importantProblem,
        quote: "梯度爆炸是指梯度在反向传播过程中因为计算量过大而爆炸",
        translation:
          "Gradient explosion means the gradient blows up during backpropagation because there is too much computation.",
        verdict: .false_,
        evidence:
          "\(sameSize); at σ_w² = \(criticalText) the first/last gradient ratio is \(flatRatio), at σ_w² = \(gainText) it is \(explodingRatio). The amount of computation is identical; the per-layer Jacobian gain decides."
      ),
      Claim(
        document: .advancedMethods,
        quote: "由于深度学习模型参数量巨大，梯度计算量也巨大，从而导致了梯度爆炸问题的发生",
        translation:
          "Because deep models have huge numbers of parameters, the gradient computation is huge, which causes gradient explosion.",
        verdict: .false_,
        evidence:
          "\(sameSize), yet one has flat gradients (ratio \(flatRatio)) and the other explodes (ratio \(explodingRatio)). Parameter count does not enter the per-layer factor √(σ_w²·E[φ'²]); the weights' scale does."
      ),
      Claim(
        document: .generalization,
        quote: "在训练过程中，梯度可能会随着模型的训练步数不断增加而变得非常大",
        translation: "During training, the gradient may become very large as the number of training steps increases.",
        verdict: .partlyHolds,
        evidence:
          "Gradients can grow during training, but here the explosion is there before the first step: at step 0 the global gradient norm is \(Format.number(explodingRun?.history.initialGradientNorm ?? .nan)) for σ_w² = \(gainText) against \(Format.number(fixedRun?.history.initialGradientNorm ?? .nan)) for \(config.fix.rawValue). The number of steps did not cause it; the first update on those gradients \(explodingOutcome)."
      ),
      Claim(
        document: .trainingTechniques,
        quote: "如果梯度计算的结果超出了模型的输入范围，就会产生梯度爆炸的问题",
        translation:
          "If the result of the gradient computation exceeds the model's input range, gradient explosion occurs.",
        verdict: .false_,
        evidence:
          "There is no 'input range' involved. The range that is exceeded is Float32's (3.4e38), and step 2 predicts the exact layer where values leave it from σ_w² and the width alone. Explosion is geometric growth; overflow is only its last symptom."
      ),
      Claim(
        document: .batchNormAndBatchGD,
        quote: "使用权重初始化可能无法有效地解决梯度爆炸问题",
        translation: "Using weight initialization may not effectively solve the gradient explosion problem.",
        verdict: .false_,
        evidence:
          "For the explosion at initialization it is exactly the fix: with \(config.fix.rawValue) the same \(config.depth)-layer net \(fixedOutcome), while σ_w² = \(gainText) \(explodingOutcome). What initialization cannot fix is a too-large learning rate: with `--lr 0.3` the He-initialized net goes non-finite within a few steps too."
      ),
    ]
  }
}
