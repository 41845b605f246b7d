import Charts
import NeuralNet

/// The versions of the tools a notebook ran with, for its header.
public enum Versions {
  /// GradientLab's own version.
  public static let gradientLab = "0.1.0"

  /// The Swift language version the lesson was compiled with.
  public static var swift: String {
    #if swift(>=6.4)
      "Swift ≥ 6.4"
    #elseif swift(>=6.3)
      "Swift 6.3"
    #elseif swift(>=6.2)
      "Swift 6.2"
    #else
      "Swift 6"
    #endif
  }

  /// One line per tool: GradientLab, Swift, OpenBLAS (with its kernel), gnuplot.
  public static var lines: [String] {
    [
      "GradientLab \(gradientLab)", swift, BLASInfo.summary,
      ChartRenderer.gnuplotVersion ?? "gnuplot not installed",
    ]
  }
}
