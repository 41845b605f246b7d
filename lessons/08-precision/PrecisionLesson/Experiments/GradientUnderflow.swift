import NeuralNet
import RealModule
import Theory

/// Steps `.underflow` and `.staticScaling`: how many of a healthy net's gradient entries Float16
/// cannot hold, as training drives the loss, and with it every gradient, towards zero; and what a
/// fixed loss scale S brings back.
///
/// The net (He-normal ReLU, digits, cross-entropy) trains in Float32 with SGD. At checkpoints each
/// weight matrix's gradient on that step's batch is compared with Float16's limits: an entry of
/// magnitude ≤ 2⁻²⁵ (half the smallest subnormal, 2⁻²⁴) rounds to zero, one below 2⁻¹⁴ (the
/// smallest normal) keeps fewer than 11 significant bits. The prediction fits a log-normal to the
/// nonzero magnitudes (`LogNormalFit`: ln|g| ~ N(μ, σ²)) and reads the shares below both
/// thresholds from it. The same batch then goes through a real Float16 step
/// (`computeMixedPrecisionGradients`), where the gradients flowing back are stored in Float16 too.
package enum GradientUnderflow {
  /// The run's settings.
  package struct Setup: Sendable, Equatable {
    /// Hidden layers.
    package var depth: Int
    /// Units per hidden layer.
    package var width: Int
    /// SGD step size.
    package var learningRate: Double
    /// SGD steps.
    package var steps: Int
    /// Mini-batch size.
    package var batchSize: Int
    /// Checkpoints, evenly spaced from step 0 to the last step.
    package var checkpoints: Int
    /// The loss scales S of the sweep after training, as powers of two: 2^k for each k.
    package var scaleExponents: [Int]
  }

  /// One weight matrix's gradient at a checkpoint.
  package struct LayerShares: Sendable {
    /// Nonzero entries that Float16 rounds to zero (|g| ≤ 2⁻²⁵), as a share of the nonzero ones.
    package var flushed: Double
    /// Nonzero entries below Float16's smallest normal 2⁻¹⁴.
    package var subnormal: Double
    /// `flushed` predicted by the log-normal fit.
    package var predictedFlushed: Double
    /// `subnormal` predicted by the log-normal fit.
    package var predictedSubnormal: Double
    /// In a real Float16 step on the same batch: entries stored as zero that were not zero in
    /// Float32, as a share of those nonzero in Float32.
    package var storedFlushed: Double
    /// The median nonzero magnitude |g|.
    package var median: Double
  }

  /// The gradients at one step.
  package struct Checkpoint: Sendable {
    /// The step (before its update).
    package var step: Int
    /// The mini-batch loss there.
    package var loss: Double
    /// One entry per weight matrix, first layer first.
    package var layers: [LayerShares]
  }

  /// A static scale after training.
  package struct ScaleRow: Sendable {
    /// S.
    package var scale: Double
    /// Per weight matrix: the share of Float32-nonzero entries a Float16 step with S stores as zero.
    package var flushed: [Double]
    /// The fit's prediction of the same: its share below 2⁻²⁵/S.
    package var predicted: [Double]
    /// Whether the scaled backward pass overflowed Float16.
    package var overflowed: Bool
  }

  /// What the run measured.
  package struct Findings: Sendable {
    /// The checkpoints, in order.
    package var checkpoints: [Checkpoint]
    /// The static scales on the last step's batch, in order of S.
    package var sweep: [ScaleRow]
    /// The largest magnitude a Float16 step would store in the backward pass at S = 1 (the loss
    /// gradient, every layer's input gradient, every weight gradient), in Float32.
    package var largestBackwardValue: Double
    /// The smallest power of two S (2⁰ … 2⁶⁰) whose Float16 step overflowed (nil: none).
    package var overflowScale: Double?
    /// The smallest power of two S with S·`largestBackwardValue` ≥ 65520, where Float16 rounds to ∞.
    package var predictedOverflowScale: Double {
      let threshold = NumberFormat.float16.overflowThreshold
      return Double(
        sign: .plus, exponent: Int(Double.log2(threshold / largestBackwardValue).rounded(.up)), significand: 1)
    }
  }

  /// Float16's flush threshold: a magnitude at or below 2⁻²⁵ rounds to zero (ties to even).
  package static let flushThreshold = NumberFormat.float16.flushThreshold
  /// Float16's smallest normal, 2⁻¹⁴.
  package static let smallestNormal = NumberFormat.float16.smallestNormal

  /// The net of `setup` with weights from `seed`.
  package static func model(_ setup: Setup, seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed, stream: "precision net")
    return MLP.make(
      inputs: Digits.pixels, width: setup.width, depth: setup.depth, outputs: Digits.classes, activation: .relu,
      initializer: .heNormal, using: &rng)
  }

  /// Trains the net of `setup` in Float32 from `seed` (batches from the stream "batches") and
  /// measures its gradients at the checkpoints, then sweeps the static scales on the last batch.
  package static func run(_ setup: Setup, train: Dataset, seed: UInt64) -> Findings {
    let model = model(setup, seed: seed)
    let loss = SoftmaxCrossEntropy()
    var sampler = BatchSampler(
      count: train.count, batchSize: setup.batchSize, seed: SeededGenerator.streamSeed(seed, "batches"))
    let last = setup.steps - 1
    let marks = Set((0..<setup.checkpoints).map { $0 * last / Swift.max(setup.checkpoints - 1, 1) })
    let weights = model.layers.compactMap { ($0 as? Dense)?.weight }
    let weightIndex = weights.map { w in model.parameters.firstIndex { $0 === w }! }
    var checkpoints: [Checkpoint] = []
    var sweep: [ScaleRow] = []
    var largest = 0.0
    var overflowScale: Double?
    for step in 0...last {
      let batch = sampler.next()
      let input = train.inputs.gatheringRows(batch)
      let targets = train.targets.gathering(batch)
      if marks.contains(step) {
        let stored = model.computeMixedPrecisionGradients(input: input, targets: targets, loss: loss, storage: .float16)
        let value = model.computeGradients(input: input, targets: targets, loss: loss)
        let exact = weights.map(\.gradient.scalars)
        let fits = exact.map { LogNormalFit($0) }
        checkpoints.append(
          Checkpoint(
            step: step, loss: value,
            layers: exact.indices.map {
              shares(exact[$0], fit: fits[$0], storedZeroShare: stored.zeroShare[weightIndex[$0]])
            }))
        if step == last {
          largest = largestBackwardValue(model, input: input, targets: targets, loss: loss)
          for k in setup.scaleExponents {
            let scale = Double(sign: .plus, exponent: k, significand: 1)
            let step = model.computeMixedPrecisionGradients(
              input: input, targets: targets, loss: loss, storage: .float16, lossScale: Float(scale))
            sweep.append(
              ScaleRow(
                scale: scale,
                flushed: exact.indices.map {
                  flushedShare(exact[$0], storedZeroShare: step.zeroShare[weightIndex[$0]])
                },
                predicted: fits.map { $0?.shareBelow(flushThreshold / scale) ?? .nan }, overflowed: step.foundNonFinite)
            )
          }
          overflowScale = (0...60).lazy.map { Double(sign: .plus, exponent: $0, significand: 1) }.first { scale in
            model.computeMixedPrecisionGradients(
              input: input, targets: targets, loss: loss, storage: .float16, lossScale: Float(scale)
            ).foundNonFinite
          }
          // Restore this step's Float32 gradients for its update.
          model.computeGradients(input: input, targets: targets, loss: loss)
        }
      } else {
        model.computeGradients(input: input, targets: targets, loss: loss)
      }
      SGD(learningRate: Float(setup.learningRate)).update(model.parameters)
    }
    return Findings(checkpoints: checkpoints, sweep: sweep, largestBackwardValue: largest, overflowScale: overflowScale)
  }

  /// The shares of one gradient (`LayerShares`), the predictions from its log-normal `fit`.
  static func shares(_ g: [Float], fit: LogNormalFit?, storedZeroShare: Double) -> LayerShares {
    let magnitudes = g.filter { $0 != 0 }.map { Double(abs($0)) }.sorted()
    let n = Double(Swift.max(magnitudes.count, 1))
    return LayerShares(
      flushed: Double(magnitudes.count { $0 <= flushThreshold }) / n,
      subnormal: Double(magnitudes.count { $0 < smallestNormal }) / n,
      predictedFlushed: fit?.shareBelow(flushThreshold) ?? .nan,
      predictedSubnormal: fit?.shareBelow(smallestNormal) ?? .nan,
      storedFlushed: flushedShare(g, storedZeroShare: storedZeroShare),
      median: magnitudes.isEmpty ? .nan : magnitudes[magnitudes.count / 2])
  }

  /// Of the entries nonzero in Float32 (`exact`), the share a Float16 step stored as zero, from
  /// that step's share of zeros (zeros in Float32 stay zero).
  static func flushedShare(_ exact: [Float], storedZeroShare: Double) -> Double {
    let zeros = Double(exact.count { $0 == 0 }) / Double(Swift.max(exact.count, 1))
    return zeros < 1 ? Swift.max(0, (storedZeroShare - zeros) / (1 - zeros)) : 0
  }

  /// The largest magnitude stored in a backward pass at S = 1, in Float32: the loss gradient,
  /// every layer's input gradient (but the first's, never used) and every weight gradient.
  static func largestBackwardValue(_ model: Sequential, input: Tensor, targets: Targets, loss: some Loss) -> Double {
    var x = input
    for layer in model.layers { x = layer.forward(x) }
    var g = loss.evaluate(x, targets).gradient
    var largest = g.scalars.map { Double(abs($0)) }.max() ?? 0
    for layer in model.layers.dropFirst().reversed() {
      g = layer.backward(g)
      largest = Swift.max(largest, g.scalars.map { Double(abs($0)) }.max() ?? 0)
    }
    model.layers.first?.backwardToParameters(g)
    for p in model.parameters { largest = Swift.max(largest, p.gradient.scalars.map { Double(abs($0)) }.max() ?? 0) }
    return largest
  }
}
