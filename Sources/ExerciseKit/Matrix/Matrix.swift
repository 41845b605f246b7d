/// A dense matrix of `Double`s in row-major order: the type the code exercises take and return.
///
/// Float64 on purpose: the checks compare a student's gradients with central finite differences,
/// whose relative error is about 1e-10 in Float64 but only 1e-3 in Float32 (CS231n's assignment
/// checks in Float64 for the same reason).
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
  /// The number of rows (for a batch: the examples).
  public let rows: Int
  /// The number of columns (for a batch: the features).
  public let columns: Int
  /// The entries, row after row: entry (i, j) is `values[i * columns + j]`.
  public var values: [Double]

  /// A matrix with the given entries, row after row.
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && values.count == rows * columns,
      "\(rows)×\(columns) needs \(rows * columns) values, got \(values.count)")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A `rows`×`columns` matrix with every entry `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.init(rows: rows, columns: columns, values: [Double](repeating: value, count: rows * columns))
  }

  /// A matrix from its rows: `Matrix([[1, 2], [3, 4]])`.
  public init(_ rowsOfValues: [[Double]]) {
    let columns = rowsOfValues.first?.count ?? 0
    precondition(rowsOfValues.allSatisfy { $0.count == columns }, "every row needs \(columns) values")
    self.init(rows: rowsOfValues.count, columns: columns, values: rowsOfValues.flatMap { $0 })
  }

  /// Entry (row, column).
  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// "rows×columns", as the checks name shapes.
  public var shape: String { "\(rows)×\(columns)" }

  public var description: String { "Matrix \(shape)" }
}
