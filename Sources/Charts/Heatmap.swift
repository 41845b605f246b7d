/// Values on a regular grid, drawn as colored cells: `values[row][column]` sits at
/// (`xValues[column]`, `yValues[row]`). Non-finite cells are left blank.
public struct Heatmap: Sendable, Equatable {
  /// The x coordinate of each column.
  public var xValues: [Double]
  /// The y coordinate of each row.
  public var yValues: [Double]
  /// The cell values, one array per row.
  public var values: [[Double]]
  /// The label of the color scale.
  public var colorLabel: String
  /// A fixed color range, so that heatmaps compared side by side share one scale.
  public var colorRange: ClosedRange<Double>?

  /// A heatmap; every row of `values` must have `xValues.count` entries.
  public init(
    xValues: [Double], yValues: [Double], values: [[Double]], colorLabel: String,
    colorRange: ClosedRange<Double>? = nil
  ) {
    precondition(values.count == yValues.count, "heatmap: \(values.count) rows, \(yValues.count) y values")
    precondition(values.allSatisfy { $0.count == xValues.count }, "heatmap: ragged rows")
    self.xValues = xValues
    self.yValues = yValues
    self.values = values
    self.colorLabel = colorLabel
    self.colorRange = colorRange
  }
}
