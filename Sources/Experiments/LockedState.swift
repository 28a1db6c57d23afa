import Foundation

/// A value shared by threads, behind a lock, held by reference: closures that several threads run
/// capture the reference, never the lock itself. The lock is a pthread mutex (`NSLock`), which
/// ThreadSanitizer understands; `Synchronization.Mutex` on Linux locks with raw futexes, so
/// `make test-sanitize` reported every access under it as a race.
public final class LockedState<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value

  public init(_ value: Value) { self.value = value }

  /// Runs `body` with the value, under the lock.
  public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}
