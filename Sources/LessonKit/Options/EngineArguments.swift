import Theory
import ArgumentParser
import NeuralNet
import Nonlinearity

// The engine's named choices, as command-line values (`--init he`, `--activation tanh`).

extension InitializerChoice: ExpressibleByArgument {}

extension Activation: ExpressibleByArgument {}
