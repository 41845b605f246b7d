import COpenBLAS
import RealModule

/// How a dense layer's weight matrix W `[fanOut, fanIn]` is drawn at initialization.
///
/// Variances, with n_in = fan-in and n_out = fan-out:
/// - `naive`: N(0, 1), unscaled, as the documents' code does (σ_w² = n_in in the convention of docs/theory.md §1).
/// - `normal(std:)`, `uniform(limit:)`: fixed scale, N(0, std²) or U[−limit, limit].
/// - `scaledNormal(gain2:)`: N(0, σ_w²/n_in) with σ_w² = `gain2`, the convention of docs/theory.md §1.
/// - `lecunNormal`: N(0, 1/n_in) (LeCun et al. 1998).
/// - `standardUniform`: U[±1/√n_in], Var = 1/(3·n_in): the "standard" init Glorot & Bengio (2010)
///   compared against.
/// - `xavierNormal`, `xavierUniform`: Var = 2/(n_in + n_out), U[±√(6/(n_in + n_out))]
///   (Glorot & Bengio 2010).
/// - `heNormal`, `heUniform`: Var = 2/n_in, U[±√(6/n_in)] (He et al. 2015).
/// - `constant(value)`: every weight equal to `value` (0 for the all-zero init); no randomness,
///   so every hidden unit in a layer starts, and stays, identical.
/// - `orthogonal(gain:)`: a Haar-random matrix with orthonormal rows or columns, times `gain`
///   (Saxe et al. 2014), from a QR factorisation of a Gaussian matrix with the signs of R's diagonal
///   folded in (Mezzadri 2007).
public enum Initializer: Sendable, Equatable, CustomStringConvertible {
  case naive
  case normal(std: Double)
  case uniform(limit: Double)
  case scaledNormal(gain2: Double)
  case lecunNormal
  case standardUniform
  case xavierNormal
  case xavierUniform
  case heNormal
  case heUniform
  case orthogonal(gain: Double)
  case constant(Double)

  public var description: String {
    switch self {
    case .naive: "naive N(0,1)"
    case .normal(let std): "N(0, \(std)²)"
    case .uniform(let limit): "U[±\(limit)]"
    case .scaledNormal(let gain2): "N(0, \(gain2)/fan_in)"
    case .lecunNormal: "LeCun normal"
    case .standardUniform: "standard U[±1/√n]"
    case .xavierNormal: "Xavier normal"
    case .xavierUniform: "Xavier uniform"
    case .heNormal: "He normal"
    case .heUniform: "He uniform"
    case .orthogonal(let gain): gain == 1 ? "orthogonal" : "orthogonal ×\(gain)"
    case .constant(let value): value == 0 ? "all zero" : "constant \(value)"
    }
  }

  /// The variance of each weight for a layer with the given fan-in and fan-out.
  public func variance(fanIn: Int, fanOut: Int) -> Double {
    let nIn = Double(fanIn)
    let nOut = Double(fanOut)
    switch self {
    case .naive: return 1
    case .normal(let std): return std * std
    case .uniform(let limit): return limit * limit / 3
    case .scaledNormal(let gain2): return gain2 / nIn
    case .lecunNormal: return 1 / nIn
    case .standardUniform: return 1 / (3 * nIn)
    case .xavierNormal, .xavierUniform: return 2 / (nIn + nOut)
    case .heNormal, .heUniform: return 2 / nIn
    case .orthogonal(let gain): return gain * gain / Swift.max(nIn, nOut)
    case .constant: return 0
    }
  }

  /// A freshly drawn weight matrix `[fanOut, fanIn]` for a dense layer, whose fans are its shape.
  public func makeWeights(fanOut: Int, fanIn: Int, using rng: inout SeededGenerator) -> Tensor {
    makeWeights(rows: fanOut, columns: fanIn, fanIn: fanIn, fanOut: fanOut, using: &rng)
  }

  /// A freshly drawn `[rows, columns]` weight matrix whose variance uses the given fans.
  ///
  /// The fans differ from the shape for a convolution: its kernel `[out, kh·kw·in]` has
  /// fan-in kh·kw·in and fan-out kh·kw·out, the receptive field times the output channels, as
  /// Keras' `_compute_fans` and PyTorch's `_calculate_fan_in_and_fan_out` count them. The
  /// orthogonal init depends on the matrix shape only.
  public func makeWeights(rows: Int, columns: Int, fanIn: Int, fanOut: Int, using rng: inout SeededGenerator)
    -> Tensor
  {
    let count = rows * columns
    switch self {
    case .naive, .normal, .scaledNormal, .lecunNormal, .xavierNormal, .heNormal:
      let std = variance(fanIn: fanIn, fanOut: fanOut).squareRoot()
      return Tensor(shape: [rows, columns], scalars: rng.gaussians(count: count, scale: std))
    case .uniform, .standardUniform, .xavierUniform, .heUniform:
      let limit = (3 * variance(fanIn: fanIn, fanOut: fanOut)).squareRoot()
      return Tensor(
        shape: [rows, columns],
        scalars: (0..<count).map { _ in Float(limit * (2 * rng.nextUnitDouble() - 1)) })
    case .orthogonal(let gain):
      return Initializer.orthogonalMatrix(rows: rows, columns: columns, gain: gain, using: &rng)
    case .constant(let value):
      return Tensor(shape: [rows, columns], scalars: [Float](repeating: Float(value), count: count))
    }
  }

  /// A `rows × columns` matrix with orthonormal rows (rows ≤ columns) or columns, scaled by `gain`.
  static func orthogonalMatrix(rows: Int, columns: Int, gain: Double, using rng: inout SeededGenerator)
    -> Tensor
  {
    // Factor a tall m x n Gaussian matrix (m >= n) in LAPACK's column-major layout.
    let m = Swift.max(rows, columns)
    let n = Swift.min(rows, columns)
    var a = rng.gaussians(count: m * n, scale: 1)
    var tau = [Float](repeating: 0, count: n)
    var mm = Int32(m)
    var nn = Int32(n)
    var lda = Int32(m)
    var info: Int32 = 0
    var lwork = Int32(64 * n)
    var work = [Float](repeating: 0, count: Int(lwork))
    sgeqrf_(&mm, &nn, &a, &lda, &tau, &work, &lwork, &info)
    precondition(info == 0, "sgeqrf failed with info \(info)")
    let signs = (0..<n).map { j in a[j * m + j] < 0 ? Float(-1) : Float(1) }
    var k = nn
    sorgqr_(&mm, &nn, &k, &a, &lda, &tau, &work, &lwork, &info)
    precondition(info == 0, "sorgqr failed with info \(info)")
    // Q is m x n column-major: Q[i, j] = a[j*m + i]. Fold in the signs, scale, and lay out row-major.
    var out = [Float](repeating: 0, count: rows * columns)
    let g = Float(gain)
    for i in 0..<m {
      for j in 0..<n {
        let q = a[j * m + i] * signs[j] * g
        if rows >= columns {
          out[i * columns + j] = q  // tall: orthonormal columns
        } else {
          out[j * columns + i] = q  // wide: the transpose, orthonormal rows
        }
      }
    }
    return Tensor(shape: [rows, columns], scalars: out)
  }
}
