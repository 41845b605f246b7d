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

  /// The number of threads OpenBLAS uses: 1 unless the user set OPENBLAS_NUM_THREADS (or
  /// GOTO_NUM_THREADS, OMP_NUM_THREADS), because the start-up hook makes it so (CBLASKernel.c says
  /// why); `ParallelSweep` puts the second core to work instead.
  public static var threads: Int { Int(openblas_get_num_threads()) }

  /// Whether the user chose the thread count (else the start-up hook made it 1).
  public static var threadsSetByUser: Bool { cblaskernel_threads_set_by_user() != 0 }

  /// Sets OpenBLAS's thread count for the whole process (the benchmark uses every core, as a
  /// peer framework would).
  public static func setThreads(_ count: Int) { openblas_set_num_threads(Int32(count)) }

  /// The library and its version, "OpenBLAS 0.3.21".
  public static var version: String { configuration.split(separator: " ").prefix(2).joined(separator: " ") }

  /// One line for reports: "OpenBLAS 0.3.21, kernel SkylakeX, 1 thread".
  public static var summary: String {
    let note = kernelSelection == "switched" ? " (switched from \(initialCoreName))" : ""
    return "\(version), kernel \(coreName)\(note), \(threads) thread\(threads == 1 ? "" : "s")"
  }
}
