import COpenBLAS

/// The eigen-decomposition of a real symmetric matrix, from LAPACK's `dsyev` (in Double: the
/// curvature thresholds a lesson predicts need more than Float32's 7 digits).
public struct SymmetricEigen: Sendable {
  /// The eigenvalues, in ascending order.
  public let values: [Double]
  /// The eigenvectors: `vectors[i]` belongs to `values[i]` and has unit norm.
  public let vectors: [[Double]]

  /// Decomposes the symmetric `n × n` matrix given row-major in `matrix`; nil if LAPACK fails or a
  /// value is not finite.
  public init?(_ matrix: [Double], size n: Int) {
    precondition(matrix.count == n * n, "a symmetric matrix of size \(n) needs \(n * n) values")
    guard n > 0, matrix.allSatisfy(\.isFinite) else { return nil }
    var a = matrix  // symmetric: row-major and column-major agree
    var w = [Double](repeating: 0, count: n)
    var jobz = CChar(UInt8(ascii: "V"))
    var uplo = CChar(UInt8(ascii: "U"))
    var nn = Int32(n)
    var lda = Int32(n)
    let solved = LAPACKWorkspace.call(Double.self) { work, lwork, info in
      dsyev_(&jobz, &uplo, &nn, &a, &lda, &w, work, lwork, info)
    }
    guard solved else { return nil }
    values = w
    // Column-major output: eigenvector i is a[i*n ..< (i+1)*n].
    vectors = (0..<n).map { Array(a[($0 * n)..<(($0 + 1) * n)]) }
  }

  /// The largest eigenvalue.
  public var largest: Double { values.last ?? .nan }
  /// Its eigenvector.
  public var largestVector: [Double] { vectors.last ?? [] }
}
