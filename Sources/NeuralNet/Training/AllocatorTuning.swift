import CMallocTuning

/// The process-wide malloc setting for training: reuse what a step frees.
///
/// A training step allocates its activations and gradients and frees them when it ends. With
/// glibc's defaults freed memory goes back to the kernel, so the next step's tensors land on fresh
/// pages the kernel faults in and zeroes (lesson 7 in full: 13–16 s of system time; with this
/// setting 45–48 → 38 s of wall time). See `CMallocTuning.c`. No number depends on it.
public enum AllocatorTuning {
  /// A fixed 32 MiB mmap threshold and a 1 GiB trim threshold, unless the user tuned malloc
  /// through the environment. Call once at start-up, before any sweep starts its threads.
  /// Returns whether the setting was applied.
  @discardableResult
  public static func keepFreedMemory() -> Bool { cmalloctuning_keep_freed_memory() == 1 }
}
