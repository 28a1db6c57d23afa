#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a ``CSVWriter`` flushes its bytes: an open file descriptor (written with `write(2)` in
/// large chunks, never per line).
public final class ByteSink {
  let fd: Int32
  /// The path being written (for error messages).
  public let path: String

  /// Opens (creating or truncating) `path` for writing.
  public init(path: String) throws(OutputError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    self.fd = fd; self.path = path
  }

  /// Writes to the open descriptor `fd` (standard output, a spool file), named `path` in errors.
  public init(descriptor fd: Int32, path: String) {
    self.fd = fd; self.path = path
  }

  /// Writes all of `bytes`.
  public func write(_ bytes: [UInt8]) throws(OutputError) {
    var failure: OutputError?
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = .cannotWrite(path: path, reason: String(cString: strerror(errno)))
          return
        }
        offset += n
      }
    }
    if let failure { throw failure }
  }

  /// Flushes to stable storage and closes.
  public func close() throws(OutputError) {
    if fsync(fd) != 0 && errno != EINVAL && errno != EROFS {
      throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
    if closeDescriptor(fd) != 0 { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
  }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

@inline(__always)
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
