import ExperimentKit
import NeuralNet
import Theory

/// Internal covariate shift, measured as Santurkar, Tsipras, Ilyas & Madry (2018, "How does batch
/// normalization help optimization?") define it, with and without batch norm, and with batch norm
/// plus noise that shifts every layer's distribution on purpose.
///
/// **ICS of layer i at step t** (their Definition 2.1): with G_i the gradient of layer i's weights
/// on a batch at the current parameters W^t, and G'_i the same gradient after the layers before
/// i have taken their step W_j^{t+1} = W_j^t − η·G_j (j < i) while layers i, i+1, … keep W^t:
///
///     ICS_i = ‖G_i − G'_i‖ / ‖G_i‖   (and the cosine between G_i and G'_i).
///
/// It is the change of what layer i should do caused only by the update of the layers that feed it,
/// which is what "internal covariate shift" means for optimization; relative to ‖G_i‖ so that nets
/// whose gradients differ in size compare.
///
/// **Smoothness along the gradient** (their §3.1): from W^t, steps W^t − η'·g for η' = k·η: the
/// range of the loss over those points (how much the loss varies along the gradient) and the
/// effective β-smoothness max ‖∇L(W^t) − ∇L(W^t − η'·g)‖ / (η'·‖g‖) (how fast the gradient turns).
///
/// Every measurement uses one fixed probe batch (the first `batchSize` training digits), batch
/// norm in training mode on it, and leaves the parameters and the running statistics as it found them.
package enum CovariateShift {
  /// The nets, their training and the measurements: explicit inputs, not the lesson's configuration.
  package struct Setup: Sendable, Equatable {
    /// Hidden layers.
    package var depth: Int
    /// Units per hidden layer.
    package var width: Int
    /// The SGD step η of every net.
    package var learningRate: Double
    /// SGD steps.
    package var steps: Int
    /// Mini-batch size (and the probe batch's).
    package var batchSize: Int
    /// Steps between two measurements (from step 0).
    package var measureEvery: Int
    /// The multiples k of η the smoothness is measured at.
    package var stepMultiples: [Double]
    /// The noise's scale half-range a: s ~ U(1 − a, 1 + a).
    package var noiseScaleSpread: Double
    /// The noise's shift half-range b: m ~ U(−b, b).
    package var noiseShiftSpread: Double
  }

  /// The three nets.
  package enum Net: String, Sendable, CaseIterable {
    /// Dense → ReLU.
    case plain
    /// Dense → BN → ReLU.
    case batchNorm = "batch_norm"
    /// Dense → BN → noise → ReLU, the noise redrawn every step.
    case noisyBatchNorm = "noisy_batch_norm"
  }

  /// What one measurement found.
  package struct Measurement: Sendable {
    /// The step, before its update.
    package var step: Int
    /// ICS_i of every weight layer (hidden layers 2…L and the readout; layer 1 has no layer before it).
    package var relativeChange: [Double]
    /// cos(G_i, G'_i) of the same layers.
    package var cosine: [Double]
    /// max − min of the loss over W − k·η·g, k ∈ {0} ∪ stepMultiples.
    package var lossVariation: Double
    /// max over k of ‖∇L(W) − ∇L(W − k·η·g)‖ / (k·η·‖g‖).
    package var betaSmoothness: Double
  }

  /// One net's run.
  package struct Run: Sendable {
    /// Which net.
    package var net: Net
    /// Every SGD step's record.
    package var history: TrainingHistory
    /// The measurements, every `measureEvery` steps.
    package var measurements: [Measurement]
    /// Test accuracy after training, in evaluation mode (NaN if the run went non-finite).
    package var testAccuracy: Double

    /// The mean loss of the last 10 steps (NaN if the run went non-finite).
    package var finalLoss: Double { history.nonFinite == nil ? history.meanLoss(overLast: 10) : .nan }
    /// The median of ICS_i over every layer and measurement.
    package var medianRelativeChange: Double { Self.median(measurements.flatMap(\.relativeChange)) }
    /// The median cosine over every layer and measurement.
    package var medianCosine: Double { Self.median(measurements.flatMap(\.cosine)) }
    /// The median loss variation over the measurements.
    package var medianLossVariation: Double { Self.median(measurements.map(\.lossVariation)) }
    /// The median effective β-smoothness over the measurements.
    package var medianBetaSmoothness: Double { Self.median(measurements.map(\.betaSmoothness)) }

    /// The upper median of the finite values (NaN if none).
    static func median(_ values: [Double]) -> Double {
      let sorted = values.filter(\.isFinite).sorted()
      return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
  }

  /// Trains `net` on `train` with plain SGD at `setup.learningRate` (He init, softmax
  /// cross-entropy, the batch order of `seed`), measuring before every `measureEvery`th step.
  package static func run(
    _ setup: Setup, net: Net, batchNorm: BatchNorm.Settings, train: Dataset, test: Dataset, seed: UInt64
  ) -> Run {
    var rng = SeededGenerator(seed: seed, stream: "covariate shift weights")
    let plain = MLP.make(
      inputs: train.features, width: setup.width, depth: setup.depth, outputs: Digits.classes, activation: .relu,
      initializer: .heNormal, batchNorm: net == .plain ? nil : batchNorm, using: &rng)
    // The noisy net: the same layers (so the same weights), a noise layer after every batch norm.
    var noises: [DistributionNoise] = []
    let model =
      net == .noisyBatchNorm
      ? Sequential(
        plain.layers.flatMap { layer -> [any Layer] in
          guard layer.kind == .batchNorm else { return [layer] }
          let noise = DistributionNoise(
            features: setup.width, scaleSpread: setup.noiseScaleSpread, shiftSpread: setup.noiseShiftSpread,
            using: SeededGenerator(seed: seed, stream: "covariate shift noise \(noises.count + 1)"))
          noises.append(noise)
          return [layer, noise]
        }) : plain
    let probe = train.subset(0..<Swift.min(setup.batchSize, train.count))
    var measurements: [Measurement] = []
    let history = Trainer.train(
      model, on: train, loss: SoftmaxCrossEntropy(), schedule: .constant(setup.learningRate), steps: setup.steps,
      batchSize: setup.batchSize, batchSeed: SeededGenerator.streamSeed(seed, "covariate shift batches"),
      observe: { step in
        for noise in noises { noise.resample() }
        guard step % setup.measureEvery == 0 else { return }
        measurements.append(measure(model, on: probe, setup: setup, step: step))
      })
    return Run(
      net: net, history: history, measurements: measurements, testAccuracy: test.accuracy(of: model, after: history))
  }

  /// ICS of every weight layer after the first, and the smoothness along the gradient, at the
  /// model's current parameters on `probe`; parameters and running statistics are restored.
  package static func measure(_ model: Sequential, on probe: Dataset, setup: Setup, step: Int) -> Measurement {
    let loss = SoftmaxCrossEntropy()
    let parameters = model.parameters
    let saved = parameters.map(\.value)
    let savedState = model.state
    defer {
      for (parameter, value) in zip(parameters, saved) { parameter.value = value }
      model.state = savedState
    }
    let base = model.computeGradients(input: probe.inputs, targets: probe.targets, loss: loss)
    let gradients = parameters.map(\.gradient)
    let gradientNorm = gradients.map { $0.sumOfSquares() }.reduce(0, +).squareRoot()
    let eta = Float(setup.learningRate)
    let stepped = zip(saved, gradients).map { value, gradient in
      var next = value
      next.add(gradient, scaledBy: -eta)
      return next
    }
    // Which parameters belong to layers before each weight layer.
    var owner: [Int] = []
    for (index, layer) in model.layers.enumerated() { owner += Array(repeating: index, count: layer.parameters.count) }
    let weightLayers = model.layers.indices.filter { model.layers[$0] is Dense }
    var relative: [Double] = []
    var cosines: [Double] = []
    for layerIndex in weightLayers.dropFirst() {
      guard let dense = model.layers[layerIndex] as? Dense,
        let position = parameters.firstIndex(where: { $0 === dense.weight })
      else { continue }
      for (index, parameter) in parameters.enumerated() {
        parameter.value = owner[index] < layerIndex ? stepped[index] : saved[index]
      }
      // The noise before layer i moves on to its next draw too: it is part of what changed below i.
      for (index, layer) in model.layers.enumerated() {
        (layer as? DistributionNoise)?.appliesUpcoming = index < layerIndex
      }
      model.state = savedState
      model.computeGradients(input: probe.inputs, targets: probe.targets, loss: loss)
      for layer in model.layers { (layer as? DistributionNoise)?.appliesUpcoming = false }
      let before = gradients[position].scalars
      let after = dense.weight.gradient.scalars
      var difference = 0.0
      var dot = 0.0
      var squaresBefore = 0.0
      var squaresAfter = 0.0
      for (a, b) in zip(before, after) {
        let (x, y) = (Double(a), Double(b))
        difference += (x - y) * (x - y)
        dot += x * y
        squaresBefore += x * x
        squaresAfter += y * y
      }
      relative.append(difference.squareRoot() / squaresBefore.squareRoot())
      cosines.append(dot / (squaresBefore * squaresAfter).squareRoot())
    }
    // Along the gradient: the loss and the gradient at W − k·η·g.
    var losses = [base]
    var beta = 0.0
    for multiple in setup.stepMultiples {
      let scale = Float(multiple) * eta
      for (index, parameter) in parameters.enumerated() {
        var moved = saved[index]
        moved.add(gradients[index], scaledBy: -scale)
        parameter.value = moved
      }
      model.state = savedState
      losses.append(model.computeGradients(input: probe.inputs, targets: probe.targets, loss: loss))
      var change = 0.0
      for (parameter, gradient) in zip(parameters, gradients) {
        for (a, b) in zip(parameter.gradient.scalars, gradient.scalars) {
          change += (Double(a) - Double(b)) * (Double(a) - Double(b))
        }
      }
      beta = Swift.max(beta, change.squareRoot() / (Double(scale) * gradientNorm))
    }
    let finite = losses.filter(\.isFinite)
    return Measurement(
      step: step, relativeChange: relative, cosine: cosines,
      lossVariation: finite.count == losses.count ? finite.max()! - finite.min()! : .infinity, betaSmoothness: beta)
  }

  /// The three nets over `seeds`, every (seed, net) run on a core of its own (`ParallelSweep`);
  /// `progress` gets the runs done.
  package static func overSeeds(
    _ setup: Setup, batchNorm: BatchNorm.Settings, train: Dataset, test: Dataset, seeds: [UInt64],
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> SeedRuns<Run> {
    let nets = Net.allCases
    let perSeed = ParallelSweep.grid(rows: seeds.count, columns: nets.count, progress: progress) { row, column in
      run(setup, net: nets[column], batchNorm: batchNorm, train: train, test: test, seed: seeds[row])
    }
    return SeedRuns(seeds: seeds, perSeed: perSeed)
  }
}

extension SeedRuns where Run == CovariateShift.Run {
  /// The runs of `net` on every seed.
  package func runs(_ net: CovariateShift.Net) -> [CovariateShift.Run] {
    perSeed.compactMap { $0.first { $0.net == net } }
  }
}

extension CovariateShift {
  /// Batch norm "reduces" internal covariate shift on a seed when its median ICS is at most this
  /// share of the plain net's (a third lower): smaller differences come and go with the seed.
  package static let clearReduction = 2.0 / 3

  /// The three nets compared seed by seed: on how many seeds each comparison the step's prose
  /// and its claim state holds, counted once for both.
  package struct Comparison: Sendable {
    /// Seeds on which batch norm ended at a lower loss than the plain net.
    package var bnLowerLoss: Int
    /// Seeds on which batch norm's median ICS was below the plain net's.
    package var bnLowerShift: Int
    /// Seeds on which it was at most `clearReduction` of the plain net's.
    package var bnClearlyLowerShift: Int
    /// Seeds on which the noisy net's median ICS was above batch norm's.
    package var noisyAboveBatchNorm: Int
    /// Seeds on which the noisy net's median ICS was above the plain net's.
    package var noisyAbovePlain: Int
    /// Seeds on which the noisy net was more accurate on the test digits than the plain net.
    package var noisyMoreAccurate: Int
    /// Seeds on which batch norm's effective β-smoothness was below the plain net's.
    package var bnSmoother: Int
    /// Seeds on which batch norm's loss varied less along −g than the plain net's.
    package var bnFlatter: Int
    /// Batch norm's median ICS over the plain net's, seed by seed.
    package var shiftRatio: SeedSpread

    /// The comparisons over `runs`' seeds.
    package init(_ runs: SeedRuns<Run>) {
      let (plain, bn, noisy) = (runs.runs(.plain), runs.runs(.batchNorm), runs.runs(.noisyBatchNorm))
      func count(_ a: [Run], _ b: [Run], _ holds: (Run, Run) -> Bool) -> Int { zip(a, b).filter(holds).count }
      bnLowerLoss = count(bn, plain) { $0.finalLoss < $1.finalLoss }
      bnLowerShift = count(bn, plain) { $0.medianRelativeChange < $1.medianRelativeChange }
      bnClearlyLowerShift = count(bn, plain) { $0.medianRelativeChange <= clearReduction * $1.medianRelativeChange }
      noisyAboveBatchNorm = count(noisy, bn) { $0.medianRelativeChange > $1.medianRelativeChange }
      noisyAbovePlain = count(noisy, plain) { $0.medianRelativeChange > $1.medianRelativeChange }
      noisyMoreAccurate = count(noisy, plain) { $0.testAccuracy > $1.testAccuracy }
      bnSmoother = count(bn, plain) { $0.medianBetaSmoothness < $1.medianBetaSmoothness }
      bnFlatter = count(bn, plain) { $0.medianLossVariation < $1.medianLossVariation }
      shiftRatio = SeedSpread(
        seeds: runs.seeds, values: zip(bn, plain).map { $0.medianRelativeChange / $1.medianRelativeChange })
    }
  }
}
