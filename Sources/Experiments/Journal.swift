import Foundation
import Output

/// The append-only record of finished runs in a sweep folder (`journal.csv`): one line per run,
/// `RUN_INDEX,<runs.csv row>` or `RUN_INDEX,!,"error"` for a failed run, each appended with one
/// `write(2)` as soon as the run finishes, so a killed sweep loses no finished run. On reading, a
/// torn last line (no newline: the process died mid-write) is dropped.
public struct Journal {
  public let path: String
  let fd: Int32

  /// Opens (creating) the journal for appending; drops a torn last line first.
  public init(path: String) throws(SweepError) {
    self.path = path
    if let data = FileManager.default.contents(atPath: path), let last = data.last, last != 10 {
      let keep = data.lastIndex(of: 10).map { $0 + 1 } ?? 0
      guard truncate(path, off_t(keep)) == 0 else { throw SweepError("\(path): cannot repair the journal's torn last line") }
    }
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    guard fd >= 0 else { throw SweepError("\(path): cannot open the journal: \(String(cString: strerror(errno)))") }
  }

  /// Appends one complete line (the caller serialises calls).
  public func append(_ line: String) throws(SweepError) {
    var bytes = Array((line + "\n").utf8)
    let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress!, $0.count) }
    guard n == bytes.count else { throw SweepError("\(path): cannot append to the journal: \(String(cString: strerror(errno)))") }
  }

  public func close() { fsync(fd); Foundation.close(fd) }

  /// The complete lines of a journal file, by run index (later duplicates ignored).
  public static func read(_ path: String) -> [Int: Substring] {
    guard let data = FileManager.default.contents(atPath: path) else { return [:] }
    let text = String(decoding: data, as: UTF8.self)
    var out: [Int: Substring] = [:]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
    for line in lines {
      guard let comma = line.firstIndex(of: ","), let index = Int(line[..<comma]) else { continue }
      if out[index] == nil { out[index] = line[line.index(after: comma)...] }
    }
    return out
  }
}
