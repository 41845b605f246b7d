import ExperimentKit
import NeuralNet
import RealModule

/// Step `.symmetry`: the all-zero (and any constant) init never breaks the symmetry between the hidden units
/// of a layer: they receive identical gradients and stay identical forever.
package enum Symmetry {
  /// One trained net and how many different units each hidden layer ended with.
  package struct Run: Sendable {
    /// A short name for tables.
    package var name: String
    /// The init.
    package var initializer: Initializer
    /// The number of distinct rows of W_l in each hidden layer after training (units whose
    /// incoming weights differ from every earlier unit's by more than 1e-6 relative).
    package var distinctUnits: [Int]
    /// max over hidden layers of ‖W_l‖ after training: 0 means the weights never moved from zero.
    package var largestWeightNorm: Double
    /// Every step's record.
    package var history: TrainingHistory
    /// Test accuracy after training.
    package var testAccuracy: Double

    /// A key for metrics.json: "zero", "constant" or "he".
    package var slug: String {
      switch initializer {
      case .constant(let value): value == 0 ? "zero" : "constant"
      default: "he"
      }
    }
  }

  /// The hidden layers of the symmetry demonstration.
  package static let depth = 4

  /// Trains all-zero, constant 1/n and He-initialized nets with the same batch order, one per core
  /// (`ParallelSweep`); `progress` gets the nets done.
  package static func run(
    _ config: InitializationConfiguration, train: Dataset, test: Dataset, progress: (@Sendable (Int) -> Void)? = nil
  ) -> [Run] {
    let activation = config.activations.count == 1 ? config.activations[0] : .relu
    let runs: [(String, Initializer)] = [
      ("all zero", .constant(0)), ("constant 1/\(config.width)", .constant(1 / Double(config.width))),
      ("He", .heNormal),
    ]
    return ParallelSweep.map(runs.count, progress: progress) { index in
      let (name, initializer) = runs[index]
      var rng = SeededGenerator(seed: config.seed, stream: "symmetry weights")
      let model = MLP.make(
        inputs: train.features, width: config.width, depth: depth, outputs: Digits.classes, activation: activation,
        initializer: initializer, using: &rng)
      let trained = config.recipe(batches: "symmetry batches").train(model, on: train, test: test)
      let hidden = model.layers.compactMap { $0 as? Dense }.dropLast()
      return Run(
        name: name, initializer: initializer, distinctUnits: hidden.map { distinctRows($0.weight.value) },
        largestWeightNorm: hidden.map { $0.weight.value.sumOfSquares().squareRoot() }.max() ?? 0,
        history: trained.history, testAccuracy: trained.testAccuracy)
    }
  }

  /// The number of distinct rows of a matrix: rows farther than 1e-6·(largest row norm) from
  /// every earlier distinct row.
  package static func distinctRows(_ w: Tensor) -> Int {
    let columns = w.columns
    let rows = (0..<w.rows).map { Array(w.scalars[($0 * columns)..<(($0 + 1) * columns)]).map(Double.init) }
    let scale = rows.map { $0.map { $0 * $0 }.reduce(0, +).squareRoot() }.max() ?? 0
    let threshold = 1e-6 * Swift.max(scale, Double.leastNormalMagnitude)
    var representatives: [[Double]] = []
    for row in rows {
      let isNew = representatives.allSatisfy { other in
        zip(row, other).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() > threshold
      }
      if isNew { representatives.append(row) }
    }
    return representatives.count
  }
}
