import COpenBLAS
import Foundation

/// Runs independent jobs (one network per seed, per threshold, per depth) on every core, one job
/// per core, with OpenBLAS single-threaded while they run.
///
/// Why: the lessons' matrices are small (widths 64–256, batches of 32–128), so OpenBLAS's second
/// thread buys little, while two networks trained at once, one per core, finish 1.85× sooner (two
/// quick lessons side by side on this project's 2-core machines). Why it is exact: each job builds
/// its own model from its own seed and touches nothing shared, and every job runs with a
/// one-thread BLAS, so a sweep's results are the same whatever the schedule, and the same as the
/// jobs run one after another with a one-thread BLAS (`ParallelSweepTests` holds that). OpenBLAS
/// is single-threaded anyway unless the user set its thread count (the start-up hook in
/// CBLASKernel.c); with two threads some kernels (Zen) give other bits on some shapes, which is
/// why a sweep and `singleThreadedBLAS` still hold the count at one.
public enum ParallelSweep {
  /// `body(i)` for every `i` in `0..<count`, in index order, computed up to one per core at a time.
  /// `progress` is called (serially, from the worker threads) with the number of jobs done.
  public static func map<T: Sendable>(
    _ count: Int, progress: (@Sendable (Int) -> Void)? = nil, _ body: @Sendable (Int) -> T
  ) -> [T] {
    guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
      return (0..<count).map { index in
        defer { progress?(index + 1) }
        return body(index)
      }
    }
    blasThreads.enter()
    defer { blasThreads.leave() }
    let results = Results<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      let value = body(index)
      let done = results.store(value, at: index)
      if let progress { results.serially { progress(done) } }
    }
    return results.values()
  }

  /// `body(row, column)` for every cell of a `rows` × `columns` grid (seeds × runs, cases ×
  /// depths), each cell a job of `map`, in row-major order; `result[r][c]` is cell (r, c).
  /// `progress` gets the cells done.
  public static func grid<T: Sendable>(
    rows: Int, columns: Int, progress: (@Sendable (Int) -> Void)? = nil, _ body: @Sendable (Int, Int) -> T
  ) -> [[T]] {
    let cells = map(rows * columns, progress: progress) { body($0 / columns, $0 % columns) }
    return (0..<rows).map { Array(cells[($0 * columns)..<(($0 + 1) * columns)]) }
  }

  /// `body` with OpenBLAS single-threaded throughout, as a sweep's jobs run, whatever other sweeps
  /// start or finish meanwhile.
  ///
  /// Why: some kernels give other bits with two threads than with one on some shapes (measured on
  /// this project's AMD EPYC machines with OpenBLAS's Zen kernel: lesson 1's naive forward pass and
  /// gradient profiles differ in the last digits under `OPENBLAS_NUM_THREADS=1`). The thread count
  /// is one setting for the process, so code that compares two of its own computations bit for bit
  /// while other code may run sweeps (tests run in parallel) holds the count fixed with this.
  public static func singleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
    blasThreads.enter()
    defer { blasThreads.leave() }
    return try body()
  }

  /// OpenBLAS's thread count is one setting for the whole process: the first sweep to start sets
  /// it to 1 and the last to finish restores it, so that sweeps running at the same time (tests
  /// run in parallel) leave it as they found it.
  private static let blasThreads = BLASThreads()

  private final class BLASThreads: @unchecked Sendable {
    private let lock = NSLock()
    private var active = 0
    private var saved: Int32 = 1

    func enter() {
      lock.withLock {
        if active == 0 {
          saved = openblas_get_num_threads()
          openblas_set_num_threads(1)
        }
        active += 1
      }
    }

    func leave() {
      lock.withLock {
        active -= 1
        if active == 0 { openblas_set_num_threads(saved) }
      }
    }
  }

  /// The jobs' results, written from the worker threads under a lock.
  private final class Results<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let reporting = NSLock()
    private var slots: [T?]
    private var done = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores job `index`'s value and returns how many jobs are done.
    func store(_ value: T, at index: Int) -> Int {
      lock.withLock {
        slots[index] = value
        done += 1
        return done
      }
    }

    func serially(_ body: () -> Void) { reporting.withLock(body) }

    func values() -> [T] { lock.withLock { slots.map { $0! } } }
  }
}
