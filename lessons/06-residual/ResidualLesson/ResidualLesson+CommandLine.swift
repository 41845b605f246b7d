import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 6: its help, its configuration from the
/// command line, its exercises.
extension ResidualLesson: Lesson {
  package typealias Options = NoLessonOptions

  package static let abstract = "Lesson 6: residual connections, the branch scale α, Fixup and SkipInit."

  package static var overrides: String {
    """
    Overrides: --depth (weight layers of the nets trained in \
    \(ResidualLesson.outline.reference(.training)), even), --width (the digit nets of \
    \(ResidualLesson.outline.reference([.gradientsByDepth, .training, .withoutNormalization]))), \
    --lr, --steps, --batch-size (at least 4) of \
    \(ResidualLesson.outline.reference([.training, .withoutNormalization])). --clip-norm τ or \
    --clip-value c clips their gradients.
    """
  }

  package static let exerciseCount = ResidualExercises.count
  package static let exerciseVariations = ResidualExercises.variations

  package static func exercises(_ config: ResidualConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    return ResidualExercises.all(config, train: train, test: test, variant: variant)
  }
}

extension ResidualConfiguration: NetworkConfiguration {}
