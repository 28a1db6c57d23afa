#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Output

/// The files one `replay` writes, and their cleanup: the trades go to `--out` (a temporary file
/// beside it, renamed over it at the end; see ``PendingOutput``) or, without `--out`, to an
/// unlinked spool file that is copied to standard output once the whole stream has gone through,
/// so that a failing stream prints nothing; the events go to `--events` the same way. Until
/// ``commit()`` nothing is visible, and a failure (the object going away uncommitted) removes
/// every temporary file.
final class ReplayOutputs {
  let trades: ByteSink
  let events: ByteSink?
  let tradesPath: String?, eventsPath: String?
  private let tradesOutput: PendingOutput?, eventsOutput: PendingOutput?
  /// The spool's descriptor (−1 with `--out`).
  private var spool: Int32 = -1

  init(tradesPath: String?, eventsPath: String?) throws(OutputError) {
    self.tradesPath = tradesPath
    self.eventsPath = eventsPath
    if let tradesPath {
      let output = try PendingOutput(path: tradesPath)
      tradesOutput = output
      trades = output.sink
    } else {
      tradesOutput = nil
      spool = try Self.makeSpool()
      trades = ByteSink(descriptor: spool, path: "the trades spool")
    }
    eventsOutput = try eventsPath.map { (path) throws(OutputError) in try PendingOutput(path: path) }
    events = eventsOutput?.sink
  }

  deinit {
    if spool >= 0 { _ = close(spool) }
  }

  /// Closes the files and renames them over their targets (the spool stays for ``copySpool(to:)``).
  func commit() throws(OutputError) {
    try tradesOutput?.commit()
    try eventsOutput?.commit()
  }

  /// A reader of the trades as written: the committed `--out` file, or the spool.
  func tradesReader() throws(FileReadError) -> FileChunkReader {
    if let tradesPath { return try FileChunkReader(path: tradesPath) }
    return FileChunkReader(descriptor: dup(spool), path: "trades")
  }

  /// Copies the spooled trades to `fd` (standard output) in 1 MB chunks.
  func copySpool(to fd: Int32) throws(CLIError) {
    let reader = FileChunkReader(descriptor: dup(spool), path: "the trades spool")
    let chunk = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer { buffer.deallocate() }
    var offset = 0
    while true {
      let n: Int
      do { n = try reader.read(at: offset, into: buffer, count: chunk) } catch { throw .internal(error.description) }
      var written = 0
      while written < n {
        let w = write(fd, buffer + written, n - written)
        if w < 0 { if errno == EINTR { continue }; throw .internal("standard output: cannot write: \(String(cString: strerror(errno)))") }
        written += w
      }
      offset += n
      if n < chunk { return }
    }
  }

  /// An anonymous temporary file under TMPDIR (or /tmp), unlinked at once: it vanishes with the
  /// process whatever happens.
  static func makeSpool() throws(OutputError) -> Int32 {
    let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = ((folder.hasSuffix("/") ? folder : folder + "/") + "datamarket-trades-XXXXXX").utf8CString
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw .cannotWrite(path: folder, reason: String(cString: strerror(errno))) }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return fd
  }
}
