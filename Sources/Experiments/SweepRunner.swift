import Dispatch
import Foundation
import Output
import Scenario
import Synchronization

/// Runs a sweep: every (point, replicate) not yet in the folder's journal, on `jobs` workers,
/// each run an independent model with no shared mutable state; then assembles the results.
///
/// - Resume: a folder whose `sweep.json` matches continues where it stopped; a folder of another
///   sweep is refused.
/// - Shards: with `shard = (k, n)` only runs whose index ≡ k (mod n) are run, and the folder is
///   left for `merge`.
public struct SweepRunner {
  /// Where a sweep stands: runs done (including those found in the journal), owned in all,
  /// executed in this invocation, failed, and seconds since it started.
  public struct Progress: Sendable {
    public var done: Int, total: Int, executed: Int, failures: Int, seconds: Double
    /// Runs per second in this invocation.
    public var rate: Double { seconds > 0 ? Double(executed) / seconds : 0 }
    /// Estimated seconds to finish.
    public var eta: Double { rate > 0 ? Double(total - done) / rate : .nan }
  }

  public let spec: SweepSpec
  public let folder: String
  public let jobs: Int
  public let shard: (index: Int, count: Int)?

  public init(spec: SweepSpec, folder: String, jobs: Int, shard: (index: Int, count: Int)? = nil) {
    self.spec = spec; self.folder = folder; self.jobs = max(1, jobs); self.shard = shard
  }

  /// The run indices this invocation owns.
  public var ownedRuns: [Int] {
    (0..<spec.runCount).filter { shard == nil || $0 % shard!.count == shard!.index }
  }

  /// Prepares the folder: writes `sweep.json` (and `shard.json`), or checks that an existing
  /// one is this sweep's.
  func prepareFolder() throws(SweepError) {
    do { try AtomicFile.createDirectory(folder) } catch { throw SweepError(error.description) }
    let text = JSONText.file(spec.json)
    let path = folder + "/sweep.json"
    if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
      guard existing == text else {
        throw SweepError("\(folder): holds a different sweep (its sweep.json does not match \(spec.file)); choose another --out or remove it")
      }
    } else {
      do { try AtomicFile.write(text, to: path) } catch { throw SweepError(error.description) }
    }
    let shardText = shard.map { JSONText.file(.object([("shard", .int(Int64($0.index))), ("of", .int(Int64($0.count)))])) }
      ?? JSONText.file(.object([("shard", .null)]))
    let shardPath = folder + "/shard.json"
    if let existing = try? String(contentsOfFile: shardPath, encoding: .utf8), existing != shardText {
      throw SweepError("\(folder): was run as a different shard (\(existing.replacingOccurrences(of: "\n", with: " ")))")
    }
    do { try AtomicFile.write(shardText, to: shardPath) } catch { throw SweepError(error.description) }
  }

  /// Runs what is missing; calls `progress` (from worker threads, serialised) after each run.
  /// Returns the number of runs executed now.
  @discardableResult
  public func run(progress: (@Sendable (Progress) -> Void)? = nil) throws(SweepError) -> Int {
    try prepareFolder()
    let journalPath = folder + "/journal.csv"
    let journal = try Journal(path: journalPath)
    let done = Journal.read(journalPath)
    let pending = ownedRuns.filter { done[$0] == nil }
    let base: JSONNode
    do { base = try ScenarioLoader.load(spec.baseFile) } catch { throw SweepError(error.description) }
    let columnsPath = folder + "/columns.csv"
    let spec = self.spec
    struct Shared { var next = 0; var finished = 0; var failures = 0; var error: SweepError?; var columnsWritten: Bool }
    let shared = Mutex(Shared(columnsWritten: FileManager.default.fileExists(atPath: columnsPath)))
    let start = DispatchTime.now().uptimeNanoseconds
    let total = pending.count
    let alreadyDone = ownedRuns.count - total
    nonisolated(unsafe) let journalRef = journal
    DispatchQueue.concurrentPerform(iterations: min(jobs, max(total, 1))) { _ in
      while true {
        let claim: Int? = shared.withLock { s in
          guard s.error == nil, s.next < total else { return nil }
          s.next += 1
          return s.next - 1
        }
        guard let k = claim else { return }
        let index = pending[k]
        let (line, columns, failed) = SweepRunner.execute(spec: spec, base: base, run: index)
        shared.withLock { s in
          do {
            if let columns, !s.columnsWritten {
              try AtomicFile.write(columns.joined(separator: ",") + "\n", to: columnsPath)
              s.columnsWritten = true
            }
            try journalRef.append("\(index),\(line)")
          } catch let e as SweepError { s.error = e } catch { s.error = SweepError("\(error)") }
          s.finished += 1
          if failed { s.failures += 1 }
          let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
          progress?(Progress(done: alreadyDone + s.finished, total: alreadyDone + total, executed: s.finished, failures: s.failures, seconds: seconds))
        }
      }
    }
    journal.close()
    if let e = shared.withLock({ $0.error }) { throw e }
    if shard == nil { try assemble() }
    return total
  }

  /// Writes runs.csv and aggregate.csv from the journal, if every run is in it.
  public func assemble() throws(SweepError) {
    let lines = Journal.read(folder + "/journal.csv")
    let missing = (0..<spec.runCount).filter { lines[$0] == nil }
    guard missing.isEmpty else { throw SweepError("\(folder): \(missing.count) runs are missing (first: run \(missing[0]))") }
    let columns = SweepRunner.readColumns(folder) ?? SweepRunner.identityColumns(spec)
    do { try SweepAssembler.write(spec: spec, columns: columns, lines: lines, folder: folder) } catch { throw SweepError(error.description) }
  }

  static func readColumns(_ folder: String) -> [String]? {
    (try? String(contentsOfFile: folder + "/columns.csv", encoding: .utf8)).map {
      $0.trimmingCharacters(in: .newlines).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  static func identityColumns(_ spec: SweepSpec) -> [String] { ["point", "replicate", "seed"] + spec.parameters }

  /// One run: (runs.csv row without the index, columns if it succeeded, failed?).
  static func execute(spec: SweepSpec, base: JSONNode, run index: Int) -> (String, [String]?, Bool) {
    let p = index / spec.replications, r = index % spec.replications
    let seed = spec.seed(replicate: r)
    do {
      let root = try ScenarioLoader.apply(overrides: spec.overrides(point: p) + ["seed=\(seed)"], to: base)
      let scenario = try Scenario.decode(root, file: spec.baseFile)
      let result = try ScenarioRunner.run(scenario)
      var w = CSVWriter()
      w.field(p); w.field(r); w.field(seed)
      for cell in spec.cells(point: p) { if let cell { w.field(cell) } else { w.emptyField() } }
      for m in result.metrics { w.field(m.value) }
      let columns = identityColumns(spec) + result.metrics.map(\.name)
      return (String(decoding: w.buffer, as: UTF8.self), columns, false)
    } catch {
      var w = CSVWriter()
      w.field("!"); w.field("\(error)")
      return (String(decoding: w.buffer, as: UTF8.self), nil, true)
    }
  }
}
