import COpenBLAS

extension Tensor {
  /// The matrix product `op(a) · op(b)`, through `cblas_sgemm`.
  ///
  /// `transposeA`/`transposeB` select `op(x) = xᵀ`.
  public static func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) -> Tensor {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(k == kB, "matmul: inner dimensions \(k) and \(kB) differ")
    return Tensor(shape: [m, n]) { out in
      if m == 0 || n == 0 { return }
      if k == 0 {
        out.initialize(repeating: 0)
        return
      }
      gemm(a, transposeA, b, transposeB, into: out.baseAddress!, m: m, n: n, k: k, beta: 0)
    }
  }

  /// Writes `op(a) · op(b)` into this matrix (`beta = 0`), reusing its storage.
  public mutating func assignMatmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
  ) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let n = transposeB ? b.rows : b.columns
    precondition(rows == m && columns == n, "assignMatmul: result is \(shape), product is [\(m), \(n)]")
    if m == 0 || n == 0 { return }
    if k == 0 {
      scalars = Array(repeating: 0, count: m * n)
      return
    }
    scalars.withUnsafeMutableBufferPointer { out in
      Tensor.gemm(a, transposeA, b, transposeB, into: out.baseAddress!, m: m, n: n, k: k, beta: 0)
    }
  }

  private static func gemm(
    _ a: Tensor, _ transposeA: Bool, _ b: Tensor, _ transposeB: Bool,
    into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, beta: Float
  ) {
    a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        cblas_sgemm(
          CblasRowMajor,
          transposeA ? CblasTrans : CblasNoTrans,
          transposeB ? CblasTrans : CblasNoTrans,
          blasint(m), blasint(n), blasint(k),
          1, pa.baseAddress, blasint(a.columns),
          pb.baseAddress, blasint(b.columns),
          beta, c, blasint(n))
      }
    }
  }

  /// The sum over rows of a matrix: one value per column (the bias gradient of a dense layer).
  public func columnSums() -> Tensor {
    let width = columns
    var sums = [Float](repeating: 0, count: width)
    if width > 0 {
      scalars.withUnsafeBufferPointer { source in
        sums.withUnsafeMutableBufferPointer { VectorMath.columnSums(source, columns: width, into: $0) }
      }
    }
    return Tensor(shape: [width], scalars: sums)
  }

  /// Adds the row vector `row` to every row of this matrix (a bias, broadcast over the batch).
  public mutating func addToEveryRow(_ row: Tensor) {
    precondition(row.count == columns, "addToEveryRow: a row of \(row.count) for \(columns) columns")
    guard columns > 0 else { return }
    scalars.withUnsafeMutableBufferPointer { x in
      row.scalars.withUnsafeBufferPointer { VectorMath.addToEveryRow(x, $0) }
    }
  }

  /// `self += alpha · other`, elementwise (cblas_saxpy).
  public mutating func add(_ other: Tensor, scaledBy alpha: Float = 1) {
    precondition(count == other.count, "add: \(shape) and \(other.shape) differ in size")
    let n = blasint(count)
    scalars.withUnsafeMutableBufferPointer { y in
      other.scalars.withUnsafeBufferPointer { x in
        cblas_saxpy(n, alpha, x.baseAddress, 1, y.baseAddress, 1)
      }
    }
  }

  /// `self *= alpha`, elementwise (cblas_sscal).
  public mutating func scale(by alpha: Float) {
    let n = count
    scalars.withUnsafeMutableBufferPointer { x in
      cblas_sscal(blasint(n), alpha, x.baseAddress, 1)
    }
  }
}
