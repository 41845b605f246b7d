import NeuralNet
import Notebook

/// The documents' claims about gradient clipping, with verdicts from lesson 5's own runs.
public enum ClippingClaims {
  /// The claims, judged by steps 1–6.
  public static func claims(
    _ config: ClippingConfiguration, unclipped: AddingProblemTrainer.History, sweep: SweepFindings,
    direction: DirectionFindings, deep: DeepNetworkFindings
  ) -> [Claim] {
    let raw = direction.raw
    let largestNorm = direction.normClipped[0] / raw[0]
    let medianIndex = raw.count / 2
    let medianNorm = direction.normClipped[medianIndex] / raw[medianIndex]
    let largestValue = direction.valueClipped[0] / raw[0]
    let untouched = Double(raw.filter { $0 <= direction.valueClip }.count) / Double(raw.count)
    let reference = sweep.reference
    let explodedText =
      unclipped.nonFiniteStep.map { "Without clipping the adding-problem net went non-finite at step \($0)" }
      ?? "Without clipping the adding-problem net's largest ‖g‖ was \(Format.number(unclipped.maxGradientNorm))"
    // The largest raw norm once training is under way (the first steps carry the init's error).
    let lensMax = reference.history.steps.dropFirst(100).map(\.gradientNorm).max() ?? reference.history.maxGradientNorm
    let seeds = sweep.averageNorms.count
    let referenceLearned = sweep.learnedCount(multiple: reference.multiple)
    let deepExploding = deep[0]
    let deepClipped = deep[1]
    let vanishing = deep[3]
    let vanishingClipped = deep[4]
    let vanishingText =
      "Clipping never lengthens a gradient: the \(config.vanishingDepth)-layer Xavier ReLU net ends at loss \(Format.number(vanishing.history.finalLoss)) with clipping as without (\(Format.number(vanishingClipped.history.finalLoss))), and clipping its first gradient leaves ‖∂L/∂W₁‖/‖∂L/∂W_L‖ at \(Format.number(deep.layerRatio.clipped)) (before: \(Format.number(deep.layerRatio.unclipped))) (step 6)."
    return [
      Claim(
        document: .importantProblem,
        quote: "梯度剪枝的基本原理是，通过对梯度进行拆分，保留最大的梯度，同时减小其它梯度的值。",
        translation:
          "The basic principle of gradient pruning is to split the gradient, keep the largest gradient and reduce the values of the others.",
        verdict: .false_,
        evidence:
          "Neither kind of clipping does this. Norm clipping multiplies every component by the same factor: the largest by ×\(Format.number(largestNorm)), the median by ×\(Format.number(medianNorm)). Value clipping does the opposite of the claim: it shrinks the LARGEST components (the largest by ×\(Format.number(largestValue))) and leaves every component below c unchanged (\(Format.percent(untouched)) of them, the smallest among them) (step 5)."
      ),
      Claim(
        document: .importantProblem,
        quote: "它通过对梯度进行修剪，从而减少反向传播的计算量，从而提高模型的训练速度和泛化性能。",
        translation:
          "By trimming the gradient it reduces the computation of back-propagation, and so improves training speed and generalization.",
        verdict: .false_,
        evidence:
          "Clipping acts after back-propagation has computed the whole gradient: every clipped step in this lesson ran the full BPTT over T = \(config.length) steps and then one more pass over the parameters to take the norm. It saves no computation. What it changes is the length of the update: at η = \(Format.number(config.learningRate)) the unclipped net diverged while τ = \(Format.number(reference.threshold)) learned the task on \(referenceLearned) of \(seeds) network seeds (steps 3–4)."
      ),
      Claim(
        document: .generalization,
        quote: "梯度裁剪（Gradient Clipping）：限制梯度值在一个合理的范围内，可以有效地防止梯度爆炸。",
        translation:
          "Gradient clipping: limiting the gradient values to a reasonable range effectively prevents gradient explosion.",
        verdict: .partlyHolds,
        evidence:
          "It prevents the explosion's consequence, not the explosion. \(explodedText); clipped at τ = \(Format.number(reference.threshold)), the raw gradient still spiked to ‖g‖ = \(Format.number(lensMax)) after step 100 and \(Format.percent(reference.history.clippedFraction)) of the steps were clipped, but no update was longer than η·τ and the run stayed finite (steps 3–4). In a deep MLP at η = \(Format.number(config.mlpLearningRate)) clipping turned a run that \(deepExploding.history.nonFinite.map { "went non-finite at step \($0.step)" } ?? "ended at \(Format.percent(deepExploding.testAccuracy)) test accuracy") into one at \(deepClipped.testAccuracy.isFinite ? Format.percent(deepClipped.testAccuracy) : "–") (step 6). The range must be chosen: τ = 10·ḡ learned on \(sweep.learnedCount(multiple: 10)) of \(seeds) seeds (step 4)."
      ),
      Claim(
        document: .generalization,
        quote: "在训练过程中，使用梯度裁剪技术，可以限制梯度值的快速增长，防止梯度爆炸。",
        translation:
          "Using gradient clipping during training limits the rapid growth of gradient values and prevents explosion.",
        verdict: .false_,
        evidence:
          "Clipping does not change how the gradient grows: back-propagation still multiplies by W_recᵀ·diag(φ') at every step back (step 2), and the gradient before clipping still spiked to \(Format.number(lensMax)) after step 100 of the clipped run (step 4's lens). It caps the step taken, after the fact. \(vanishingText)"
      ),
      Claim(
        document: .generalization,
        quote: "我们可以使用以下 Python 代码实现一个简单的卷积神经网络（CNN）模型，并使用梯度裁剪技术来避免梯度爆炸",
        translation:
          "The following Python code implements a simple CNN and uses gradient clipping to avoid gradient explosion.",
        verdict: .false_,
        evidence:
          "The code compiles the model with optimizer='adam' and no clipnorm= or clipvalue= argument, so Keras does not clip at all. Clipping in Keras is an optimizer argument, e.g. tf.keras.optimizers.Adam(clipnorm=1.0); in this tool it is --clip-norm or --clip-value."
      ),
    ]
  }
}
