import CBLASKernel
import COpenBLAS
import Foundation

/// Which BLAS the engine runs on, for notebooks and the benchmark.
public enum BLASInfo {
  /// OpenBLAS's build configuration, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64".
  public static var configuration: String {
    String(cString: openblas_get_config()).trimmingCharacters(in: .whitespaces)
  }

  /// The compute kernel OpenBLAS selected ("SkylakeX", "Haswell", "Prescott", ...).
  public static var coreName: String {
    String(cString: openblas_get_corename())
  }

  /// The kernel OpenBLAS picked by itself before the start-up hook looked at it.
  public static var initialCoreName: String { String(cString: cblaskernel_initial_corename()) }

  /// What the start-up hook did: "kept", "user" (OPENBLAS_CORETYPE set by the user) or "switched".
  public static var kernelSelection: String { String(cString: cblaskernel_action()) }

  /// The number of threads OpenBLAS uses.
  public static var threads: Int { Int(openblas_get_num_threads()) }

  /// The library and its version, "OpenBLAS 0.3.21".
  public static var version: String { configuration.split(separator: " ").prefix(2).joined(separator: " ") }

  /// One line for reports: "OpenBLAS 0.3.21, kernel SkylakeX, 2 threads".
  public static var summary: String {
    let note = kernelSelection == "switched" ? " (switched from \(initialCoreName))" : ""
    return "\(version), kernel \(coreName)\(note), \(threads) threads"
  }
}
