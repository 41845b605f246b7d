import NeuralNet

extension Matrix {
  /// The matrix product A·B (A is m×k, B is k×n).
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "A·B needs A's columns (\(a.shape)) to equal B's rows (\(b.shape))")
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for k in 0..<a.columns {
        let aik = a.values[i * a.columns + k]
        if aik == 0 { continue }
        for j in 0..<b.columns { c.values[i * b.columns + j] += aik * b.values[k * b.columns + j] }
      }
    }
    return c
  }

  /// Aᵀ.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows { for j in 0..<columns { t.values[j * rows + i] = values[i * columns + j] } }
    return t
  }

  /// The entrywise sum (same shapes).
  public static func + (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "A + B needs equal shapes (\(a.shape), \(b.shape))")
    return Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 + $1 })
  }

  /// The entrywise difference (same shapes).
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "A − B needs equal shapes (\(a.shape), \(b.shape))")
    return Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 - $1 })
  }

  /// Every entry times `s`.
  public static func * (s: Double, a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, values: a.values.map { s * $0 })
  }

  /// The entrywise (Hadamard) product A ⊙ B (same shapes).
  public func hadamard(_ b: Matrix) -> Matrix {
    precondition(rows == b.rows && columns == b.columns, "A ⊙ B needs equal shapes (\(shape), \(b.shape))")
    return Matrix(rows: rows, columns: columns, values: zip(values, b.values).map { $0 * $1 })
  }

  /// `f` applied to every entry.
  public func map(_ f: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, columns: columns, values: values.map(f))
  }

  /// The sum of each column (over the rows, e.g. over a batch): `columns` values.
  public var columnSums: [Double] {
    var sums = [Double](repeating: 0, count: columns)
    for i in 0..<rows { for j in 0..<columns { sums[j] += values[i * columns + j] } }
    return sums
  }

  /// The mean of each column.
  public var columnMeans: [Double] { columnSums.map { $0 / Double(rows) } }

  /// The Frobenius norm √(Σ a_ij²).
  public var norm: Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  /// A matrix with entries N(0, σ²) from `generator` (the engine's seeded Box–Muller).
  public static func gaussian(
    rows: Int, columns: Int, standardDeviation sigma: Double = 1, using generator: inout SeededGenerator
  ) -> Matrix {
    Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in sigma * generator.nextGaussian() })
  }
}
