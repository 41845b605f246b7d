import NeuralNet
import Notebook

/// Lesson 8, "precision": where training in 16 bits meets exploding and vanishing gradients. The
/// formats measured (IEEE 754-2008; Kalamkar et al. 2019 for BFloat16), overflow 2^112 times sooner
/// in Float16, gradients that underflow as the loss falls, and loss scaling, static and dynamic
/// (Micikevicius et al. 2018; PyTorch's GradScaler), docs/theory.md §14–15. The steps live in
/// `PrecisionLesson+*.swift`.
package enum PrecisionLesson {
  /// The lesson's name: its executable and its output folder.
  package static let name = "precision"
  /// The lesson's title.
  package static let title = "Lesson 8 · Precision: Float16, BFloat16 and loss scaling"

  /// The steps, in order (the runner numbers them).
  package static let outline: Outline = [
    .formats, .overflow, .underflow, .staticScaling, .dynamicScaling, .warmupExplosion, .claims, .exercises,
  ]

  /// What the lesson is about, before its outline.
  package static func introduction(_ config: PrecisionConfiguration) -> String {
    """
    Most deep nets now train with their activations and gradients stored in 16 bits: Float16, \
    whose largest number is 65504 and whose smallest is 6·10⁻⁸, or BFloat16, which keeps \
    Float32's range with 8 significant bits. That is where exploding and vanishing gradients are \
    met today: an explosion overflows Float16 long before Float32, and the small gradients of a \
    net that fits its data round to zero. This lesson measures the three formats' limits by \
    rounding, predicts the layer where a growing forward pass leaves each range, measures how \
    many gradient entries Float16 loses as training proceeds, and trains the same net with no, \
    static and dynamic loss scaling (PyTorch's GradScaler rule) over \(config.trainingSeeds) \
    seeds, and lesson 1's mid-training explosion under dynamic scaling.
    """
  }

  /// Runs the lesson's own steps into `notebook` and returns the claims they judge (the runner
  /// adds the claims and exercises steps: `Lesson.run`).
  package static func steps(_ config: PrecisionConfiguration, in notebook: Notebook) throws -> [Claim] {
    let (train, test) = try Digits.trainTestSplit(seed: config.seed)
    let formats = stepFormats(config, in: notebook)
    let digits = try Digits.load().subset(0..<config.overflowExamples)
    let overflow = stepOverflow(config, inputs: digits.inputs, in: notebook)
    let (underflow, unscaled) = stepUnderflow(config, train: train, test: test, in: notebook)
    stepStaticScaling(config, underflow, in: notebook)
    stepDynamicScaling(config, unscaled: unscaled, train: train, test: test, in: notebook)
    stepWarmupExplosion(config, train: train, test: test, in: notebook)
    return PrecisionClaims.claims(config, formats: formats, overflow: overflow, in: notebook)
  }
}
