import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 8: its help, its configuration from the
/// command line, its exercises.
extension PrecisionLesson: Lesson {
  package typealias Options = PrecisionOptions

  package static let abstract = "Lesson 8: Float16 and BFloat16, overflow and underflow, loss scaling."

  package static var overrides: String {
    """
    The net trained in \(PrecisionLesson.outline.reference([.underflow, .staticScaling, .dynamicScaling])): \
    --depth, --width, --lr, --steps, --batch-size; --static-scale S for its static-scale run; \
    GradScaler's --init-scale, --growth-interval, --growth-factor, --backoff-factor for the dynamic \
    runs of \(PrecisionLesson.outline.reference([.dynamicScaling, .warmupExplosion])); --clip-norm τ \
    for the clipped runs of \(PrecisionLesson.outline.reference(.warmupExplosion)); --overflow-depth for \
    the nets of \(PrecisionLesson.outline.reference(.overflow)).
    """
  }

  package static let exerciseCount = PrecisionExercises.count
  package static let exerciseVariations = PrecisionExercises.variations

  package static func configuration(lesson: LessonOptions, network: NetworkOptions, options: PrecisionOptions)
    throws(ConfigurationError) -> PrecisionConfiguration
  {
    try PrecisionConfiguration(lesson: lesson, network: network, options: options)
  }

  package static func exercises(_ config: PrecisionConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    PrecisionExercises.all(config, variant: variant)
  }
}

extension PrecisionConfiguration: LessonConfiguration {}
