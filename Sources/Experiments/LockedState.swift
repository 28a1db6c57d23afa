import Synchronization

/// A value shared by threads, behind a lock, held by reference: closures that several threads run
/// capture the reference, never the lock itself (a `Mutex` captured as a local variable is
/// accessed as a variable, which ThreadSanitizer reports as a race).
public final class LockedState<Value: Sendable>: Sendable {
  let mutex: Mutex<Value>

  public init(_ value: Value) { mutex = Mutex(value) }

  /// Runs `body` with the value, under the lock.
  public func withLock<Result>(_ body: (inout sending Value) throws -> sending Result) rethrows -> sending Result {
    try mutex.withLock(body)
  }
}
