// bench: times one instrumented training step (forward, backward, per-layer norm recording, SGD)
// for named MLP workloads and prints steps per second and GFLOP/s, then where the step's time
// goes and how close it is to the GEMM roofline.
//
//   swift run -c release bench [--seconds S] [--workload NAME]
//
// Per workload, six timings are taken in interleaved rounds (the machines are shared and noisy;
// each figure is the best round): the whole step (`Trainer.step`: the batch gathered, the
// instrumented pass, the update); the instrumented forward and backward alone
// (`measureGradients`); the same pass without instrumentation (`computeGradients`); the SGD update
// alone; the step's GEMMs alone (the same shapes through `cblas_sgemm` into buffers made
// once); and the step with the update-to-data ratios. The breakdown follows by difference:
//
//   GEMM            = the GEMMs alone
//   other fwd/bwd   = the uninstrumented pass − the GEMMs (activations, bias, loss, allocation, copies)
//   instrumentation = the instrumented pass − the uninstrumented one (norms, statistics, checks)
//   optimizer       = the update alone
//   the rest        = the whole step − the instrumented pass − the update (gathering the batch,
//                     and what timing the parts apart does not see)
//
// with, apart, what the update-to-data ratios add (`measuresUpdates`: one copy of the weights and
// one pass over them per step) and what the magnitude histograms add (one pass over every layer's output
// and gradient), and `roofline_fraction` = GEMMs alone / whole step (1 would be a step that is all GEMM).
// The last line is `steps_per_second: X` for the first workload. Peers in bench/peers/.
import COpenBLAS
import Foundation
import NeuralNet

struct Workload {
  let name: String
  let depth: Int
  let width: Int
  let batch: Int

  /// 6·B·Σ fan_in·fan_out − 2·B·fan_in·fan_out of the first layer: 2 for the forward product, 4
  /// for the two backward products, but no ∂L/∂x for the data (`Layer.backwardToParameters`).
  var flopsPerStep: Double {
    let hidden = Double(depth) * Double(width) * Double(width)
    let readout = Double(width) * 10
    return 6 * Double(batch) * (hidden + readout) - 2 * Double(batch) * Double(width) * Double(width)
  }
}

let workloads = [
  Workload(name: "mlp-d20-w256-b128", depth: 20, width: 256, batch: 128),
  Workload(name: "mlp-d50-w128-b64", depth: 50, width: 128, batch: 64),
]

AllocatorTuning.keepFreedMemory()  // as the lessons run
var seconds = 3.0
var only: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--seconds":
    guard let value = arguments.popFirst().flatMap(Double.init), value > 0, value.isFinite else {
      FileHandle.standardError.write(Data("bench: error: --seconds needs a positive number\n".utf8))
      exit(64)
    }
    seconds = value
  case "--workload":
    guard let value = arguments.popFirst(), workloads.contains(where: { $0.name == value }) else {
      let names = workloads.map(\.name).joined(separator: ", ")
      FileHandle.standardError.write(Data("bench: error: --workload must be one of: \(names)\n".utf8))
      exit(64)
    }
    only = value
  case "-h", "--help":
    print("usage: bench [--seconds S] [--workload \(workloads.map(\.name).joined(separator: "|"))]")
    exit(0)
  default:
    FileHandle.standardError.write(Data("bench: error: unknown argument '\(argument)'; try --help\n".utf8))
    exit(64)
  }
}

// The lessons run OpenBLAS single-threaded (their matrices are small; the second core trains a
// second network). The benchmark's step is timed as a peer framework runs it, on every core,
// unless OPENBLAS_NUM_THREADS says otherwise.
if !BLASInfo.threadsSetByUser { BLASInfo.setThreads(ProcessInfo.processInfo.activeProcessorCount) }
print("BLAS: \(BLASInfo.summary)")

/// The best (shortest) time per call of each job, over `rounds` interleaved rounds of about
/// `seconds / rounds` split between the jobs.
func bestTimes(_ jobs: [() -> Void], seconds: Double, rounds: Int = 5) -> [Double] {
  var best = [Double](repeating: .infinity, count: jobs.count)
  let slice = seconds / Double(rounds * jobs.count)
  for _ in 0..<rounds {
    for (j, job) in jobs.enumerated() {
      var calls = 0
      let start = Date()
      repeat {
        job()
        calls += 1
      } while Date().timeIntervalSince(start) < slice
      best[j] = min(best[j], Date().timeIntervalSince(start) / Double(calls))
    }
  }
  return best
}

/// The GEMMs of one step of `model`'s dense layers at batch `batch`, as the engine calls them:
/// forward Y = X·Wᵀ, backward ∂W = Gᵀ·X and ∂X = G·W (but not for the first layer, whose X is
/// the data), into buffers allocated once.
func gemmsAlone(_ model: Sequential, batch: Int) -> () -> Void {
  let shapes = model.denseLayers.map { (inputs: $0.inputs, outputs: $0.outputs) }
  let largest = shapes.map { max($0.inputs, $0.outputs) }.max() ?? 1
  let x = [Float](repeating: 0.01, count: batch * largest)
  let g = [Float](repeating: 0.01, count: batch * largest)
  let w = [Float](repeating: 0.01, count: largest * largest)
  var y = [Float](repeating: 0, count: batch * largest)
  var dw = [Float](repeating: 0, count: largest * largest)
  var dx = [Float](repeating: 0, count: batch * largest)
  return {
    for (layer, (n, m)) in shapes.enumerated() {
      let (b, i, o) = (Int32(batch), Int32(n), Int32(m))
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, b, o, i, 1, x, i, w, i, 0, &y, o)
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, o, i, b, 1, g, o, x, i, 0, &dw, i)
      if layer > 0 { cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, b, i, o, 1, g, o, w, i, 0, &dx, i) }
    }
  }
}

var results: [(Workload, Double)] = []
for workload in workloads where only == nil || only == workload.name {
  var rng = SeededGenerator(seed: 1)
  let model = MLP.make(
    inputs: workload.width, width: workload.width, depth: workload.depth, outputs: 10, activation: .relu,
    initializer: .heNormal, using: &rng)
  let input = Tensor(
    shape: [workload.batch, workload.width],
    scalars: (0..<(workload.batch * workload.width)).map { _ in Float(rng.nextGaussian()) })
  let targets = Targets.labels((0..<workload.batch).map { $0 % 10 })
  let loss = SoftmaxCrossEntropy()
  let optimizer = SGD(learningRate: 1e-4)
  func instrumented() {
    let record = model.measureGradients(input: input, targets: targets, loss: loss)
    precondition(record.nonFinite == nil, "benchmark run went non-finite")
  }
  let data = Dataset(inputs: input, targets: targets)
  let batch = Array(0..<workload.batch)
  func step(measuringUpdates: Bool, histograms: Bool = false) {
    let record = Trainer.step(
      model, on: data, batch: batch, loss: loss, optimizer: optimizer, clipping: .none,
      measuresUpdates: measuringUpdates, histograms: histograms, step: 0)
    precondition(record.nonFinite == nil, "benchmark run went non-finite")
  }
  func uninstrumented() { model.computeGradients(input: input, targets: targets, loss: loss) }
  let gemms = gemmsAlone(model, batch: workload.batch)
  for _ in 0..<5 { step(measuringUpdates: false) }  // warm-up: page in buffers, start BLAS threads
  let times = bestTimes(
    [
      { step(measuringUpdates: false) }, instrumented, uninstrumented, { optimizer.update(model.parameters) }, gemms,
      { step(measuringUpdates: true) }, { step(measuringUpdates: false, histograms: true) },
    ], seconds: seconds)
  let (whole, pass, plain, update, gemm) = (times[0], times[1], times[2], times[3], times[4])
  let withRatios = times[5]
  let withHistograms = times[6]
  let rate = 1 / whole
  results.append((workload, rate))
  func ms(_ t: Double) -> String { String(format: "%.2f", t * 1000) }
  print(
    "\(workload.name): \(String(format: "%.1f", rate)) steps/s, "
      + "\(String(format: "%.1f", rate * workload.flopsPerStep / 1e9)) GFLOP/s, "
      + "\(ms(whole)) ms/step")
  print(
    "  breakdown (ms/step): GEMM \(ms(gemm)) (alone, \(String(format: "%.0f", workload.flopsPerStep / gemm / 1e9)) GFLOP/s), "
      + "other forward/backward \(ms(plain - gemm)), instrumentation \(ms(pass - plain)), "
      + "optimizer \(ms(update)), the rest \(ms(whole - pass - update))")
  print(
    "  update-to-data ratios (Trainer.step with measuresUpdates, off by default): +\(ms(withRatios - whole)) ms/step")
  print(
    "  magnitude histograms of every layer's output and gradient (histograms, off by default): +\(ms(withHistograms - whole)) ms/step"
  )
  print("  roofline_fraction: \(String(format: "%.2f", gemm / whole))")
}
if let first = results.first {
  print("steps_per_second: \(String(format: "%.2f", first.1))")
}
