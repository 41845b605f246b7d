import Foundation
import NeuralNet
import Theory

/// What `.cnn` measured.
package struct CNNFindings: Sendable {
  /// The documents' CNN's run.
  package var history: EpochTrainer.History
  /// Its test accuracy with the best (restored) weights.
  package var testAccuracy: Double
  /// The test accuracy of a fresh model loaded from the checkpoint file.
  package var reloadedAccuracy: Double
  /// The max-pooling variant's run and test accuracy.
  package var pooledHistory: EpochTrainer.History
  /// The max-pooling variant's test accuracy.
  package var pooledAccuracy: Double
  /// Where the checkpoint was written.
  package var checkpoint: URL
  /// The documents' CNN's test accuracy over the seeds (the lesson's own first).
  package var accuracyOverSeeds: SeedSpread
  /// The max-pooling variant's test accuracy over the same seeds.
  package var pooledAccuracyOverSeeds: SeedSpread
  /// Trainable parameters of the documents' CNN (global average pooling).
  package var parameters: Int
  /// Trainable parameters of the max-pooling variant.
  package var pooledParameters: Int
}
