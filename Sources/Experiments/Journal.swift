import Foundation
import Output

/// The append-only record of finished runs in a sweep folder (`journal.csv`): one line per run,
///
///     RUN_INDEX,SWEEP_IDENTITY,<runs.csv row, or !,"error" for a failed run>,CHECKSUM
///
/// where `SWEEP_IDENTITY` is ``SweepSpec/identity`` (so a journal of another sweep is recognised)
/// and `CHECKSUM` is the FNV-1a 64 (16 hex digits) of everything before its comma (so a changed,
/// truncated or CRLF-converted line is recognised). Each line is appended with one `write(2)` as
/// soon as its run finishes, so a killed or interrupted sweep loses no finished run; a torn last
/// line (no newline: the process died mid-write) is dropped and its run redone.
/// ``JournalReader`` reads and checks it.
public struct Journal {
  public let path: String
  /// The identity of the sweep whose runs this journal records.
  public let identity: String
  let fd: Int32

  /// Opens (creating) the journal for appending; drops a torn last line first.
  public init(path: String, identity: String) throws(SweepError) {
    self.path = path
    self.identity = identity
    if let data = FileManager.default.contents(atPath: path), let last = data.last, last != 10 {
      let keep = data.lastIndex(of: 10).map { $0 + 1 } ?? 0
      guard truncate(path, off_t(keep)) == 0 else { throw SweepError("\(path): cannot repair the journal's torn last line") }
    }
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    guard fd >= 0 else { throw SweepError("\(path): cannot open the journal: \(String(cString: strerror(errno)))") }
  }

  /// The journal line (without its newline) recording `payload` for run `run` of sweep `identity`.
  public static func line(run: Int, identity: String, payload: String) -> String {
    let body = "\(run),\(identity),\(payload)"
    return body + "," + FNV1a.hex(body)
  }

  /// Appends the line of run `run` (the caller serialises calls). Line breaks in `payload`
  /// (which would split the line) are replaced by spaces.
  public func append(run: Int, payload: String) throws(SweepError) {
    let flat = payload.contains(where: \.isNewline) ? String(payload.map { $0.isNewline ? " " : $0 }) : payload
    var bytes = Array((Journal.line(run: run, identity: identity, payload: flat) + "\n").utf8)
    let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress!, $0.count) }
    guard n == bytes.count else { throw SweepError("\(path): cannot append to the journal: \(String(cString: strerror(errno)))") }
  }

  public func close() { fsync(fd); Foundation.close(fd) }
}
