import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 2: its help, its configuration from the
/// command line, its exercises.
extension InitializationLesson: Lesson {
  package typealias Options = InitializationOptions

  package static let abstract = "Lesson 2: Xavier, He, orthogonal and the edge of chaos, measured against theory."

  package static var overrides: String {
    """
    Overrides: --depth (measured and trained nets), --width, --activation (restricts \
    \(InitializationLesson.outline.reference([.variance, .depthSweep, .symmetry])) to one \
    nonlinearity), --init (the init trained against He in \
    \(InitializationLesson.outline.reference(.heTraining)), also added to \
    \(InitializationLesson.outline.reference([.variance, .depthSweep]))), --weight-std (σ_w of \
    --init scaled), --bias-variance (σ_b² of the edge-of-chaos nets), --lr, --steps, --batch-size. \
    --clip-norm τ or --clip-value c clips the gradients of the training runs before each update.
    """
  }

  package static let exerciseCount = InitializationExercises.count
  package static let exerciseVariations = InitializationExercises.variations

  package static func configuration(lesson: LessonOptions, network: NetworkOptions, options: InitializationOptions)
    throws(ConfigurationError) -> InitializationConfiguration
  {
    try InitializationConfiguration(lesson: lesson, network: network, biasVariance: options.biasVariance)
  }

  package static func exercises(_ config: InitializationConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    InitializationExercises.all(config, train: try Digits.trainTestSplit(seed: config.seed).train, variant: variant)
  }
}

extension InitializationConfiguration: LessonConfiguration {}
