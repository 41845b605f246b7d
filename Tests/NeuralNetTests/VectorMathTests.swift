import Foundation
import Testing

import NeuralNet
import RealModule

/// The vectorised tanh, sigmoid and Box–Muller are within a few ulp of the true values, give the
/// same bits on every code path (so a run's numbers do not depend on the CPU's vector width), keep
/// NaN and the infinities right, and the bulk Gaussian draws are the one-at-a-time draws.
@Suite("Vector math")
struct VectorMathTests {
  /// Floats across every binade from 2⁻¹⁴⁹ to 2¹²⁷, both signs, plus ±0, ±Inf and NaN, and a
  /// dense grid over [−10, 10] where tanh and σ bend (an odd count, so every path has a tail).
  static let inputs: [Float] = {
    var values: [Float] = [0, -0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    var rng = SeededGenerator(seed: 7)
    for exponent in -149...127 {
      for _ in 0..<24 {
        let x = Float(sign: .plus, exponent: exponent, significand: Float(1 + rng.nextUnitDouble()))
        values += [x, -x]
      }
    }
    values += (0...40_001).map { Float(-10 + 20 * Double($0) / 40_001) }
    return values
  }()

  static func apply(
    _ function: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, VectorMath.Path) -> Void,
    _ path: VectorMath.Path, to x: [Float]
  ) -> [Float] {
    var y = [Float](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { input in y.withUnsafeMutableBufferPointer { function(input, $0, path) } }
    return y
  }

  static func tanh(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>, _ path: VectorMath.Path) {
    VectorMath.tanh(x, into: y, path: path)
  }
  static func sigmoid(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>, _ path: VectorMath.Path)
  {
    VectorMath.sigmoid(x, into: y, path: path)
  }

  /// |y − exact| in units of the last place of the exact value rounded to Float.
  static func ulps(_ y: Float, _ exact: Double) -> Double {
    abs(Double(y) - exact) / Double(Float(exact).ulp)
  }

  @Test func tanhIsWithinOneUlpAndSigmoidWithinTwoOfTheTrueValues() {
    let x = Self.inputs
    let t = Self.apply(Self.tanh, .best, to: x)
    let s = Self.apply(Self.sigmoid, .best, to: x)
    var worstTanh = 0.0
    var worstSigmoid = 0.0
    for i in x.indices where x[i].isFinite {
      worstTanh = max(worstTanh, Self.ulps(t[i], Foundation.tanh(Double(x[i]))))
      let exact = 1 / (1 + Foundation.exp(-Double(x[i])))
      if exact >= Double(Float.leastNormalMagnitude) { worstSigmoid = max(worstSigmoid, Self.ulps(s[i], exact)) }
    }
    // SLEEF's bound is 1 ulp; the 1% is for measuring against a Double and the ulp of its rounding.
    #expect(worstTanh <= 1.01, "tanh: \(worstTanh) ulp")
    #expect(worstSigmoid <= 2, "sigmoid: \(worstSigmoid) ulp")
  }

  @Test func nanStaysNanAndTheInfinitiesGiveTheLimits() {
    let x: [Float] = [.nan, .infinity, -.infinity, 100, -100, 0, -0]
    let t = Self.apply(Self.tanh, .best, to: x)
    let s = Self.apply(Self.sigmoid, .best, to: x)
    #expect(t[0].isNaN && s[0].isNaN)
    #expect(Array(t[1...]) == [1, -1, 1, -1, 0, 0])
    // σ(−100) = 1/(1 + e¹⁰⁰) with e¹⁰⁰ beyond Float: 0, as glibc gives it too.
    #expect(s[1] == 1 && s[2] == 0 && s[3] == 1 && s[4] == 0 && s[5] == 0.5)
  }

  @Test(arguments: VectorMath.Path.allCases)
  func everyPathGivesTheSameBitsAsTheScalarOne(path: VectorMath.Path) {
    // A path this CPU cannot run falls back to a narrower one, so on a CPU without AVX-512 the
    // 16-lane case repeats the 8-lane one. Compared as bit patterns, so NaN equals NaN.
    let x = Self.inputs
    for function in [Self.tanh, Self.sigmoid]
      as [(UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, VectorMath.Path) -> Void]
    {
      let scalar = Self.apply(function, .scalar, to: x).map(\.bitPattern)
      #expect(Self.apply(function, path, to: x).map(\.bitPattern) == scalar, "\(path)")
    }
    var rng = SeededGenerator(seed: 3)
    let u1 = (0..<10_007).map { _ in 1 - rng.nextUnitDouble() } + [1, .leastNonzeroMagnitude]
    let u2 = (0..<10_009).map { _ in rng.nextUnitDouble() }
    func boxMuller(_ path: VectorMath.Path) -> [UInt64] {
      var z = [Double](repeating: 0, count: u1.count)
      u1.withUnsafeBufferPointer { a in
        u2.withUnsafeBufferPointer { b in
          z.withUnsafeMutableBufferPointer { VectorMath.boxMuller(a, b, into: $0, path: path) }
        }
      }
      return z.map(\.bitPattern)
    }
    #expect(boxMuller(path) == boxMuller(.scalar), "\(path)")
  }

  /// ReLU's forward and backward passes and tanh's and σ's backward passes are, bit for bit on
  /// every path, their definitions `x < 0 ? 0 : x`, `y > 0 ? g : 0`, `g * (1 - y * y)` and
  /// `g * y * (1 - y)`: −0 and NaN pass forward, at lengths around 16 lanes.
  @Test(arguments: [0, 1, 15, 16, 17, 33, 1000])
  func activationPassesAreTheirDefinitionsOnEveryPath(count: Int) {
    var rng = SeededGenerator(seed: UInt64(count) + 5)
    let specials: [Float] = [
      -0, 0, .nan, -.nan, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    ]
    let x = (0..<count).map { i in i % 5 == 0 ? specials[(i / 5) % specials.count] : Float(rng.nextGaussian()) }
    let g = (0..<count).map { _ in Float(rng.nextGaussian()) }
    let y = x.map { $0.isFinite ? Float(Foundation.tanh(Double($0))) : $0 }
    func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }
    typealias Backward = (
      UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, VectorMath.Path
    ) -> Void
    let backward: [(String, Backward, [Float])] = [
      ("relu", { VectorMath.reluBackward($0, output: $1, into: $2, path: $3) }, zip(g, x).map { $1 > 0 ? $0 : 0 }),
      ("tanh", { VectorMath.tanhBackward($0, output: $1, into: $2, path: $3) }, zip(g, y).map { $0 * (1 - $1 * $1) }),
      (
        "sigmoid", { VectorMath.sigmoidBackward($0, output: $1, into: $2, path: $3) },
        zip(g, y).map { $0 * $1 * (1 - $1) }
      ),
    ]
    for path in VectorMath.Path.allCases {
      var forward = [Float](repeating: 1, count: count)
      x.withUnsafeBufferPointer { input in
        forward.withUnsafeMutableBufferPointer { VectorMath.relu(input, into: $0, path: path) }
      }
      #expect(bits(forward) == bits(x.map { $0 < 0 ? 0 : $0 }), "relu, \(path)")
      for (name, pass, expected) in backward {
        let output = name == "relu" ? x : y
        var result = [Float](repeating: 1, count: count)
        g.withUnsafeBufferPointer { gradient in
          output.withUnsafeBufferPointer { out in
            result.withUnsafeMutableBufferPointer { pass(gradient, out, $0, path) }
          }
        }
        #expect(bits(result) == bits(expected), "\(name) backward, \(path)")
      }
    }
  }

  /// A bias's column sums and its broadcast are, bit for bit on every path, the plain loops (each
  /// column from +0, row after row), for widths around 16 lanes, with −0, NaN and Inf among the values.
  @Test(arguments: [(0, 5), (1, 1), (3, 15), (7, 16), (5, 33), (128, 256)])
  func columnSumsAndRowBroadcastAreThePlainLoopsOnEveryPath(rows: Int, columns: Int) {
    var rng = SeededGenerator(seed: UInt64(rows * 1000 + columns))
    let specials: [Float] = [-0, .nan, .infinity, 1e30]
    var x = (0..<rows * columns).map { _ in Float(rng.nextGaussian()) }
    for (k, value) in specials.enumerated() where k * 7 < x.count { x[k * 7] = value }
    let b = (0..<columns).map { j in j == 0 ? -0 : Float(rng.nextGaussian()) }
    var sums = [Float](repeating: 0, count: columns)
    var broadcast = x
    for r in 0..<rows {
      for j in 0..<columns {
        sums[j] += x[r * columns + j]
        broadcast[r * columns + j] += b[j]
      }
    }
    for path in VectorMath.Path.allCases {
      var s = [Float](repeating: 7, count: columns)
      var y = x
      x.withUnsafeBufferPointer { m in
        s.withUnsafeMutableBufferPointer { VectorMath.columnSums(m, columns: columns, into: $0, path: path) }
      }
      b.withUnsafeBufferPointer { row in
        y.withUnsafeMutableBufferPointer { VectorMath.addToEveryRow($0, row, path: path) }
      }
      if rows > 0 { #expect(s.map(\.bitPattern) == sums.map(\.bitPattern), "\(path)") }
      #expect(y.map(\.bitPattern) == broadcast.map(\.bitPattern), "\(path)")
    }
  }

  /// Batch normalization's four passes are, bit for bit on every path, the plain loops: the
  /// statistics and gradient sums per feature in Double from 0 row after row, the forward and
  /// backward maps evaluated as written, at feature counts around the 8-lane width.
  @Test(arguments: [(1, 1), (3, 7), (5, 8), (4, 9), (2, 17), (64, 33), (128, 256)])
  func batchNormPassesAreThePlainLoopsOnEveryPath(rows: Int, features f: Int) {
    var rng = SeededGenerator(seed: UInt64(rows * 1000 + f))
    func floats(_ n: Int) -> [Float] { (0..<n).map { _ in Float(rng.nextGaussian()) } }
    let (x, g, h) = (floats(rows * f), floats(rows * f), floats(rows * f))
    let (mu, inverseStd, gamma, beta, meanGX) = (floats(f), floats(f), floats(f), floats(f), floats(f))
    var (mean, variance) = ([Double](repeating: 0, count: f), [Double](repeating: 0, count: f))
    var (sumG, sumGH) = ([Double](repeating: 0, count: f), [Double](repeating: 0, count: f))
    var (xHat, y, dx) = (x, x, g)
    for r in 0..<rows { for j in 0..<f { mean[j] += Double(x[r * f + j]) } }
    for j in 0..<f { mean[j] /= Double(rows) }
    for r in 0..<rows {
      for j in 0..<f {
        let i = r * f + j
        let d = Double(x[i]) - mean[j]
        variance[j] += d * d
        sumG[j] += Double(g[i])
        sumGH[j] += Double(g[i]) * Double(h[i])
        xHat[i] = (x[i] - mu[j]) * inverseStd[j]
        y[i] = gamma[j] * xHat[i] + beta[j]
        dx[i] = gamma[j] * (g[i] - beta[j] - h[i] * meanGX[j])
      }
    }
    func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }
    func bits(_ v: [Float]) -> [UInt32] { v.map(\.bitPattern) }
    // The per-feature rows as buffers that outlive the calls below.
    var pinned: [UnsafeMutableBufferPointer<Float>] = []
    defer { pinned.forEach { $0.deallocate() } }
    func pin(_ values: [Float]) -> UnsafeBufferPointer<Float> {
      let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: values.count)
      _ = buffer.initialize(from: values)
      pinned.append(buffer)
      return UnsafeBufferPointer(buffer)
    }
    let (muP, inverseStdP, gammaP, betaP, meanGXP) = (pin(mu), pin(inverseStd), pin(gamma), pin(beta), pin(meanGX))
    for path in VectorMath.Path.allCases {
      var (m, v) = ([Double](repeating: 9, count: f), [Double](repeating: 9, count: f))
      var (sg, sgh) = ([Double](repeating: 9, count: f), [Double](repeating: 9, count: f))
      var (hh, yy, dd) = ([Float](repeating: 9, count: x.count), [Float](repeating: 9, count: x.count), g)
      x.withUnsafeBufferPointer { x in
        m.withUnsafeMutableBufferPointer { m in
          v.withUnsafeMutableBufferPointer {
            BatchNorm.columnMeanAndSquaredDeviations(x, rows: rows, into: m, $0, path: path)
          }
        }
      }
      g.withUnsafeBufferPointer { g in
        h.withUnsafeBufferPointer { h in
          sg.withUnsafeMutableBufferPointer { sg in
            sgh.withUnsafeMutableBufferPointer {
              BatchNorm.columnSums(g, products: h, rows: rows, into: sg, $0, path: path)
            }
          }
          dd.withUnsafeMutableBufferPointer { dd in
            BatchNorm.project(dd, normalized: h, scale: gammaP, meanG: betaP, meanGX: meanGXP, path: path)
          }
        }
      }
      x.withUnsafeBufferPointer { x in
        hh.withUnsafeMutableBufferPointer { hh in
          yy.withUnsafeMutableBufferPointer { yy in
            BatchNorm.normalize(
              x, into: hh, output: yy, mean: muP, inverseStd: inverseStdP, gamma: gammaP, beta: betaP, path: path)
          }
        }
      }
      #expect(bits(m) == bits(mean) && bits(v) == bits(variance), "moments, \(path)")
      #expect(bits(sg) == bits(sumG) && bits(sgh) == bits(sumGH), "gradient sums, \(path)")
      #expect(bits(hh) == bits(xHat) && bits(yy) == bits(y), "normalize, \(path)")
      #expect(bits(dd) == bits(dx), "project, \(path)")
    }
  }

  /// Σxᵢ² and the moments give the same bits on every path, at lengths around the 8- and 16-lane
  /// widths and the 256-element block, with a block whose Float Σxᵢ² overflows (3e20² > 3.4e38);
  /// Σxᵢ² stays within its bound 256·2⁻²⁴ of the Double sum, and a NaN or an Inf makes it non-finite.
  /// ReLU's passes fused with the sums the instrumented step takes of their results give, on every
  /// path, the bits of the two calls one after the other: the output or gradient, its moments and
  /// its Σx², at lengths around the 256-blocks, with −0, NaN, Inf and an overflowing block among
  /// the values.
  @Test(arguments: [1, 15, 16, 17, 255, 256, 257, 520, 1009])
  func reluFusedWithItsSumsIsTheTwoPassesOnEveryPath(count: Int) {
    var rng = SeededGenerator(seed: UInt64(count) + 23)
    var x = (0..<count).map { _ in Float(rng.nextGaussian()) }
    let g = (0..<count).map { _ in Float(rng.nextGaussian()) }
    let specials: [Float] = [-0, .nan, .infinity, -.infinity, 3e20]
    for (k, special) in specials.enumerated() where 37 * k < count { x[37 * k] = special }
    for path in VectorMath.Path.allCases {
      var fused = [Float](repeating: 1, count: count)
      var separate = [Float](repeating: 2, count: count)
      let fusedMoments = x.withUnsafeBufferPointer { input in
        fused.withUnsafeMutableBufferPointer {
          VectorMath.reluMoments(input, into: $0, low: 0, high: .infinity, path: path)
        }
      }
      x.withUnsafeBufferPointer { input in
        separate.withUnsafeMutableBufferPointer { VectorMath.relu(input, into: $0, path: path) }
      }
      let moments = separate.withUnsafeBufferPointer { VectorMath.moments($0, low: 0, high: .infinity, path: path) }
      #expect(fused.map(\.bitPattern) == separate.map(\.bitPattern), "relu, \(path)")
      #expect(
        [fusedMoments.sum.bitPattern, fusedMoments.sumOfSquares.bitPattern]
          == [moments.sum.bitPattern, moments.sumOfSquares.bitPattern]
          && fusedMoments.atOrBelowLow == moments.atOrBelowLow && fusedMoments.atOrAboveHigh == moments.atOrAboveHigh,
        "relu moments, \(path)")
      var fusedGradient = [Float](repeating: 1, count: count)
      var gradient = [Float](repeating: 2, count: count)
      let fusedSquares = g.withUnsafeBufferPointer { gb in
        separate.withUnsafeBufferPointer { y in
          fusedGradient.withUnsafeMutableBufferPointer {
            VectorMath.reluBackwardSquares(gb, output: y, into: $0, path: path)
          }
        }
      }
      g.withUnsafeBufferPointer { gb in
        separate.withUnsafeBufferPointer { y in
          gradient.withUnsafeMutableBufferPointer { VectorMath.reluBackward(gb, output: y, into: $0, path: path) }
        }
      }
      let squares = gradient.withUnsafeBufferPointer { VectorMath.sumOfSquares($0, path: path) }
      #expect(fusedGradient.map(\.bitPattern) == gradient.map(\.bitPattern), "relu backward, \(path)")
      #expect(fusedSquares.bitPattern == squares.bitPattern, "relu backward Σx², \(path)")
    }
  }

  /// Adam's update on every path gives the bits of the one-weight-at-a-time loop it replaced,
  /// over a few steps, around the 16-lane blocks, with 0, NaN, ±∞ and a huge value in the gradient.
  @Test(arguments: [1, 15, 16, 17, 33, 1009])
  func adamUpdateIsTheScalarLoopOnEveryPath(count: Int) {
    var rng = SeededGenerator(seed: UInt64(count) + 31)
    let start = (0..<count).map { _ in Float(rng.nextGaussian()) }
    var g = (0..<count).map { _ in Float(rng.nextGaussian()) * 0.01 }
    let specials: [Float] = [0, .nan, .infinity, -.infinity, 3e20]
    for (k, special) in specials.enumerated() where 7 * k + 3 < count { g[7 * k + 3] = special }
    let (b1, b2, lr, eps): (Float, Float, Float, Float) = (0.9, 0.999, 1e-3, 1e-7)
    var expected = (theta: start, m: [Float](repeating: 0, count: count), v: [Float](repeating: 0, count: count))
    var states = VectorMath.Path.allCases.map { _ in expected }
    for t in 1...3 {
      let c1 = Float(1 - Double.pow(Double(b1), Double(t)))
      let c2 = Float(1 - Double.pow(Double(b2), Double(t)))
      for i in 0..<count {
        expected.m[i] = b1 * expected.m[i] + (1 - b1) * g[i]
        expected.v[i] = b2 * expected.v[i] + (1 - b2) * g[i] * g[i]
        expected.theta[i] -= lr * (expected.m[i] / c1) / ((expected.v[i] / c2).squareRoot() + eps)
      }
      for (index, path) in VectorMath.Path.allCases.enumerated() {
        var state = states[index]
        g.withUnsafeBufferPointer { gradient in
          state.theta.withUnsafeMutableBufferPointer { theta in
            state.m.withUnsafeMutableBufferPointer { m in
              state.v.withUnsafeMutableBufferPointer { v in
                VectorMath.adamUpdate(
                  theta: theta, gradient: gradient, m: m, v: v, beta1: b1, beta2: b2, correction1: c1, correction2: c2,
                  learningRate: lr, epsilon: eps, path: path)
              }
            }
          }
        }
        states[index] = state
        #expect(state.theta.map(\.bitPattern) == expected.theta.map(\.bitPattern), "θ, step \(t), \(path)")
        #expect(state.m.map(\.bitPattern) == expected.m.map(\.bitPattern), "m, step \(t), \(path)")
        #expect(state.v.map(\.bitPattern) == expected.v.map(\.bitPattern), "v, step \(t), \(path)")
      }
    }
    #expect(
      count <= 10 || expected.theta.contains { $0.isNaN } && expected.theta.contains { $0.isFinite },
      "specials reached θ")
  }

  @Test(arguments: [0, 1, 7, 8, 15, 16, 17, 255, 256, 257, 263, 271, 520, 1009])
  func reductionsGiveTheSameBitsOnEveryPath(count: Int) {
    var rng = SeededGenerator(seed: UInt64(count) + 11)
    var x = (0..<count).map { _ in Float(rng.nextGaussian()) }
    if count > 300 { x[300] = 3e20 }
    func reduce(_ x: [Float], _ path: VectorMath.Path) -> [UInt64] {
      x.withUnsafeBufferPointer { b in
        let m = VectorMath.moments(b, low: -0.5, high: 1.5, path: path)
        return [
          VectorMath.sumOfSquares(b, path: path).bitPattern, m.sum.bitPattern, m.sumOfSquares.bitPattern,
          UInt64(m.atOrBelowLow), UInt64(m.atOrAboveHigh),
        ]
      }
    }
    let scalar = reduce(x, .scalar)
    for path in VectorMath.Path.allCases { #expect(reduce(x, path) == scalar, "\(path)") }
    #expect(scalar[0] == scalar[2], "moments' Σx² is sumOfSquares")
    let exact = x.reduce(0.0) { $0 + Double($1) * Double($1) }
    let squares = Double(bitPattern: scalar[0])
    #expect(abs(squares - exact) <= 256 * 0x1p-24 * exact, "Σx² = \(squares), exact \(exact)")
    #expect(Int(scalar[3]) == x.filter { $0 <= -0.5 }.count && Int(scalar[4]) == x.filter { abs($0) >= 1.5 }.count)
    guard count > 0 else { return }
    for fault in [Float.nan, .infinity] {
      var faulty = x
      faulty[count / 2] = fault
      let bits = reduce(faulty, .scalar)
      for path in VectorMath.Path.allCases { #expect(reduce(faulty, path) == bits, "\(path), \(fault)") }
      #expect(!Double(bitPattern: bits[0]).isFinite && !Double(bitPattern: bits[1]).isFinite)
    }
  }

  @Test func boxMullerIsWithinAFewUlpOfTheFormulaAndItsDrawsAreStandardNormal() {
    var rng = SeededGenerator(seed: 11)
    let u1 = (0..<100_000).map { _ in 1 - rng.nextUnitDouble() }
    let u2 = u1.map { _ in rng.nextUnitDouble() }
    var z = [Double](repeating: 0, count: u1.count)
    u1.withUnsafeBufferPointer { a in
      u2.withUnsafeBufferPointer { b in z.withUnsafeMutableBufferPointer { VectorMath.boxMuller(a, b, into: $0) } }
    }
    var worst = 0.0
    for i in z.indices {
      let radius = (-2 * Foundation.log(u1[i])).squareRoot()
      let exact = radius * Foundation.cos(2 * Double.pi * u2[i])
      // 1 ulp each for log and cos, plus the roundings of the products and the root.
      worst = max(worst, abs(z[i] - exact) / max(abs(exact).ulp, radius.ulp))
    }
    #expect(worst <= 4, "\(worst) ulp")
    let mean = z.reduce(0, +) / Double(z.count)
    let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(z.count - 1)
    #expect(abs(mean) < 4 / Double(z.count).squareRoot() && abs(variance - 1) < 4 * (2 / Double(z.count)).squareRoot())
  }

  @Test func bulkGaussiansAreTheOneAtATimeDrawsAndLeaveTheGeneratorInTheSameState() {
    for count in [0, 1, 5, 1023, 1024, 1025, 4095, 4096, 4097, 5000, 8192, 3 * 4096 + 777] {
      var one = SeededGenerator(seed: 99, stream: "weights")
      var bulk = one
      var bulkFloats = one
      let single = (0..<count).map { _ in one.nextGaussian() }
      #expect(bulk.gaussians(count: count).map(\.bitPattern) == single.map(\.bitPattern), "\(count)")
      #expect(
        bulkFloats.gaussians(count: count, scale: 0.3).map(\.bitPattern)
          == single.map { Float(0.3 * $0).bitPattern }, "\(count)")
      let after = one.next()
      #expect(bulk.next() == after && bulkFloats.next() == after, "\(count): the state after differs")
    }
  }
}
