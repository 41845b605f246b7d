// bench: times one instrumented training step (forward, backward, per-layer norm recording, SGD)
// for named MLP workloads and prints steps per second and GFLOP/s.
//
//   swift run -c release bench [--seconds S] [--workload NAME]
//
// The last line is `steps_per_second: X` for the first workload. Peers in bench/peers/.
import Foundation
import NeuralNet

struct Workload {
  let name: String
  let depth: Int
  let width: Int
  let batch: Int

  /// 6·B·Σ fan_in·fan_out: 2 for the forward product, 4 for the two backward products.
  var flopsPerStep: Double {
    let hidden = Double(depth) * Double(width) * Double(width)
    let readout = Double(width) * 10
    return 6 * Double(batch) * (hidden + readout)
  }
}

let workloads = [
  Workload(name: "mlp-d20-w256-b128", depth: 20, width: 256, batch: 128),
  Workload(name: "mlp-d50-w128-b64", depth: 50, width: 128, batch: 64),
]

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

print("BLAS: \(BLASInfo.summary)")
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
  let optimizer = SGD(learningRate: 1e-4)
  func step() {
    let record = model.measureGradients(input: input, targets: targets, loss: SoftmaxCrossEntropy())
    precondition(record.nonFinite == nil, "benchmark run went non-finite")
    optimizer.update(model.parameters)
  }
  for _ in 0..<5 { step() }  // warm-up: page in buffers, start BLAS threads
  var steps = 0
  let start = Date()
  while Date().timeIntervalSince(start) < seconds {
    step()
    steps += 1
  }
  let rate = Double(steps) / Date().timeIntervalSince(start)
  results.append((workload, rate))
  print(
    "\(workload.name): \(String(format: "%.1f", rate)) steps/s, "
      + "\(String(format: "%.1f", rate * workload.flopsPerStep / 1e9)) GFLOP/s, "
      + "\(String(format: "%.2f", 1000 / rate)) ms/step")
}
if let first = results.first {
  print("steps_per_second: \(String(format: "%.2f", first.1))")
}
