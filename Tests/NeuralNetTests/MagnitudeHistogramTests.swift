import Foundation
import Testing

import NeuralNet

/// The magnitude histogram against a brute-force count with log2, and its place in the records.
@Suite("Magnitude histograms")
struct MagnitudeHistogramTests {
  @Test func binsMatchABruteForceCountOfHalfOctaves() {
    var rng = SeededGenerator(seed: 3)
    var values: [Float] = (0..<5000).map { _ in Float(rng.nextGaussian() * pow(10, 6 * rng.nextUnitDouble() - 4)) }
    values += [0, 0, -0, .nan, .infinity, -.infinity, 1e-30, 1e30]
    let histogram = MagnitudeHistogram(Tensor(shape: [values.count], scalars: values))
    var expected = [Int](repeating: 0, count: MagnitudeHistogram.binCount)
    for v in values where v != 0 && v.isFinite {
      // The bin rule: the half-octave of log2|v|, with the mantissa rounded to the middle of its
      // 1/128 interval.
      let e = Int(Float(abs(v)).exponent)
      let m = 1 + (floor((Double(abs(v).significand) - 1) * 128) + 0.5) / 128
      let upper = m >= 2.0.squareRoot() ? 1 : 0
      let bin = min(max(2 * e + upper - MagnitudeHistogram.lowestHalfOctave, 0), MagnitudeHistogram.binCount - 1)
      expected[bin] += 1
    }
    #expect(histogram.counts == expected)
    #expect(histogram.zeros == 3)
    #expect(histogram.nonFinite == 3)
    #expect(histogram.total == values.count)
    #expect(abs(histogram.shares.reduce(0, +) - 1) < 1e-12)
    // 1e-30 and 1e30 are clamped into the end bins.
    #expect(histogram.counts.first! >= 1 && histogram.counts.last! >= 1)
  }

  @Test func almostEveryValueIsInItsExactHalfOctave() {
    var rng = SeededGenerator(seed: 9)
    let values: [Float] = (0..<20_000).map { _ in Float(rng.nextGaussian()) }
    let histogram = MagnitudeHistogram(Tensor(shape: [values.count], scalars: values))
    var exact = [Int](repeating: 0, count: MagnitudeHistogram.binCount)
    for v in values where v != 0 {
      exact[Int((2 * log2(Double(abs(v)))).rounded(.down)) - MagnitudeHistogram.lowestHalfOctave] += 1
    }
    let misplaced = zip(histogram.counts, exact).map { abs($0 - $1) }.reduce(0, +) / 2
    #expect(Double(misplaced) / Double(values.count) < 0.005, "\(misplaced) values off by a bin")
  }

  @Test func theMedianIsWithinHalfABinOfTheTrueMedianMagnitude() {
    var rng = SeededGenerator(seed: 5)
    let values: [Float] = (0..<20_001).map { _ in Float(rng.nextGaussian() * 0.01) }
    let histogram = MagnitudeHistogram(Tensor(shape: [values.count], scalars: values))
    let trueMedian = log10(Double(values.map { abs($0) }.sorted()[values.count / 2]))
    // A half-octave is 0.15 decades: the bin's middle is within 0.1 of any value in it (and the
    // √2…1.5 rounding moves it by at most one bin).
    #expect(abs(histogram.medianLog10 - trueMedian) < 0.25, "\(histogram.medianLog10) vs \(trueMedian)")
  }

  @Test func trainingRecordsHistogramsEveryKStepsAndTheDeadShareMatchesTheRecord() throws {
    var rng = SeededGenerator(seed: 1)
    let data = TeacherDataset.make(count: 64, inputs: 8, outputs: 2, classification: false, using: &rng)
    let model = MLP.make(
      inputs: 8, width: 16, depth: 3, outputs: 2, activation: .relu, initializer: .heNormal, using: &rng)
    let history = Trainer.train(
      model, on: data, loss: MeanSquaredError(), optimizer: SGD(learningRate: 0.01), steps: 7, batchSize: 16,
      batchSeed: 3, histogramEvery: 3)
    for record in history.steps {
      let has = record.layers.allSatisfy { $0.outputHistogram != nil && $0.outputGradientHistogram != nil }
      let none = record.layers.allSatisfy { $0.outputHistogram == nil && $0.outputGradientHistogram == nil }
      #expect(record.step % 3 == 0 ? has : none, "step \(record.step)")
    }
    for layer in history.steps[0].layers {
      #expect(layer.outputHistogram!.total == 16 * (layer.index == model.layers.count - 1 ? 2 : 16))
      if let dead = layer.deadFraction { #expect(abs(layer.outputHistogram!.zeroShare - dead) < 1e-12) }
    }
  }
}
