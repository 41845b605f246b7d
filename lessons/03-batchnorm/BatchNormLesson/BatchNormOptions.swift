import ArgumentParser
import LessonKit
import Notebook

/// The options of lesson 3 beyond the shared ones (`LessonOptions`, `NetworkOptions`).
package struct BatchNormOptions: ParsableArguments {

  @Option(
    parsing: .unconditional,
    help: "Batch norm momentum m in (0, 1]: running ← (1 − m)·running + m·batch (PyTorch's convention).")
  package var momentum: Double?

  @Option(parsing: .unconditional, help: "Batch norm ε in [0, 1], added to the variance.")
  package var epsilon: Double?

  package init() {}
}
