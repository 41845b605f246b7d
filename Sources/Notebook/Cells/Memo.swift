import Foundation

/// A value computed once, on first use, and shared by every later use (also across threads): an
/// exercise's run that does not depend on the answer (a forward pass, a trained model) is run once
/// however many answers are checked against it.
public final class Memo<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value?
  private let compute: @Sendable () -> Value

  /// A value that `compute` gives on first use.
  public init(_ compute: @escaping @Sendable () -> Value) {
    self.compute = compute
  }

  /// The value, computed on first use (later uses wait for the first to finish).
  public var value: Value {
    lock.lock()
    defer { lock.unlock() }
    if let stored { return stored }
    let computed = compute()
    stored = computed
    return computed
  }
}

/// Values computed once per key, on first use, and shared by every later use (also across
/// threads): an exercise's verdict on an answer, so that a class's identical answers run one
/// experiment.
public final class MemoTable<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [Key: Value] = [:]
  private let compute: @Sendable (Key) -> Value

  /// Values that `compute` gives on first use of each key.
  public init(_ compute: @escaping @Sendable (Key) -> Value) {
    self.compute = compute
  }

  /// The value for `key`, computed on its first use.
  public subscript(key: Key) -> Value {
    lock.lock()
    if let value = stored[key] {
      lock.unlock()
      return value
    }
    lock.unlock()
    // Computed outside the lock so that different keys run in parallel; a key asked for twice
    // at once is computed twice, with the same result (the computations are deterministic).
    let value = compute(key)
    lock.lock()
    stored[key] = value
    lock.unlock()
    return value
  }
}
