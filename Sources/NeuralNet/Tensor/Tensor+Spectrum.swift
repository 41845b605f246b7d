import COpenBLAS

extension Tensor {
  /// The singular values of a matrix, largest first, from LAPACK's `sgesdd` (divide and conquer,
  /// values only). Returns nil if LAPACK reports a failure or the matrix holds a NaN or Inf.
  ///
  /// LAPACK is column-major; a row-major m×n matrix is its transpose in column-major, which has the
  /// same singular values, so the storage is passed as is.
  public func singularValues() -> [Double]? {
    precondition(shape.count == 2, "singular values need a matrix, got shape \(shape)")
    guard scalars.allSatisfy(\.isFinite) else { return nil }
    var a = scalars
    var m = Int32(columns)  // the column-major view is the transpose: columns × rows
    var n = Int32(rows)
    var lda = Swift.max(1, m)
    let k = Int(Swift.min(m, n))
    var s = [Float](repeating: 0, count: k)
    var one: Int32 = 1
    var u: Float = 0  // not referenced with jobz = 'N'
    var vt: Float = 0
    var jobz = CChar(UInt8(ascii: "N"))
    var iwork = [Int32](repeating: 0, count: 8 * k)
    let solved = LAPACKWorkspace.call(Float.self) { work, lwork, info in
      sgesdd_(&jobz, &m, &n, &a, &lda, &s, &u, &one, &vt, &one, work, lwork, &iwork, info)
    }
    guard solved else { return nil }
    return s.map(Double.init)
  }
}
