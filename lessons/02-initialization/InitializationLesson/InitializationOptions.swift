import ArgumentParser
import LessonKit
import Notebook

/// The options of lesson 2 beyond the shared ones (`LessonOptions`, `NetworkOptions`).
package struct InitializationOptions: ParsableArguments {

  @Option(
    name: .customLong("bias-variance"), parsing: .unconditional,
    help:
      "σ_b² of the tanh nets at the edge of chaos (\(InitializationLesson.outline.reference(.edgeOfChaos))) and exercise 1 (0…1)."
  )
  package var biasVariance: Double?

  package init() {}
}
