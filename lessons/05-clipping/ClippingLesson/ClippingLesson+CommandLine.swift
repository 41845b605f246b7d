import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 5: its help, its configuration from the
/// command line, its exercises.
extension ClippingLesson: Lesson {
  package typealias Options = ClippingOptions

  package static let abstract = "Lesson 5: gradient clipping, and the recurrent nets where explosions are born."

  package static var overrides: String {
    """
    The recurrent net \
    (\(ClippingLesson.outline.reference([.condition, .unclipped, .sweep, .direction]))): --length T, \
    --hidden, --gain (σ₁ = ρ of W_rec at init), --activation (tanh, sigmoid), --lr, --steps, \
    --batch-size. --clip-norm τ adds your threshold to \(ClippingLesson.outline.reference(.sweep))'s \
    sweep; --clip-value c sets \(ClippingLesson.outline.reference(.direction))'s value-clipping \
    bound. The deep MLPs of \(ClippingLesson.outline.reference(.deepNetwork)): --depth, --width, \
    --init, --weight-std.
    """
  }

  package static let exerciseCount = ClippingExercises.count
  package static let exerciseVariations = ClippingExercises.variations

  package static func configuration(lesson: LessonOptions, network: NetworkOptions, options: ClippingOptions)
    throws(ConfigurationError) -> ClippingConfiguration
  {
    try ClippingConfiguration(
      lesson: lesson, network: network, length: options.length, hidden: options.hidden, gain: options.gain)
  }

  package static func exercises(_ config: ClippingConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    ClippingExercises.all(config, variant: variant)
  }
}

extension ClippingConfiguration: LessonConfiguration {}
