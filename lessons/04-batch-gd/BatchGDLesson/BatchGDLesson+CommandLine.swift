import LessonKit
import NeuralNet
import Notebook

/// How the one generic `LessonCommand` runs lesson 4: its help, its configuration from the
/// command line, its exercises.
extension BatchGDLesson: Lesson {
  package typealias Options = NoLessonOptions

  package static let abstract = "Lesson 4: full-batch vs mini-batch gradient descent, and the step size that explodes."

  package static var overrides: String {
    """
    Overrides: --depth, --width, --activation, --init, --weight-std (the small MLP of \
    \(BatchGDLesson.outline.reference([.comparison, .noise, .edgeOfStability]))), --lr and --steps \
    (\(BatchGDLesson.outline.reference(.comparison))), --batch-size (the mini-batch of \
    \(BatchGDLesson.outline.reference(.comparison)), at most the training set). --clip-norm τ or \
    --clip-value c clips the gradients of \(BatchGDLesson.outline.reference(.comparison))'s runs \
    before each update.
    """
  }

  package static let exerciseCount = BatchGDExercises.count
  package static let exerciseVariations = BatchGDExercises.variations

  package static func exercises(_ config: BatchGDConfiguration, variant: ExerciseVariant) throws -> [Exercise] {
    let (train, _) = try Digits.trainTestSplit(seed: config.seed)
    return BatchGDExercises.all(config, problem: try BatchGDLesson.digitsProblem(train), variant: variant)
  }
}

extension BatchGDConfiguration: NetworkConfiguration {}
