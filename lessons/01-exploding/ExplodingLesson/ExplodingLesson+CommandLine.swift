import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 1: its help, its configuration from the
/// command line, its exercises.
extension ExplodingLesson: Lesson {
  package typealias Options = NoLessonOptions

  package static let abstract = "Lesson 1: exploding gradients, reproduced and measured against theory."

  package static var overrides: String {
    """
    Overrides: --depth, --width, --activation (relu, identity), --weight-std (σ_w of the exploding \
    net), --init (the fix compared in training), --lr, --steps, --batch-size. --clip-norm τ or \
    --clip-value c clips the gradients of the training runs before each update.
    """
  }

  package static let exerciseCount = ExplodingExercises.count
  package static let exerciseVariations = ExplodingExercises.variations

  package static func exercises(_ config: ExplodingConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    ExplodingExercises.all(
      config, digits: try ExplodingExperiments.digitsSplit(seed: config.seed).train, variant: variant)
  }
}

extension ExplodingConfiguration: NetworkConfiguration {}
