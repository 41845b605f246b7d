import NeuralNet

/// Step `.grid`: explosion is about η·λ, not the batch size: the linear digits regression trained with
/// every (batch size, learning rate) pair, each marked converged or diverged.
package enum StabilityGrid {
  /// One cell of the grid.
  package struct Cell: Sendable {
    /// The batch size.
    package var batchSize: Int
    /// η as a multiple of 2/λ_max.
    package var rateMultiple: Double
    /// The full-data loss before and after training.
    package var initialLoss: Double
    /// The full-data loss after training (NaN or huge when diverged).
    package var finalLoss: Double

    /// Diverged: the final loss is not finite or larger than the initial one.
    package var diverged: Bool { !finalLoss.isFinite || finalLoss > initialLoss }
  }

  /// The largest rate multiple at which batch size `b` converged in `cells`, nil if at none.
  package static func largestConverging(_ cells: [Cell], batchSize b: Int) -> Double? {
    cells.filter { $0.batchSize == b && !$0.diverged }.map(\.rateMultiple).max()
  }

  /// The smallest rate multiple at which batch size `b` diverged in `cells`, nil if at none.
  package static func smallestDiverging(_ cells: [Cell], batchSize b: Int) -> Double? {
    cells.filter { $0.batchSize == b && $0.diverged }.map(\.rateMultiple).min()
  }

  /// Trains the linear model for every batch size (plus full batch) and rate multiple.
  package static func run(
    _ config: BatchGDConfiguration, problem: QuadraticThreshold.Problem, progress: ((Int) -> Void)? = nil
  ) -> [Cell] {
    let n = problem.inputs.rows
    let sizes = config.gridBatchSizes.filter { $0 < n } + [n]
    let targets = Targets.values(problem.targets)
    let loss = HalfSquaredError()
    var cells: [Cell] = []
    for b in sizes {
      for multiple in config.gridRates {
        let model = problem.linearModel()
        let initial = model.lossAndGradient(input: problem.inputs, targets: targets, loss: loss).loss
        var sampler = BatchSampler(
          count: n, batchSize: b, seed: SeededGenerator.streamSeed(config.seed, "grid batches"))
        let optimizer = SGD(learningRate: Float(multiple * problem.threshold))
        var final = initial
        for _ in 0..<config.gridSteps {
          let indices = sampler.next()
          let value = model.lossAndGradient(
            input: problem.inputs.gatheringRows(indices), targets: targets.gathering(indices), loss: loss
          ).loss
          if !value.isFinite || value > 1e30 {
            final = .infinity
            break
          }
          optimizer.update(model.parameters)
        }
        if final.isFinite { final = model.lossAndGradient(input: problem.inputs, targets: targets, loss: loss).loss }
        cells.append(Cell(batchSize: b, rateMultiple: multiple, initialLoss: initial, finalLoss: final))
        progress?(cells.count)
      }
    }
    return cells
  }
}
