import COpenBLAS

extension Tensor {
  /// The spectral radius max |λᵢ| of a square matrix (its eigenvalues may be complex), from LAPACK's
  /// `dgeev` in Double; nil if LAPACK fails or a value is not finite.
  ///
  /// For a recurrent weight matrix it decides the long-run growth of W^t; the largest singular value
  /// bounds every single step (docs/theory.md §6), and is at least the spectral radius.
  public func spectralRadius() -> Double? {
    precondition(shape.count == 2 && rows == columns, "the spectral radius needs a square matrix, got \(shape)")
    guard scalars.allSatisfy(\.isFinite), rows > 0 else { return nil }
    let n = rows
    // Row-major storage is the transpose in column-major; the transpose has the same eigenvalues.
    var a = scalars.map(Double.init)
    var nn = Int32(n)
    var lda = Int32(n)
    var wr = [Double](repeating: 0, count: n)
    var wi = [Double](repeating: 0, count: n)
    var no = CChar(UInt8(ascii: "N"))
    var one: Int32 = 1
    var vl = 0.0
    var vr = 0.0
    let solved = LAPACKWorkspace.call(Double.self) { work, lwork, info in
      dgeev_(&no, &no, &nn, &a, &lda, &wr, &wi, &vl, &one, &vr, &one, work, lwork, info)
    }
    guard solved else { return nil }
    return zip(wr, wi).map { ($0 * $0 + $1 * $1).squareRoot() }.max()
  }
}
