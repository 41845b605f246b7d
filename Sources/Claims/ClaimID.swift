/// The stable id of a claim in `ClaimCatalogue`: `<document>/<slug>` (or `<paper>/<slug>`). Lessons
/// name claims by id; metrics.json records them by `rawValue`; the ledger of lesson 7 joins the
/// catalogue with every lesson's records on it.
public enum ClaimID: String, CaseIterable, Sendable, Codable {
  /// Gradient explosion means the gradient blows up during backpropagation because there is too much computation.
  case tooMuchComputation = "important-problem/too-much-computation"
  /// Because deep models have huge numbers of parameters, the gradient computation is huge, which causes gradient explosion.
  case parameterCount = "advanced-methods/parameter-count"
  /// During training, the gradient may become very large as the number of training steps increases.
  case growsWithSteps = "generalization/grows-with-steps"
  /// If the result of the gradient computation exceeds the model's input range, gradient explosion occurs.
  case inputRange = "training-techniques/input-range"
  /// Using weight initialization may not effectively solve the gradient explosion problem.
  case initMayNotSolve = "batch-norm-and-batch-gd/init-may-not-solve"
  /// A good weight initialization can lower the incidence of gradient explosion.
  case goodInit = "generalization/good-init"
  /// Using smaller initial weight values at the start of training lowers the growth rate of the gradient at the start and reduces the chance of explosion.
  case smallInitialWeights = "generalization/small-initial-weights"
  /// It normalizes the batch of parameters, which reduces the size of the gradient and so reduces the computation of backpropagation.
  case bnNormalizesParameters = "important-problem/bn-normalizes-parameters"
  /// The basic idea of batch normalization is to standardize each parameter's value so that their ratio does not exceed a predefined threshold.
  case bnParameterThreshold = "important-problem/bn-parameter-threshold"
  /// Use batch normalization to normalize each neuron's input, to prevent vanishing or exploding gradients.
  case bnPreventsExplosion = "training-techniques/bn-prevents-explosion"
  /// Each batch of data is normalized so that every batch has the same scale factor.
  case sameScaleFactor = "batch-norm-and-batch-gd/same-scale-factor"
  /// The purpose is to reduce the effect of internal covariates on training and improve the training result.
  case internalCovariateShift = "batch-norm-and-batch-gd/internal-covariate-shift"
  /// For some especially complex models, or when the data set changes during training, batch normalization
  /// and batch gradient descent may cause training problems.
  case bnMayCauseProblems = "batch-norm-and-batch-gd/may-cause-problems"
  /// (English original.)
  case higherLearningRates = "ioffe-szegedy-2015/higher-learning-rates"
  /// Batch gradient descent (BGD) is a common optimization algorithm used to handle gradient explosion during training.
  case bgdHandlesExplosion = "batch-norm-and-batch-gd/bgd-handles-explosion"
  /// Batch gradient descent is a special gradient descent algorithm that effectively reduces the amount of
  /// gradient computation during training, thereby avoiding gradient explosion.
  case bgdReducesComputation = "important-problem/bgd-reduces-computation"
  /// Batch normalization and batch gradient descent are relatively new methods that can effectively solve gradient explosion.
  case relativelyNew = "batch-norm-and-batch-gd/relatively-new"
  /// Use the learning rate to control the optimizer's speed, to avoid overfitting.
  case learningRate = "training-techniques/learning-rate"
  /// Disable harmful strategies that may arise during training, such as stochastic gradient descent (SGD).
  case disableSGD = "generalization/disable-sgd"
  /// Concretely, we use this algorithm (batch gradient descent) to train a support vector machine (SVM) for image classification.
  case svmExample = "important-problem/svm-example"
  /// Adjusting the learning rate may make the model converge too slowly.
  case lrSlowsConvergence = "batch-norm-and-batch-gd/lr-slows-convergence"
  /// The basic principle of gradient pruning is to split the gradient, keep the largest gradient and reduce the values of the others.
  case pruningKeepsLargest = "important-problem/pruning-keeps-largest"
  /// By trimming the gradient it reduces the computation of back-propagation, and so improves training speed and generalization.
  case pruningReducesComputation = "important-problem/pruning-reduces-computation"
  /// Gradient clipping: limiting the gradient values to a reasonable range effectively prevents gradient explosion.
  case clippingRange = "generalization/clipping-range"
  /// Using gradient clipping during training limits the rapid growth of gradient values and prevents explosion.
  case clippingLimitsGrowth = "generalization/clipping-limits-growth"
  /// The following Python code implements a simple CNN and uses gradient clipping to avoid gradient explosion.
  case cnnUsesClipping = "generalization/cnn-uses-clipping"
  /// Data augmentation: adding training data enlarges the model's sample size and lowers the effect of gradient explosion on the model.
  case dataAugmentation = "generalization/data-augmentation"
  /// When training reaches step 50 the model suddenly dies, and inspection shows gradient explosion caused it.
  case suddenDeath = "generalization/sudden-death"
  /// (Of its ResNet example) The code shows that batch normalization and batch gradient descent effectively solve gradient explosion and improve training.
  case resnetExample = "batch-norm-and-batch-gd/resnet-example"
  /// The model's scalability can be improved by increasing its depth or enlarging the training set.
  case depthScalability = "batch-norm-and-batch-gd/depth-scalability"
  /// We added a ModelCheckpoint callback, which saves the model when training reaches 1000 steps.
  case checkpointAt1000Steps = "generalization/checkpoint-at-1000-steps"
  /// When the validation loss has fallen to a certain level, training stops.
  case earlyStoppingAtLevel = "generalization/early-stopping-at-level"
  /// Replacing the model's pooling layer with GlobalAveragePooling2D reduces the computation of gradient values.
  case globalPoolingReducesComputation = "generalization/global-pooling-reduces-computation"
  /// For example, in a CNN, batch normalization can be used to prevent vanishing or exploding gradients.
  case bnInCNN = "training-techniques/bn-in-cnn"
  /// Below is the code of a simple CNN that uses batch normalization to prevent gradient explosion.
  case bnCNNCode = "training-techniques/bn-cnn-code"
  /// Use regularization, to prevent the model from overfitting.
  case regularization = "training-techniques/regularization"
  /// Batch normalization makes each sample's distribution approach a normal distribution, which reduces the
  /// size of gradient updates and so avoids gradient explosion.
  case bnNormalSamples = "advanced-methods/bn-normal-samples"
  /// The weight multiplier transform (权益乘子) is a method that turns a nonlinear function into a linear one.
  case weightMultiplier = "advanced-methods/weight-multiplier"
  /// Below is the core module that uses the weight multiplier transform and batch normalization to avoid gradient explosion.
  case batchNormIsDense = "advanced-methods/batch-norm-is-dense"
}
