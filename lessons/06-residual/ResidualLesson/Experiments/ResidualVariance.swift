import NeuralNet

/// ‖x_l‖²/‖x_0‖² through a stack of two-layer residual blocks at init (docs/theory.md §9).
package enum ResidualVariance {
  /// The ratio after each of `blocks` blocks (entry 0 is 1), for one network of `width` units on a
  /// batch of `batch` Gaussian inputs; x_0 is the output of the input projection and its ReLU.
  package static func profile(alpha: Double, blocks: Int, width: Int, batch: Int, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    let model = TwoLayerResidualMLP.make(
      inputs: width, width: width, blocks: blocks, outputs: 1, scale: .fixed(Float(alpha)), using: &rng)
    let x = Tensor(shape: [batch, width], scalars: rng.gaussians(count: batch * width, scale: 1))
    var h = TwoLayerResidualMLP.stem(of: model).reduce(x) { $1.forward($0) }
    let start = h.sumOfSquares()
    var ratios = [1.0]
    for layer in TwoLayerResidualMLP.blocks(of: model) {
      h = layer.forward(h)
      ratios.append(h.sumOfSquares() / start)
    }
    return ratios
  }
}
