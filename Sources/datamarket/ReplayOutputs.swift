#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Output

/// The files one `replay` writes, and their cleanup: the trades go to a temporary file beside
/// `--out` (renamed over it at the end) or, without `--out`, to an unlinked spool file that is
/// copied to standard output once the whole stream has gone through, so that a failing stream
/// prints nothing; the events go to a temporary file beside `--events`. Until ``commit()``
/// nothing is visible, and a failure (the object going away uncommitted) removes every
/// temporary file.
final class ReplayOutputs {
  let trades: ByteSink
  let events: ByteSink?
  let tradesPath: String?, eventsPath: String?
  private var tradesTemp: String?, eventsTemp: String?
  /// The spool's descriptor (−1 with `--out`).
  private var spool: Int32 = -1

  init(tradesPath: String?, eventsPath: String?) throws(OutputError) {
    self.tradesPath = tradesPath
    self.eventsPath = eventsPath
    if let tradesPath {
      let temp = AtomicFile.temporaryPath(for: tradesPath)
      trades = try ByteSink(path: temp)
      tradesTemp = temp
    } else {
      spool = try Self.makeSpool()
      trades = ByteSink(descriptor: spool, path: "the trades spool")
    }
    if let eventsPath {
      let temp = AtomicFile.temporaryPath(for: eventsPath)
      do { events = try ByteSink(path: temp) } catch { Self.remove(tradesTemp); throw error }
      eventsTemp = temp
    } else {
      events = nil
    }
  }

  deinit {
    Self.remove(tradesTemp)
    Self.remove(eventsTemp)
    if spool >= 0 { _ = close(spool) }
  }

  /// Closes the files and renames them over their targets (the spool stays for ``copySpool(to:)``).
  func commit() throws(OutputError) {
    if let tradesPath, let temp = tradesTemp {
      try trades.close()
      try AtomicFile.commit(temporary: temp, to: tradesPath)
      tradesTemp = nil
    }
    if let eventsPath, let events, let temp = eventsTemp {
      try events.close()
      try AtomicFile.commit(temporary: temp, to: eventsPath)
      eventsTemp = nil
    }
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

  static func remove(_ path: String?) {
    if let path { _ = unlink(path) }
  }
}
