import NeuralNet
import Notebook
import RealModule

/// The documents' claims about batch normalization, with verdicts from lesson 3's own runs.
public enum BatchNormClaims {
  /// The claims, judged by steps 1–6.
  public static func claims(
    _ config: BatchNormConfiguration, fix: [TrainedRun], sweep: [LearningRateSweep.Result],
    yang: [YangExplosion.Measurement], limit: [DepthLimit.Pair], evaluation: EvaluationMode.Result
  ) -> [Claim] {
    let plain = fix.first
    let bn = fix.last
    let yangShown = yang.first { $0.activation == .relu && $0.batchSize == config.batchSize } ?? yang.first
    let deepest = limit.last
    let plainOutcome =
      plain.map { r in
        r.history.nonFinite.map { "goes non-finite at step \($0.step)" } ?? "ends at loss \(Format.number(r.finalLoss))"
      }
      ?? "–"
    let bnOutcome =
      bn.map { r in
        r.history.nonFinite.map { "goes non-finite at step \($0.step)" }
          ?? "trains to \(Format.percent(r.testAccuracy)) test accuracy"
      } ?? "–"
    let explosion =
      yangShown.map {
        "a \(config.yangDepth)-layer BN net at init multiplies the squared gradient by λ = \(Format.number($0.measured)) per layer (theory \(Format.number($0.predicted)) for B = \($0.batchSize))"
      } ?? "–"
    let limitText =
      deepest.map {
        "at depth \($0.depth) the BN net without skip connections reaches \(Format.percent($0.plain.testAccuracy)) test accuracy and the residual BN net \(Format.percent($0.residual.testAccuracy))"
      } ?? "–"
    let b1 = evaluation.trainingModeAccuracy.first ?? .nan
    let evalAccuracy = evaluation.evaluationAccuracy.last ?? .nan
    return [
      Claim(
        document: .importantProblem,
        quote: "它通过对批量的参数进行归一化处理，从而减小梯度的大小，从而减少反向传播的计算量",
        translation:
          "It normalizes the batch of parameters, which reduces the size of the gradient and so reduces the computation of backpropagation.",
        verdict: .false_,
        evidence:
          "BN normalizes activations, per feature across the batch (step 1: means 0, variances σ²/(σ²+ε)); the parameters are untouched. It does not shrink gradients at init: \(explosion). And it adds computation (two passes over every activation) rather than removing any."
      ),
      Claim(
        document: .trainingTechniques,
        quote: "使用批量归一化技术，将每个神经元的输入进行归一化处理，以防止梯度消失或梯度爆炸",
        translation:
          "Use batch normalization to normalize each neuron's input, to prevent vanishing or exploding gradients.",
        verdict: .partlyHolds,
        evidence:
          "It does normalize each neuron's input, and that removes the explosion caused by the weights' scale: with σ_w² = \(Format.number(config.gain2)) the plain \(config.depth)-layer net \(plainOutcome), the same net with BN \(bnOutcome) (step 2). But it causes its own: \(explosion) (step 4), and \(limitText) (step 5)."
      ),
      Claim(
        document: .batchNormAndBatchGD,
        quote: "对每一个批次数据（batch）进行归一化处理，使得每个批次数据都具有相同的缩放因子",
        translation: "Each batch of data is normalized so that every batch has the same scale factor.",
        verdict: .partlyHolds,
        evidence:
          "In training mode each feature gets its own mean and scale from each batch, so the factor differs from batch to batch; that is why evaluation needs running statistics. Scoring the test digits in training mode one at a time gives \(Format.percent(b1)) accuracy against \(Format.percent(evalAccuracy)) in evaluation mode (step 6)."
      ),
      Claim(
        source: .paper("Ioffe & Szegedy 2015"),
        quote:
          "Batch Normalization allows us to use much higher learning rates and be less careful about initialization.",
        translation: "(English original.)",
        verdict: .holds,
        evidence:
          "Largest learning rate that trains a \(config.sweepDepth)-layer net: \(sweep.first?.largestTrainingRate.map { Format.number($0) } ?? "none") without BN, \(sweep.last?.largestTrainingRate.map { Format.number($0) } ?? "none") with BN (step 3); and the σ_w² = \(Format.number(config.gain2)) init that breaks the plain net is harmless with BN (step 2). It holds at moderate depth; step 5 shows where it stops."
      ),
    ]
  }
}
