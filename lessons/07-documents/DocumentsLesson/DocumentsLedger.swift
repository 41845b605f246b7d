import Notebook

/// Every claim of the five documents that lessons 1–6 judge, with the verdict of their reference
/// runs (seed 42) and the steps that measure it. Lesson 7 adds its own claims at run time. The
/// tests hold each entry against the committed notebook `plots/<lesson>/README.md`.
public enum DocumentsLedger {
  /// Where a claim is measured.
  public struct Place: Sendable, Equatable {
    /// The lesson's name (its executable and output folder).
    public var lesson: String
    /// The steps whose measurements decide the verdict (empty: decided by reading the code).
    public var steps: [Int]
  }

  /// One claim.
  public struct Entry: Sendable, Equatable {
    /// The document (or paper) that makes the claim.
    public var source: Claim.Source
    /// The claim, quoted.
    public var quote: String
    /// Its English translation.
    public var translation: String
    /// The verdict.
    public var verdict: Claim.Verdict
    /// Where it is measured.
    public var places: [Place]
  }

  /// The claims judged by lessons 1–6.
  public static let entries: [Entry] = [
    Entry(
      source: .document(.importantProblem),
      quote: "梯度爆炸是指梯度在反向传播过程中因为计算量过大而爆炸",
      translation:
        "Gradient explosion means the gradient blows up during backpropagation because there is too much computation.",
      verdict: .false_, places: [.init(lesson: "exploding", steps: [3])]),
    Entry(
      source: .document(.advancedMethods),
      quote: "由于深度学习模型参数量巨大，梯度计算量也巨大，从而导致了梯度爆炸问题的发生",
      translation:
        "Because deep models have huge numbers of parameters, the gradient computation is huge, which causes gradient explosion.",
      verdict: .false_, places: [.init(lesson: "exploding", steps: [3])]),
    Entry(
      source: .document(.generalization),
      quote: "在训练过程中，梯度可能会随着模型的训练步数不断增加而变得非常大",
      translation: "During training, the gradient may become very large as the number of training steps increases.",
      verdict: .partlyHolds, places: [.init(lesson: "exploding", steps: [4])]),
    Entry(
      source: .document(.trainingTechniques),
      quote: "如果梯度计算的结果超出了模型的输入范围，就会产生梯度爆炸的问题",
      translation:
        "If the result of the gradient computation exceeds the model's input range, gradient explosion occurs.",
      verdict: .false_, places: [.init(lesson: "exploding", steps: [2])]),
    Entry(
      source: .document(.batchNormAndBatchGD),
      quote: "使用权重初始化可能无法有效地解决梯度爆炸问题",
      translation: "Using weight initialization may not effectively solve the gradient explosion problem.",
      verdict: .false_,
      places: [
        .init(lesson: "exploding", steps: [4]), .init(lesson: "initialization", steps: [1, 2, 7]),
        .init(lesson: "residual", steps: [1, 4]),
      ]),
    Entry(
      source: .document(.generalization),
      quote: "良好的权重初始化可以降低梯度爆炸的发生率",
      translation: "A good weight initialization can lower the incidence of gradient explosion.",
      verdict: .holds, places: [.init(lesson: "initialization", steps: [1, 2])]),
    Entry(
      source: .document(.generalization),
      quote: "在训练开始时，使用较小的初始权重值，可以降低梯度在训练开始时的增长速度，减少梯度爆炸的可能性",
      translation:
        "Using smaller initial weight values at the start of training lowers the growth rate of the gradient at the start and reduces the chance of explosion.",
      verdict: .partlyHolds, places: [.init(lesson: "initialization", steps: [1, 4, 8])]),
    Entry(
      source: .document(.importantProblem),
      quote: "它通过对批量的参数进行归一化处理，从而减小梯度的大小，从而减少反向传播的计算量",
      translation:
        "It normalizes the batch of parameters, which reduces the size of the gradient and so reduces the computation of backpropagation.",
      verdict: .false_, places: [.init(lesson: "batchnorm", steps: [1])]),
    Entry(
      source: .document(.trainingTechniques),
      quote: "使用批量归一化技术，将每个神经元的输入进行归一化处理，以防止梯度消失或梯度爆炸",
      translation:
        "Use batch normalization to normalize each neuron's input, to prevent vanishing or exploding gradients.",
      verdict: .partlyHolds, places: [.init(lesson: "batchnorm", steps: [2, 4, 5])]),
    Entry(
      source: .document(.batchNormAndBatchGD),
      quote: "对每一个批次数据（batch）进行归一化处理，使得每个批次数据都具有相同的缩放因子",
      translation: "Each batch of data is normalized so that every batch has the same scale factor.",
      verdict: .partlyHolds, places: [.init(lesson: "batchnorm", steps: [6])]),
    Entry(
      source: .document(.batchNormAndBatchGD),
      quote: "批量梯度下降（Batch Gradient Descent，BGD）是一种常见的优化算法，用于处理训练过程中的梯度爆炸问题",
      translation:
        "Batch gradient descent (BGD) is a common optimization algorithm used to handle gradient explosion during training.",
      verdict: .false_, places: [.init(lesson: "batch-gd", steps: [2, 4])]),
    Entry(
      source: .document(.importantProblem),
      quote: "批量梯度下降是一种特殊的梯度下降算法，它能够在训练模型的过程中，有效地减少梯度的计算量，从而避免梯度爆炸的问题",
      translation:
        "Batch gradient descent is a special gradient descent algorithm that effectively reduces the amount of gradient computation during training, thereby avoiding gradient explosion.",
      verdict: .false_, places: [.init(lesson: "batch-gd", steps: [1, 3])]),
    Entry(
      source: .document(.batchNormAndBatchGD),
      quote: "批量归一化和批量梯度下降是一种相对较新的方法，可以有效地解决梯度爆炸问题",
      translation:
        "Batch normalization and batch gradient descent are relatively new methods that can effectively solve gradient explosion.",
      verdict: .false_, places: [.init(lesson: "batch-gd", steps: [3, 4, 5])]),
    Entry(
      source: .document(.importantProblem),
      quote: "梯度剪枝的基本原理是，通过对梯度进行拆分，保留最大的梯度，同时减小其它梯度的值。",
      translation:
        "The basic principle of gradient pruning is to split the gradient, keep the largest gradient and reduce the values of the others.",
      verdict: .false_, places: [.init(lesson: "clipping", steps: [5])]),
    Entry(
      source: .document(.importantProblem),
      quote: "它通过对梯度进行修剪，从而减少反向传播的计算量，从而提高模型的训练速度和泛化性能。",
      translation:
        "By trimming the gradient it reduces the computation of back-propagation, and so improves training speed and generalization.",
      verdict: .false_, places: [.init(lesson: "clipping", steps: [3, 4])]),
    Entry(
      source: .document(.generalization),
      quote: "梯度裁剪（Gradient Clipping）：限制梯度值在一个合理的范围内，可以有效地防止梯度爆炸。",
      translation:
        "Gradient clipping: limiting the gradient values to a reasonable range effectively prevents gradient explosion.",
      verdict: .partlyHolds, places: [.init(lesson: "clipping", steps: [3, 4, 6])]),
    Entry(
      source: .document(.generalization),
      quote: "在训练过程中，使用梯度裁剪技术，可以限制梯度值的快速增长，防止梯度爆炸。",
      translation:
        "Using gradient clipping during training limits the rapid growth of gradient values and prevents explosion.",
      verdict: .false_, places: [.init(lesson: "clipping", steps: [2, 4, 6])]),
    Entry(
      source: .document(.generalization),
      quote: "我们可以使用以下 Python 代码实现一个简单的卷积神经网络（CNN）模型，并使用梯度裁剪技术来避免梯度爆炸",
      translation:
        "The following Python code implements a simple CNN and uses gradient clipping to avoid gradient explosion.",
      verdict: .false_, places: [.init(lesson: "clipping", steps: [])]),
    Entry(
      source: .document(.batchNormAndBatchGD),
      quote: "从上述代码可以看出，使用批量归一化和批量梯度下降方法可以有效地解决梯度爆炸问题，提高模型的训练效果。",
      translation:
        "(Of its ResNet example) The code shows that batch normalization and batch gradient descent effectively solve gradient explosion and improve training.",
      verdict: .partlyHolds, places: [.init(lesson: "residual", steps: [2, 3])]),
    Entry(
      source: .document(.batchNormAndBatchGD),
      quote: "可以通过增加模型的深度或扩大训练数据集来提高模型的可扩展性。",
      translation: "The model's scalability can be improved by increasing its depth or enlarging the training set.",
      verdict: .partlyHolds, places: [.init(lesson: "residual", steps: [3, 4])]),
  ]
}
