import NeuralNet
import RealModule
import Theory

/// The experiments of lesson 1, as plain functions of the configuration: the notebook shows their
/// results, the tests hold them to the theory, and the exercises re-run them.
/// One file per experiment in this folder.
package enum ExplodingExperiments {
  /// The digits data split 80/20 by the seed (the split every lesson shares).
  package static func digitsSplit(seed: UInt64) throws -> (train: Dataset, test: Dataset) {
    try Digits.trainTestSplit(seed: seed)
  }
}
