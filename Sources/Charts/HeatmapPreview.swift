import Foundation

/// A text rendering of a heatmap for the terminal: one character per cell, from light to dark.
///
/// gnuplot's dumb terminal cannot shade cells, so heatmap previews are drawn here: the value range
/// is cut into ten bands shown as " .:-=+*#%@"; non-finite cells are shown as "X".
public enum HeatmapPreview {
  static let shades = Array(" .:-=+*#%@")

  /// The shaded grid with a title, axis ends and the legend of shades.
  public static func render(_ title: String, _ map: Heatmap, columns: Int) -> String {
    let finite = map.values.joined().filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return "\(title): no finite values" }
    let plotColumns = Swift.max(1, Swift.min(map.xValues.count, columns - 12))
    let stride = Double(map.xValues.count) / Double(plotColumns)
    var lines = [title]
    for row in map.values.indices.reversed() {
      var line = String(format6(map.yValues[row])).padding(toLength: 8, withPad: " ", startingAt: 0) + "|"
      for c in 0..<plotColumns {
        let value = map.values[row][Swift.min(map.values[row].count - 1, Int(Double(c) * stride))]
        if !value.isFinite {
          line.append("X")
        } else {
          let t = high > low ? (value - low) / (high - low) : 0.5
          line.append(shades[Swift.min(shades.count - 1, Int(t * Double(shades.count)))])
        }
      }
      lines.append(line)
    }
    lines.append(String(repeating: " ", count: 8) + "+" + String(repeating: "-", count: plotColumns))
    let first = format6(map.xValues.first ?? 0)
    let last = format6(map.xValues.last ?? 0)
    lines.append(
      String(repeating: " ", count: 9) + first
        + String(repeating: " ", count: Swift.max(1, plotColumns - first.count - last.count)) + last)
    lines.append(
      "shades ' .:-=+*#%@' from \(format6(low)) to \(format6(high)) (\(map.colorLabel)); X = not finite")
    return lines.joined(separator: "\n")
  }

  private static func format6(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
    return String(format: "%.3g", value)
  }
}
