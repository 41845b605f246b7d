/// A dense Float32 tensor in contiguous row-major storage.
///
/// Matrices are `[rows, columns]`; a batch of activations is `[batchSize, features]`. Storage is a
/// Swift array, so tensors are values with copy-on-write; the engine's hot loops work on
/// `withUnsafeBufferPointer` views and hand matrix products to `cblas_sgemm`.
public struct Tensor: Sendable, Equatable {
  /// The size of each dimension, outermost first.
  public private(set) var shape: [Int]
  /// The elements, row-major.
  public var scalars: [Float]

  /// A tensor with the given shape and elements; `scalars.count` must equal the product of `shape`.
  public init(shape: [Int], scalars: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
    precondition(
      shape.reduce(1, *) == scalars.count,
      "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(scalars.count)")
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of the given shape filled with `value`.
  public init(shape: [Int], repeating value: Float = 0) {
    self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
  }

  /// A tensor whose elements are written by `initializer` into uninitialized storage; every element
  /// must be written (used where a BLAS call or a loop overwrites the whole output anyway).
  public init(
    shape: [Int], unsafeUninitialized initializer: (inout UnsafeMutableBufferPointer<Float>) -> Void
  ) {
    let count = shape.reduce(1, *)
    self.shape = shape
    self.scalars = Array(unsafeUninitializedCapacity: count) { buffer, initializedCount in
      initializer(&buffer)
      initializedCount = count
    }
  }

  /// The number of elements.
  @inlinable public var count: Int { scalars.count }

  /// Rows of a matrix (the first dimension).
  public var rows: Int { shape[0] }

  /// Columns of a matrix: the product of all dimensions after the first.
  public var columns: Int { shape.count > 1 ? shape.dropFirst().reduce(1, *) : 1 }

  /// The element at a row and column of a matrix.
  public subscript(row: Int, column: Int) -> Float {
    get { scalars[row * columns + column] }
    set { scalars[row * columns + column] = newValue }
  }

  /// The same elements viewed with another shape of equal element count.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, scalars: scalars)
  }

  /// The rows at `indices` of a matrix, in that order (a mini-batch gathered from a data set).
  public func gatheringRows(_ indices: some Collection<Int>) -> Tensor {
    let width = columns
    return Tensor(shape: [indices.count] + shape.dropFirst()) { out in
      scalars.withUnsafeBufferPointer { source in
        for (k, row) in indices.enumerated() {
          let from = source.baseAddress! + row * width
          (out.baseAddress! + k * width).update(from: from, count: width)
        }
      }
    }
  }
}
