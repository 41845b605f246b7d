import ArgumentParser
import LessonKit
import Notebook

/// The options of lesson 8 beyond the shared ones (`LessonOptions`, `NetworkOptions`): GradScaler's
/// settings and the static scale.
package struct PrecisionOptions: ParsableArguments {

  @Option(
    parsing: .unconditional,
    help: "The dynamic loss scale's starting value S₀, a power of two in 1…2^40 (GradScaler: 65536).")
  package var initScale: Double?

  @Option(
    parsing: .unconditional,
    help: "Good steps in a row after which the dynamic scale grows (1…100000; GradScaler: 2000).")
  package var growthInterval: Int?

  @Option(parsing: .unconditional, help: "The dynamic scale's growth factor (1 < factor ≤ 16; GradScaler: 2).")
  package var growthFactor: Double?

  @Option(
    parsing: .unconditional,
    help: "The dynamic scale's back-off factor after an overflow (0 < factor < 1; GradScaler: 0.5).")
  package var backoffFactor: Double?

  @Option(
    parsing: .unconditional,
    help: "Hidden layers of the overflow step's nets (2…1000; default 50 for the N(0, 1) net, 480 for σ_w² = 3).")
  package var overflowDepth: Int?

  @Option(
    parsing: .unconditional, help: "The static loss scale S of the training comparison, a power of two in 1…2^40.")
  package var staticScale: Double?

  package init() {}
}
