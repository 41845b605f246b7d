/// The five documents GradientLab grew from: Chinese blog posts on exploding gradients whose code
/// does not run and several of whose claims are wrong. `docs/documents.md` describes each and
/// lists every sentence the lessons quote from it; a lesson names a document by its title.
public enum Document: String, CaseIterable, Sendable {
  /// 《避免梯度爆炸：使用批量归一化和批量梯度下降的方法》: batch norm and full-batch gradient descent as
  /// the cure, with a ResNet on random data.
  case batchNormAndBatchGD = "batch-norm-and-batch-gd"
  /// 《避免梯度爆炸：让深度学习模型能够更好地泛化》: init, clipping and a small CNN on 28×28 digits with
  /// Adam, early stopping and a checkpoint.
  case generalization
  /// An untitled post opening 「梯度爆炸是深度学习中的一个重要问题」: "gradient pruning", batch norm and
  /// batch gradient descent, with PyTorch/TensorFlow code for an "SVM".
  case importantProblem = "important-problem"
  /// An untitled post on 「避免梯度爆炸的深度学习模型训练技术」: batch norm ("BNN"), regularization and
  /// the learning rate, with a Keras model of two dense layers.
  case trainingTechniques = "training-techniques"
  /// 《解决梯度爆炸问题的高级方法》: a "weight multiplier transform" (权益乘子) and batch norm.
  case advancedMethods = "advanced-methods"

  /// The title in the original (for the two untitled posts, the phrase they open with).
  public var originalTitle: String {
    switch self {
    case .batchNormAndBatchGD: "避免梯度爆炸：使用批量归一化和批量梯度下降的方法"
    case .generalization: "避免梯度爆炸：让深度学习模型能够更好地泛化"
    case .importantProblem: "梯度爆炸是深度学习中的一个重要问题"
    case .trainingTechniques: "避免梯度爆炸的深度学习模型训练技术"
    case .advancedMethods: "解决梯度爆炸问题的高级方法"
    }
  }

  /// The title in English, as notebooks name the document.
  public var title: String {
    switch self {
    case .batchNormAndBatchGD: "Avoiding gradient explosion: batch normalization and batch gradient descent"
    case .generalization: "Avoiding gradient explosion: helping deep models generalize better"
    case .importantProblem: "Gradient explosion is an important problem in deep learning"
    case .trainingTechniques: "Training techniques that avoid gradient explosion"
    case .advancedMethods: "Advanced methods for the gradient explosion problem"
    }
  }

  /// A short name for tables: "Batch norm and batch GD".
  public var shortTitle: String {
    switch self {
    case .batchNormAndBatchGD: "Batch norm and batch GD"
    case .generalization: "Generalize better"
    case .importantProblem: "An important problem"
    case .trainingTechniques: "Training techniques"
    case .advancedMethods: "Advanced methods"
    }
  }

  /// The document's section in `docs/documents.md`, relative to a lesson's notebook
  /// (`plots/<lesson>/README.md`).
  public var link: String { "../../docs/documents.md#\(rawValue)" }
}
