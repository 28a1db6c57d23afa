import Foundation
import Output

/// Reads a sweep's `journal.csv` (see ``Journal``) without trusting it: a line is used only if
/// its checksum matches, it ends in a bare newline, its run index is a run of this sweep and it
/// passes the caller's check (fields and identity columns); anything else is a damaged line whose
/// run is redone. Lines with a valid checksum but another sweep's identity are kept apart, so
/// the caller can refuse a journal of a different sweep.
public struct JournalReader {
  /// One line that was not used.
  public struct Problem: Sendable, Equatable {
    /// 1-based line number in the journal.
    public var line: Int
    /// The run it claims to record, when that much could be read.
    public var run: Int?
    public var reason: String
  }

  /// The usable payloads by run index (the first good line of a run wins).
  public var runs: [Int: Substring] = [:]
  /// The good lines, in order, as written (to rewrite a journal without its damaged lines).
  public var goodLines: [Substring] = []
  /// Damaged lines (their runs are redone).
  public var damaged: [Problem] = []
  /// Intact lines of another sweep, with that sweep's identity as the reason.
  public var foreign: [Problem] = []
  /// Whether the file ended in a torn line (dropped silently: a kill mid-write).
  public var tornTail = false

  /// Reads `path` for the sweep `identity` with `runCount` runs; `check` returns why a payload
  /// does not fit run `index`, or nil. A missing file reads as empty.
  public init(path: String, identity: String, runCount: Int, check: (Int, Substring) -> String? = { _, _ in nil }) {
    guard let data = FileManager.default.contents(atPath: path) else { return }
    let bytes = [UInt8](data)
    var start = 0, number = 0
    while start < bytes.count {
      number += 1
      guard let end = bytes[start...].firstIndex(of: 10) else { tornTail = true; break }
      read(bytes[start..<end], number: number, identity: identity, runCount: runCount, check: check)
      start = end + 1
    }
  }

  mutating func read(_ line: ArraySlice<UInt8>, number: Int, identity: String, runCount: Int, check: (Int, Substring) -> String?) {
    let text = String(decoding: line, as: UTF8.self)
    let fields = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
    let run = fields.first.flatMap { $0.allSatisfy(\.isASCIIDigit) ? Int($0) : nil }
    func damage(_ reason: String) { damaged.append(Problem(line: number, run: run, reason: reason)) }
    if line.last == 13 { return damage("the line ends in a carriage return (a CRLF conversion?)") }
    guard fields.count == 3, let lastComma = fields[2].lastIndex(of: ",") else { return damage("too few fields") }
    let sum = fields[2][fields[2].index(after: lastComma)...]
    guard sum == FNV1a.hex(String(text[..<lastComma])) else {
      return damage("the checksum does not match (the line was changed or is of an older format)")
    }
    guard let run else { return damage("the run index is not a number") }
    let payload = fields[2][..<lastComma]
    guard fields[1] == identity else {
      return foreign.append(Problem(line: number, run: run, reason: String(fields[1])))
    }
    guard run < runCount else { return damage("run \(run) is not a run of this sweep (it has \(runCount))") }
    if let reason = check(run, payload) { return damage(reason) }
    if runs[run] == nil { runs[run] = payload }
    goodLines.append(Substring(text))
  }

  /// One `warning:` line per damaged line (at most `limit`, then a count of the rest).
  public func warnings(path: String, limit: Int = 10) -> [String] {
    var out = damaged.prefix(limit).map { p in
      "warning: \(path):\(p.line): \(p.reason); " + (p.run.map { "run \($0) will be redone" } ?? "its run will be redone")
    }
    if damaged.count > limit { out.append("warning: \(path): \(damaged.count - limit) more damaged lines; their runs will be redone") }
    return out
  }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
