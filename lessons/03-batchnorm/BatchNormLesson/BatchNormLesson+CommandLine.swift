import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 3: its help, its configuration from the
/// command line, its exercises.
extension BatchNormLesson: Lesson {
  package typealias Options = BatchNormOptions

  package static let abstract = "Lesson 3: what batch normalization fixes, and the explosion it causes."

  package static var overrides: String {
    """
    Overrides: --depth (the net of \(BatchNormLesson.outline.reference(.fix))), --width, \
    --activation (relu, identity), --weight-std (the bad init of \
    \(BatchNormLesson.outline.reference(.fix))), --init \
    (\(BatchNormLesson.outline.reference([.learningRates, .depthLimit, .evaluationMode]))), --lr \
    (\(BatchNormLesson.outline.reference([.fix, .depthLimit, .evaluationMode]))), --steps, \
    --batch-size (at least 4), --momentum and --epsilon (batch norm's). --clip-norm τ or \
    --clip-value c clips the gradients of the training runs before each update.
    """
  }

  package static let exerciseCount = BatchNormExercises.count
  package static let exerciseVariations = BatchNormExercises.variations

  package static let claimsSource = " (the last from the BN paper itself)"

  package static func configuration(lesson: LessonOptions, network: NetworkOptions, options: BatchNormOptions)
    throws(ConfigurationError) -> BatchNormConfiguration
  {
    try BatchNormConfiguration(lesson: lesson, network: network, momentum: options.momentum, epsilon: options.epsilon)
  }

  package static func exercises(_ config: BatchNormConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    return BatchNormExercises.all(config, train: train, test: test, variant: variant)
  }
}

extension BatchNormConfiguration: LessonConfiguration {}
