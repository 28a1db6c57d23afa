import Foundation
import Testing
@testable import Experiments
import Output
import Scenario

/// Issue 15: a damaged journal line must never change a sweep's results. Each kind of damage is
/// reported as one `warning:` line naming the journal and the line, and its run is redone, so the
/// resumed sweep writes the same files as an undisturbed one; a journal of another sweep is
/// refused unless forced.
@Suite(.serialized) struct JournalIntegrityTests {
  let dir: String = {
    let d = NSTemporaryDirectory() + "datamarket-journal-integrity-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }()
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// A 4-run sweep (2 points × 2 replicates of a tiny M/M/1 queue).
  func spec() throws -> SweepSpec {
    let file = dir + "/sweep.json"
    try """
    { base: "\(root)/scenarios/mm1.json", replications: 2,
      parameters: { "queue.arrivalRate": { values: [0.5, 0.7] }, "queue.customers": { values: [200] } } }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    return try SweepSpec.load(file)
  }

  /// Runs the sweep into a fresh folder; returns the folder, its journal lines and runs.csv.
  func complete(_ name: String) throws -> (folder: String, lines: [String], runs: String) {
    let folder = dir + "/" + name
    try SweepRunner(spec: try spec(), folder: folder, jobs: 1).run()
    let journal = try String(contentsOfFile: folder + "/journal.csv", encoding: .utf8)
    return (folder, journal.split(separator: "\n").map(String.init), try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8))
  }

  /// Replaces the journal with `text`, resumes, and returns (runs executed, warnings).
  func resume(_ folder: String, journal text: String, force: Bool = false) throws -> (Int, [String]) {
    try text.write(toFile: folder + "/journal.csv", atomically: true, encoding: .utf8)
    try? FileManager.default.removeItem(atPath: folder + "/runs.csv")
    let warnings = WarningLog()
    let executed = try SweepRunner(spec: try spec(), folder: folder, jobs: 1, force: force).run(warn: warnings.add)
    return (executed, warnings.lines)
  }

  final class WarningLog: @unchecked Sendable {
    var lines: [String] = []
    func add(_ s: String) { lines.append(s) }
  }

  /// `line` with its payload edited by `edit`, keeping (`resign: false`) or recomputing its checksum.
  func edited(_ line: String, resign: Bool, _ edit: ([String]) -> [String]) throws -> String {
    let id = try spec().identity
    var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let run = Int(fields[0])!, sum = fields.removeLast()
    let payload = edit(Array(fields.dropFirst(2))).joined(separator: ",")
    return resign ? Journal.line(run: run, identity: id, payload: payload) : "\(run),\(id),\(payload),\(sum)"
  }

  @Test func aLineWithAFieldMissingIsRedone() throws {
    let (folder, lines, runs) = try complete("fields")
    let bad = try edited(lines[1], resign: false) { Array($0.dropLast()) }
    let (executed, warnings) = try resume(folder, journal: [lines[0], bad, lines[2], lines[3]].map { $0 + "\n" }.joined())
    #expect(executed == 1)
    #expect(warnings == ["warning: \(folder)/journal.csv:2: the checksum does not match (the line was changed or is of an older format); run 1 will be redone"])
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
    let resigned = try edited(lines[1], resign: true) { Array($0.dropLast()) }
    let (again, w2) = try resume(folder, journal: [lines[0], resigned, lines[2], lines[3]].map { $0 + "\n" }.joined())
    #expect(again == 1 && w2.count == 1 && w2[0].contains("journal.csv:2: expected "), "\(w2)")
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
  }

  @Test func aForeignRunIndexIsRedone() throws {
    let (folder, lines, runs) = try complete("index")
    let id = try spec().identity
    let payload1 = lines[1].split(separator: ",").dropFirst(2).dropLast().joined(separator: ",")
    let moved = Journal.line(run: 2, identity: id, payload: payload1)  // run 1's row claiming to be run 2
    let outside = Journal.line(run: 99, identity: id, payload: payload1)
    let (executed, warnings) = try resume(folder, journal: [lines[0], lines[1], moved, outside, lines[3]].map { $0 + "\n" }.joined())
    #expect(executed == 1)
    #expect(warnings == ["warning: \(folder)/journal.csv:3: its point, replicate and seed are not those of run 2; run 2 will be redone",
                         "warning: \(folder)/journal.csv:4: run 99 is not a run of this sweep (it has 4); run 99 will be redone"])
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
  }

  @Test func aNonNumericValueIsRedone() throws {
    let (folder, lines, runs) = try complete("value")
    let bad = try edited(lines[2], resign: false) { f in f.enumerated().map { $0.offset == 6 ? "abc" : $0.element } }
    let (executed, warnings) = try resume(folder, journal: [lines[0], lines[1], bad, lines[3]].map { $0 + "\n" }.joined())
    #expect(executed == 1 && warnings.count == 1 && warnings[0].hasPrefix("warning: \(folder)/journal.csv:3: the checksum does not match"))
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
  }

  @Test func aCRLFConvertedJournalIsRedone() throws {
    let (folder, lines, runs) = try complete("crlf")
    let (executed, warnings) = try resume(folder, journal: lines.map { $0 + "\r\n" }.joined())
    #expect(executed == 4 && warnings.count == 4)
    #expect(warnings[0] == "warning: \(folder)/journal.csv:1: the line ends in a carriage return (a CRLF conversion?); run 0 will be redone")
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
    #expect(!(try String(contentsOfFile: folder + "/journal.csv", encoding: .utf8)).contains("\r"))
  }

  @Test func aJournalOfAnotherSweepIsRefusedUnlessForced() throws {
    let (folder, lines, runs) = try complete("foreign")
    let other = lines.map { l -> String in
      let f = l.split(separator: ",", omittingEmptySubsequences: false)
      return Journal.line(run: Int(f[0])!, identity: "0123456789abcdef", payload: f.dropFirst(2).dropLast().joined(separator: ","))
    }
    let text = other.map { $0 + "\n" }.joined()
    #expect(throws: SweepError.self) { try resume(folder, journal: text) }
    do { _ = try resume(folder, journal: text) } catch {
      #expect("\(error)" == "\(folder)/journal.csv: is the journal of a different sweep (line 1 has sweep identity 0123456789abcdef, this sweep's is \(try spec().identity)); choose another --out, remove it, or use --force")
    }
    let (executed, warnings) = try resume(folder, journal: text, force: true)
    #expect(executed == 4 && warnings == ["warning: \(folder)/journal.csv: dropped 4 lines of another sweep (--force)"])
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
  }

  @Test func aTornLastLineIsRedoneSilently() throws {
    let (folder, lines, runs) = try complete("torn")
    let text = lines.prefix(3).map { $0 + "\n" }.joined() + lines[3].prefix(20)
    let (executed, warnings) = try resume(folder, journal: text)
    #expect(executed == 1 && warnings.isEmpty)
    #expect(try String(contentsOfFile: folder + "/runs.csv", encoding: .utf8) == runs)
  }
}
