/// Every claim the five documents make about gradient explosion and its fixes (and one paper's
/// claim that lesson 3 tests), with the original sentence, a translation and whether a lesson
/// judges it. A claim judged nowhere is listed with the reason. `docs/documents.md` lists the same
/// sentences by document; a test holds the two together and holds each lesson's metrics.json
/// against `status`.
public enum ClaimCatalogue {
  /// Whether a claim is judged.
  public enum Status: Sendable, Equatable {
    /// Judged by one or more lessons, each recording it in its metrics.json (which lessons: their
    /// records say, `ClaimLedger`).
    case judged
    /// Judged by no lesson, for this reason.
    case notTested(String)
  }

  /// One claim.
  public struct Entry: Sendable, Equatable {
    /// Who makes it.
    public var source: ClaimSource
    /// The original sentence.
    public var quote: String
    /// An English translation.
    public var translation: String
    /// Where it is judged, or why not.
    public var status: Status
  }

  /// The entry of `id`.
  public static func entry(_ id: ClaimID) -> Entry {
    switch id {
    case .tooMuchComputation:
      Entry(
        source: .document(.importantProblem), quote: "梯度爆炸是指梯度在反向传播过程中因为计算量过大而爆炸",
        translation:
          "Gradient explosion means the gradient blows up during backpropagation because there is too much computation.",
        status: .judged)
    case .parameterCount:
      Entry(
        source: .document(.advancedMethods), quote: "由于深度学习模型参数量巨大，梯度计算量也巨大，从而导致了梯度爆炸问题的发生",
        translation:
          "Because deep models have huge numbers of parameters, the gradient computation is huge, which causes gradient explosion.",
        status: .judged)
    case .growsWithSteps:
      Entry(
        source: .document(.generalization), quote: "在训练过程中，梯度可能会随着模型的训练步数不断增加而变得非常大",
        translation: "During training, the gradient may become very large as the number of training steps increases.",
        status: .judged)
    case .inputRange:
      Entry(
        source: .document(.trainingTechniques), quote: "如果梯度计算的结果超出了模型的输入范围，就会产生梯度爆炸的问题",
        translation:
          "If the result of the gradient computation exceeds the model's input range, gradient explosion occurs.",
        status: .judged)
    case .initMayNotSolve:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "使用权重初始化可能无法有效地解决梯度爆炸问题",
        translation: "Using weight initialization may not effectively solve the gradient explosion problem.",
        status: .judged)
    case .goodInit:
      Entry(
        source: .document(.generalization), quote: "良好的权重初始化可以降低梯度爆炸的发生率",
        translation: "A good weight initialization can lower the incidence of gradient explosion.",
        status: .judged)
    case .smallInitialWeights:
      Entry(
        source: .document(.generalization), quote: "在训练开始时，使用较小的初始权重值，可以降低梯度在训练开始时的增长速度，减少梯度爆炸的可能性",
        translation:
          "Using smaller initial weight values at the start of training lowers the growth rate of the gradient at the start and reduces the chance of explosion.",
        status: .judged)
    case .bnNormalizesParameters:
      Entry(
        source: .document(.importantProblem), quote: "它通过对批量的参数进行归一化处理，从而减小梯度的大小，从而减少反向传播的计算量",
        translation:
          "It normalizes the batch of parameters, which reduces the size of the gradient and so reduces the computation of backpropagation.",
        status: .judged)
    case .bnParameterThreshold:
      Entry(
        source: .document(.importantProblem), quote: "批量归一化的基本思想是，将每个参数的值进行标准化，使得它们的比例不超过一个预定义的阈值。",
        translation:
          "The basic idea of batch normalization is to standardize each parameter's value so that their ratio does not exceed a predefined threshold.",
        status: .judged)
    case .bnPreventsExplosion:
      Entry(
        source: .document(.trainingTechniques), quote: "使用批量归一化技术，将每个神经元的输入进行归一化处理，以防止梯度消失或梯度爆炸",
        translation:
          "Use batch normalization to normalize each neuron's input, to prevent vanishing or exploding gradients.",
        status: .judged)
    case .sameScaleFactor:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "对每一个批次数据（batch）进行归一化处理，使得每个批次数据都具有相同的缩放因子",
        translation: "Each batch of data is normalized so that every batch has the same scale factor.",
        status: .judged)
    case .internalCovariateShift:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "这样做的目的是减少内部协变量对模型训练的影响，提高模型的训练效果。",
        translation:
          "The purpose is to reduce the effect of internal covariates on training and improve the training result.",
        status: .judged)
    case .bnMayCauseProblems:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "对于某些特别复杂的模型，或者在训练过程中数据集发生变化的情况下，批量归一化和批量梯度下降方法可能会导致模型训练问题。",
        translation:
          "For some especially complex models, or when the data set changes during training, batch normalization and batch gradient descent may cause training problems.",
        status: .judged)
    case .higherLearningRates:
      Entry(
        source: .paper("Ioffe & Szegedy 2015"),
        quote:
          "Batch Normalization allows us to use much higher learning rates and be less careful about initialization.",
        translation: "(English original.)",
        status: .judged)
    case .bgdHandlesExplosion:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "批量梯度下降（Batch Gradient Descent，BGD）是一种常见的优化算法，用于处理训练过程中的梯度爆炸问题",
        translation:
          "Batch gradient descent (BGD) is a common optimization algorithm used to handle gradient explosion during training.",
        status: .judged)
    case .bgdReducesComputation:
      Entry(
        source: .document(.importantProblem), quote: "批量梯度下降是一种特殊的梯度下降算法，它能够在训练模型的过程中，有效地减少梯度的计算量，从而避免梯度爆炸的问题",
        translation:
          "Batch gradient descent is a special gradient descent algorithm that effectively reduces the amount of gradient computation during training, thereby avoiding gradient explosion.",
        status: .judged)
    case .relativelyNew:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "批量归一化和批量梯度下降是一种相对较新的方法，可以有效地解决梯度爆炸问题",
        translation:
          "Batch normalization and batch gradient descent are relatively new methods that can effectively solve gradient explosion.",
        status: .judged)
    case .learningRate:
      Entry(
        source: .document(.trainingTechniques), quote: "使用学习率(Learning Rate)控制优化器的速度，以避免过拟合。",
        translation: "Use the learning rate to control the optimizer's speed, to avoid overfitting.",
        status: .judged)
    case .disableSGD:
      Entry(
        source: .document(.generalization), quote: "禁用训练过程中可能产生的有害策略，例如随机梯度下降（SGD）。",
        translation:
          "Disable harmful strategies that may arise during training, such as stochastic gradient descent (SGD).",
        status: .judged)
    case .svmExample:
      Entry(
        source: .document(.importantProblem), quote: "具体而言，我们使用该算法训练一个支持向量机(SVM)模型，以对图像分类任务进行预测。",
        translation:
          "Concretely, we use this algorithm (batch gradient descent) to train a support vector machine (SVM) for image classification.",
        status: .judged)
    case .lrSlowsConvergence:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "调整学习率可能导致模型收敛速度过慢",
        translation: "Adjusting the learning rate may make the model converge too slowly.",
        status: .judged)
    case .pruningKeepsLargest:
      Entry(
        source: .document(.importantProblem), quote: "梯度剪枝的基本原理是，通过对梯度进行拆分，保留最大的梯度，同时减小其它梯度的值。",
        translation:
          "The basic principle of gradient pruning is to split the gradient, keep the largest gradient and reduce the values of the others.",
        status: .judged)
    case .pruningReducesComputation:
      Entry(
        source: .document(.importantProblem), quote: "它通过对梯度进行修剪，从而减少反向传播的计算量，从而提高模型的训练速度和泛化性能。",
        translation:
          "By trimming the gradient it reduces the computation of back-propagation, and so improves training speed and generalization.",
        status: .judged)
    case .clippingRange:
      Entry(
        source: .document(.generalization), quote: "梯度裁剪（Gradient Clipping）：限制梯度值在一个合理的范围内，可以有效地防止梯度爆炸。",
        translation:
          "Gradient clipping: limiting the gradient values to a reasonable range effectively prevents gradient explosion.",
        status: .judged)
    case .clippingLimitsGrowth:
      Entry(
        source: .document(.generalization), quote: "在训练过程中，使用梯度裁剪技术，可以限制梯度值的快速增长，防止梯度爆炸。",
        translation:
          "Using gradient clipping during training limits the rapid growth of gradient values and prevents explosion.",
        status: .judged)
    case .cnnUsesClipping:
      Entry(
        source: .document(.generalization), quote: "我们可以使用以下 Python 代码实现一个简单的卷积神经网络（CNN）模型，并使用梯度裁剪技术来避免梯度爆炸",
        translation:
          "The following Python code implements a simple CNN and uses gradient clipping to avoid gradient explosion.",
        status: .judged)
    case .dataAugmentation:
      Entry(
        source: .document(.generalization), quote: "数据增强（Data Augmentation）：通过增加训练数据，扩大模型的训练样本容量，可以降低梯度爆炸对模型的影响。",
        translation:
          "Data augmentation: adding training data enlarges the model's sample size and lowers the effect of gradient explosion on the model.",
        status: .judged)
    case .suddenDeath:
      Entry(
        source: .document(.generalization), quote: "当模型训练进行到第 50 步时，突然死亡，经检查发现是由于梯度爆炸引起的。",
        translation:
          "When training reaches step 50 the model suddenly dies, and inspection shows gradient explosion caused it.",
        status: .judged)
    case .resnetExample:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "从上述代码可以看出，使用批量归一化和批量梯度下降方法可以有效地解决梯度爆炸问题，提高模型的训练效果。",
        translation:
          "(Of its ResNet example) The code shows that batch normalization and batch gradient descent effectively solve gradient explosion and improve training.",
        status: .judged)
    case .depthScalability:
      Entry(
        source: .document(.batchNormAndBatchGD), quote: "可以通过增加模型的深度或扩大训练数据集来提高模型的可扩展性。",
        translation: "The model's scalability can be improved by increasing its depth or enlarging the training set.",
        status: .judged)
    case .checkpointAt1000Steps:
      Entry(
        source: .document(.generalization), quote: "在上面的代码中，我们添加了一个 `ModelCheckpoint` 回调函数，用于在训练达到 1000 步时保存模型。",
        translation: "We added a ModelCheckpoint callback, which saves the model when training reaches 1000 steps.",
        status: .judged)
    case .earlyStoppingAtLevel:
      Entry(
        source: .document(.generalization), quote: "当验证集损失函数下降到一定程度时，停止训练。",
        translation: "When the validation loss has fallen to a certain level, training stops.",
        status: .judged)
    case .globalPoolingReducesComputation:
      Entry(
        source: .document(.generalization), quote: "将模型中的池化层替换为 GlobalAveragePooling2D，可以减少梯度值的计算量。",
        translation:
          "Replacing the model's pooling layer with GlobalAveragePooling2D reduces the computation of gradient values.",
        status: .judged)
    case .bnInCNN:
      Entry(
        source: .document(.trainingTechniques),
        quote: "例如，在卷积神经网络(Convolutional Neural Network,CNN)中，可以使用批量归一化(Batch Normalization)技术来防止梯度消失或梯度爆炸的问题。",
        translation:
          "For example, in a CNN, batch normalization can be used to prevent vanishing or exploding gradients.",
        status: .judged)
    case .bnCNNCode:
      Entry(
        source: .document(.trainingTechniques), quote: "下面是一个简单的CNN模型的实现代码，其中使用批量归一化(Batch Normalization)技术来防止梯度爆炸。",
        translation: "Below is the code of a simple CNN that uses batch normalization to prevent gradient explosion.",
        status: .judged)
    case .regularization:
      Entry(
        source: .document(.trainingTechniques), quote: "使用正则化(Regularization)技术，以防止模型过度拟合。",
        translation: "Use regularization, to prevent the model from overfitting.",
        status: .judged)
    case .bnNormalSamples:
      Entry(
        source: .document(.advancedMethods), quote: "批量归一化可以使得每个样本的分布趋近于正态分布，从而减少了梯度的更新量，从而避免了梯度爆炸问题的发生。",
        translation:
          "Batch normalization makes each sample's distribution approach a normal distribution, which reduces the size of gradient updates and so avoids gradient explosion.",
        status: .judged)
    case .weightMultiplier:
      Entry(
        source: .document(.advancedMethods), quote: "权益权益变换(权益乘子)是一种将非线性函数转化为线性函数的方法。",
        translation:
          "The weight multiplier transform (权益乘子) is a method that turns a nonlinear function into a linear one.",
        status: .judged)
    case .batchNormIsDense:
      Entry(
        source: .document(.advancedMethods), quote: "下面是使用权益权益变换(权益乘子)和批量归一化来避免梯度爆炸的核心模块实现",
        translation:
          "Below is the core module that uses the weight multiplier transform and batch normalization to avoid gradient explosion.",
        status: .judged)
    }
  }

}
