import ArgumentParser
import LessonKit
import Notebook

/// The options of lesson 5 beyond the shared ones (`LessonOptions`, `NetworkOptions`).
package struct ClippingOptions: ParsableArguments {

  @Option(parsing: .unconditional, help: "Sequence length T of the adding problem (2…200).")
  package var length: Int?

  @Option(parsing: .unconditional, help: "Hidden units of the recurrent net (1…256).")
  package var hidden: Int?

  @Option(
    parsing: .unconditional,
    help: "σ₁ = ρ of the recurrent weight at init: W_rec = gain · an orthogonal matrix (0 < gain ≤ 100).")
  package var gain: Double?

  package init() {}
}
