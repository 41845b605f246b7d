import ExperimentKit
import NeuralNet
import Theory

/// One run of `.fixes`.
package struct FixRun: Sendable {
  /// "baseline" or the fix's name.
  package var name: String
  /// The chart's file stem ("" for the baseline).
  package var chart: String
  /// Examples per step.
  package var batchSize: Int
  /// What training measured.
  package var history: TrainingHistory
  /// Test accuracy in eval mode (NaN if it went non-finite).
  package var testAccuracy: Double
}

/// The runs of `.fixes` (the baseline, then each fix) over seeds.
package typealias FixesOverSeeds = SeedRuns<FixRun>

extension SeedRuns where Run == FixRun {
  /// The fix called `name`'s `value` over the seeds (nil if there is no such fix).
  package func spread(_ name: String, _ value: (FixRun) -> Double) -> SeedSpread? {
    main.firstIndex { $0.name == name }.map { spread($0, value) }
  }
}

/// One run of `.fixes` to make: the documents' CNN with one fix (or none), trained with SGD.
package struct FixPlan: Sendable {
  /// "baseline" or the fix's name.
  package var name: String
  /// The chart's file stem ("" for the baseline).
  package var chart: String
  /// The weights' init.
  package var initializer: Initializer
  /// Batch norm after the convolution and after the 64-unit layer.
  package var batchNorm = false
  /// The clipping before each update.
  package var clipping: GradientClipping = .none
  /// Examples per step.
  package var batchSize: Int
  /// SGD steps.
  package var steps: Int

  /// Every plan on every seed (weights and batch order), each (seed, plan) run on its own core
  /// (`ParallelSweep`: the same numbers as one by one), in table order per seed.
  package static func run(
    _ plans: [FixPlan], seeds: [UInt64], learningRate: Double, train: Dataset, test: Dataset,
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> FixesOverSeeds {
    FixesOverSeeds.parallel(seeds: seeds, runsPerSeed: plans.count, progress: progress) { seed, index in
      let plan = plans[index]
      let model = DocumentsCNN.make(initializer: plan.initializer, batchNorm: plan.batchNorm, seed: seed)
      let recipe = TrainingRecipe(
        learningRate: learningRate, steps: plan.steps, batchSize: plan.batchSize,
        batchSeed: SeededGenerator.streamSeed(seed, "batches"), clipping: plan.clipping)
      let trained = recipe.train(model, on: train, test: test)
      return FixRun(
        name: plan.name, chart: plan.chart, batchSize: plan.batchSize, history: trained.history,
        testAccuracy: trained.testAccuracy)
    }
  }
}
