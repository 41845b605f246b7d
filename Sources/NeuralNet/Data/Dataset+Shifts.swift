/// Data augmentation by translation: the classic augmentation of digit images (LeCun et al. 1998
/// trained on distorted copies; Simard et al. 2003, "Best practices for convolutional neural
/// networks applied to visual document analysis").
extension Dataset {
  /// The four one-pixel shifts of an image: right, left, down, up (Δcolumn, Δrow).
  public static let onePixelShifts: [(columns: Int, rows: Int)] = [(1, 0), (-1, 0), (0, 1), (0, -1)]

  /// The set followed by one copy of it per shift, each example's `side` × `side` image (row-major)
  /// moved by (Δcolumn, Δrow) pixels with zeros shifted in (the digits' background), same targets:
  /// `count · (1 + shifts.count)` examples, the originals first.
  public func withShiftedCopies(side: Int, shifts: [(columns: Int, rows: Int)] = Dataset.onePixelShifts) -> Dataset {
    precondition(side > 0 && side * side == features, "\(features) features are not \(side) × \(side) images")
    var scalars = inputs.scalars
    scalars.reserveCapacity(inputs.count * (1 + shifts.count))
    for shift in shifts {
      for example in 0..<count {
        let image = example * features
        for row in 0..<side {
          for column in 0..<side {
            let (from, fromColumn) = (row - shift.rows, column - shift.columns)
            let inside = (0..<side).contains(from) && (0..<side).contains(fromColumn)
            scalars.append(inside ? inputs.scalars[image + from * side + fromColumn] : 0)
          }
        }
      }
    }
    let copies = 1 + shifts.count
    return Dataset(
      inputs: Tensor(shape: [count * copies, features], scalars: scalars),
      targets: targets.gathering((0..<(count * copies)).map { $0 % count }), classes: classes)
  }
}
