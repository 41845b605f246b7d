import Charts
import NeuralNet
import Notebook

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

  /// gnuplot's version line, asked of gnuplot once per process (nil when it is not installed).
  static let gnuplot = ChartRenderer.gnuplotVersion

  /// The same for metrics.json's `versions`: the BLAS kernel by name, since numbers that come
  /// out of training are bit-identical only on the same kernel and thread count.
  public static var record: JSONValue {
    .object([
      ("gradientlab", .string(gradientLab)), ("swift", .string(swift)),
      ("openblas", .string(BLASInfo.version)),
      ("blas_kernel", .string(BLASInfo.coreName)), ("blas_kernel_selection", .string(BLASInfo.kernelSelection)),
      ("blas_threads", .integer(BLASInfo.threads)),
      ("gnuplot", gnuplot.map(JSONValue.string) ?? .null),
    ])
  }

  /// One line per tool: GradientLab, Swift, OpenBLAS (with its kernel), gnuplot.
  public static var lines: [String] {
    [
      "GradientLab \(gradientLab)", swift, BLASInfo.summary,
      gnuplot ?? "gnuplot not installed",
    ]
  }
}
