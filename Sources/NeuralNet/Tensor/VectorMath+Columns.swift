import CVectorMath

/// A bias's two passes over a row-major matrix, in C at AVX-512, AVX2 or baseline width
/// (`Columns.c`): Swift's loops run at baseline width (4 floats). Each column is added row after
/// row, so every path gives the bits of the plain loop (`VectorMathTests` holds that).
extension VectorMath {
  /// sums[j] = Σ_r x[r·columns + j], each column from +0, row after row.
  public static func columnSums(
    _ x: UnsafeBufferPointer<Float>, columns: Int, into sums: UnsafeMutableBufferPointer<Float>, path: Path = .best
  ) {
    precondition(columns > 0 && x.count % columns == 0 && sums.count >= columns, "not a matrix of that width")
    guard let source = x.baseAddress, let out = sums.baseAddress else { return }
    vectormath_column_sums(source, x.count / columns, columns, out, path.rawValue)
  }

  /// x[r·columns + j] += b[j] for every row r: adds the row `b` to each row of the matrix `x`.
  public static func addToEveryRow(
    _ x: UnsafeMutableBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, path: Path = .best
  ) {
    precondition(!b.isEmpty && x.count % b.count == 0, "the matrix's width is not the row's length")
    guard let target = x.baseAddress, let row = b.baseAddress else { return }
    vectormath_add_to_rows(target, x.count / b.count, b.count, row, path.rawValue)
  }
}
