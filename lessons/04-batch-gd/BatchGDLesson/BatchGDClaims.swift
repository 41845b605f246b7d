import NeuralNet
import Notebook

/// The documents' claims about batch gradient descent, with verdicts from lesson 4's own runs.
public enum BatchGDClaims {
  /// The claims, judged by steps 1–5.
  public static func claims(
    _ config: BatchGDConfiguration, comparison: [BatchSizeComparison.Run], noise: GradientNoise.Result,
    threshold: ThresholdFindings, grid: [StabilityGrid.Cell], stability: EdgeOfStability.Result
  ) -> [Claim] {
    let n = noise.examples
    let sizes = Array(Set(grid.map(\.batchSize))).sorted()
    let largestSafe = sizes.map { b in
      (b, grid.filter { $0.batchSize == b && !$0.diverged }.map(\.rateMultiple).max())
    }
    let safeText = largestSafe.map { b, m in
      "\(b == n ? "full batch" : "B = \(b)"): \(m.map { Format.number($0) } ?? "none")"
    }.joined(separator: ", ")
    let gridText =
      "In step 4 the largest converging step, in units of 2/λ_max, is \(safeText): full-batch GD diverges right past the quadratic threshold, and smaller batches never make a larger step safe (single examples, whose own curvature ‖x‖² exceeds λ_max, diverge first)."
    return [
      Claim(
        document: .batchNormAndBatchGD,
        quote: "批量梯度下降（Batch Gradient Descent，BGD）是一种常见的优化算法，用于处理训练过程中的梯度爆炸问题",
        translation:
          "Batch gradient descent (BGD) is a common optimization algorithm used to handle gradient explosion during training.",
        verdict: .false_,
        evidence:
          "Using the whole batch removes the gradient's noise (step 2: E‖g_B − ḡ‖² falls as 1/B to exactly 0 at B = n), not the explosion. \(gridText)"
      ),
      Claim(
        document: .importantProblem,
        quote: "批量梯度下降是一种特殊的梯度下降算法，它能够在训练模型的过程中，有效地减少梯度的计算量，从而避免梯度爆炸的问题",
        translation:
          "Batch gradient descent is a special gradient descent algorithm that effectively reduces the amount of gradient computation during training, thereby avoiding gradient explosion.",
        verdict: .false_,
        evidence:
          "Full-batch GD computes MORE per step: \(n) per-example gradients instead of \(config.batchSize) (step 1 processes \(n * config.steps) examples in \(config.steps) steps, against \(config.batchSize * config.steps) for mini-batches). And computation does not cause explosion: the same data with the loss written as a sum instead of a mean has a \(Format.number(threshold.sumPowerIteration / threshold.largestEigenvalue))× larger λ_max, so the safe step of the mean diverges ×\(Format.number(threshold.sumRun.predictedFactor)) per step (step 3)."
      ),
      Claim(
        document: .batchNormAndBatchGD,
        quote: "批量归一化和批量梯度下降是一种相对较新的方法，可以有效地解决梯度爆炸问题",
        translation:
          "Batch normalization and batch gradient descent are relatively new methods that can effectively solve gradient explosion.",
        verdict: .false_,
        evidence:
          "Full-batch gradient descent is the oldest form of gradient descent (Cauchy 1847), and on its own it explodes whenever η·λ_max > 2 (steps 3–4). Even on a deep net it does not escape the threshold: its sharpness settles at 2/η (step 5: \(Format.number(stability.lateSharpness)) against \(Format.number(2 / stability.learningRate))). Batch normalization is lesson 3."
      ),
    ]
  }
}
