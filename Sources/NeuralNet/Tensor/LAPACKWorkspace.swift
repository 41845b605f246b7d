/// LAPACK's workspace query: a routine called with lwork = −1 only writes the workspace size it
/// wants into work[0]; the second call gets a workspace of that size and does the work (LAPACK
/// Users' Guide, §5.1.8 "Workspace and the length of work arrays").
enum LAPACKWorkspace {
  /// Calls `routine(work, lwork, info)` twice, as above; false if either call sets info ≠ 0.
  static func call<Scalar: BinaryFloatingPoint>(
    _: Scalar.Type,
    _ routine: (UnsafeMutablePointer<Scalar>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Void
  ) -> Bool {
    var query: Scalar = 0
    var lwork: Int32 = -1
    var info: Int32 = 0
    routine(&query, &lwork, &info)
    guard info == 0 else { return false }
    lwork = Int32(query)
    var work = [Scalar](repeating: 0, count: Int(lwork))
    work.withUnsafeMutableBufferPointer { routine($0.baseAddress!, &lwork, &info) }
    return info == 0
  }
}
