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
/// - Extension: a folder of the same sweep file with fewer replications or points keeps its
///   finished runs and runs only the new ones (see ``SweepContinuation``); one swept by another
///   datamarket version is refused unless `allowVersionChange`.
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
  /// Whether a journal of another sweep in the folder is discarded rather than refused.
  public let force: Bool
  /// Whether a folder swept by another datamarket version may be continued (and the change recorded).
  public let allowVersionChange: Bool

  public init(spec: SweepSpec, folder: String, jobs: Int, shard: (index: Int, count: Int)? = nil, force: Bool = false,
              allowVersionChange: Bool = false) {
    self.spec = spec; self.folder = folder; self.jobs = max(1, jobs); self.shard = shard; self.force = force
    self.allowVersionChange = allowVersionChange
  }

  /// The run indices this invocation owns.
  public var ownedRuns: [Int] {
    guard let shard else { return Array(0..<spec.runCount) }
    let shards = spec.runShards(count: shard.count)
    return (0..<spec.runCount).filter { shards[$0] == shard.index }
  }

  /// Prepares the folder and takes its lock (released by the caller): refuses a folder of
  /// another kind or sweep, or not ours, unless `force` (then empties it); continues or extends
  /// an earlier run of this sweep file (``SweepContinuation``); marks it; writes `sweep.json`
  /// (and `shard.json`), or checks that an existing `shard.json` is this shard's.
  func prepareFolder(warn: (String) -> Void) throws(SweepError) -> FolderLock {
    let marker = FolderMarker(kind: .sweep, identity: spec.identity)
    let lock = try FolderLock.taken(folder)
    do {
      let recorded = force ? spec : try SweepContinuation(spec: spec, folder: folder, allowVersionChange: allowVersionChange).reconcile(warn: warn)
      let admission = try ResultsFolder.admit(folder, as: marker, force: force, otherSweep: "its sweep.json does not match \(spec.file)")
      if admission == .forced { try ResultsFolder.empty(folder) }
      try marker.write(into: folder)
      try writeSweepFiles(recorded)
    } catch let e as SweepError {
      lock.release(); throw e
    } catch {
      lock.release(); throw SweepError("\(error)")
    }
    return lock
  }

  /// The shard a sweep folder was run as, from its `shard.json`; nil for the whole sweep (or a
  /// folder without the file).
  public static func shard(ofFolder folder: String) -> (index: Int, count: Int)? {
    guard let node = try? ScenarioLoader.parseFile(folder + "/shard.json"),
          let k = SweepMerge.integer(node["shard"]), let n = SweepMerge.integer(node["of"]) else { return nil }
    return (k, n)
  }

  /// Writes `sweep.json` (the folder was admitted as this sweep's) and `shard.json`, or checks
  /// an existing `shard.json`.
  func writeSweepFiles(_ recorded: SweepSpec) throws {
    let text = JSONText.file(recorded.json)
    let path = folder + "/sweep.json"
    if (try? String(contentsOfFile: path, encoding: .utf8)) != text { try AtomicFile.write(text, to: path) }
    let shardText = shard.map { JSONText.file(.object([("shard", .int(Int64($0.index))), ("of", .int(Int64($0.count)))])) }
      ?? JSONText.file(.object([("shard", .null)]))
    let shardPath = folder + "/shard.json"
    if let existing = try? String(contentsOfFile: shardPath, encoding: .utf8), existing != shardText {
      func describe(_ s: (index: Int, count: Int)?) -> String { s.map { "shard \($0.index)/\($0.count)" } ?? "the whole sweep (no --shard)" }
      throw SweepError("\(folder): was run as \(describe(Self.shard(ofFolder: folder))), not \(describe(shard)); give each shard its own --out, "
                       + "or use --force to start this folder over")
    }
    try AtomicFile.write(shardText, to: shardPath)
  }

  /// Runs what is missing; calls `progress` (from worker threads, serialised) after each run.
  /// Returns the number of runs executed now.
  @discardableResult
  public func run(progress: (@Sendable (Progress) -> Void)? = nil, warn: (String) -> Void = { _ in }) throws(SweepError) -> Int {
    let lock = try prepareFolder(warn: warn)
    defer { lock.release() }
    let journalPath = folder + "/journal.csv"
    let done = try loadJournal(warn: warn)
    let journal = try Journal(path: journalPath, identity: spec.identity)
    let owned = ownedRuns
    let pending = owned.filter { done[$0] == nil }
    // indices analysed from fewer runs (a grown design) no longer describe the sweep: analyze again
    if !pending.isEmpty { unlink(folder + "/sensitivity.csv") }
    let base: JSONNode
    do { base = try spec.loadBase() } catch { throw SweepError(error.description) }
    let columnsPath = folder + "/columns.csv"
    let spec = self.spec, folder = self.folder
    struct Shared { var finished = 0; var failures = 0; var error: SweepError?; var columnsWritten: Bool }
    let shared = LockedState(Shared(columnsWritten: FileManager.default.fileExists(atPath: columnsPath)))
    let start = DispatchTime.now().uptimeNanoseconds
    let total = pending.count
    let alreadyDone = owned.count - total
    nonisolated(unsafe) let journalRef = journal
    ClaimingWorkers.run(jobs: jobs, tasks: total, stopped: { shared.withLock { $0.error != nil } }) { k in
      let index = pending[k]
      let outcome = Result { () throws(SweepError) in try SweepRunner.execute(spec: spec, base: base, run: index, folder: folder) }
      shared.withLock { s in
        do {
          let (line, columns, failed) = try outcome.get()
          if failed { s.failures += 1 }
          if let columns, !s.columnsWritten {
            try AtomicFile.write(columns.joined(separator: ",") + "\n", to: columnsPath)
            s.columnsWritten = true
          }
          try journalRef.append(run: index, payload: line)
        } catch let e as SweepError { s.error = e } catch { s.error = SweepError("\(error)") }
        s.finished += 1
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        progress?(Progress(done: alreadyDone + s.finished, total: alreadyDone + total, executed: s.finished, failures: s.failures, seconds: seconds))
      }
    }
    journal.close()
    if let e = shared.withLock({ $0.error }) { throw e }
    if shard == nil { try assemble() }
    return total
  }

  /// Writes runs.csv and aggregate.csv from the journal, if every run is in it.
  public func assemble() throws(SweepError) {
    let lines = readJournal().runs
    let missing = (0..<spec.runCount).filter { lines[$0] == nil }
    guard missing.isEmpty else { throw SweepError("\(folder): \(missing.count) runs are missing (first: run \(missing[0]))") }
    let columns = SweepRunner.readColumns(folder) ?? SweepRunner.identityColumns(spec)
    do { try SweepAssembler.write(spec: spec, columns: columns, lines: lines, folder: folder) } catch { throw SweepError(error.description) }
  }

  /// The folder's journal, read against this sweep (see ``JournalReader``).
  func readJournal() -> JournalReader {
    let columns = SweepRunner.readColumns(folder)?.count
    return JournalReader(path: folder + "/journal.csv", identity: spec.identity, runCount: spec.runCount,
                         check: SweepRunner.payloadCheck(spec: spec, columns: columns))
  }

  /// Reads the journal for resuming: reports each damaged line through `warn` (its run is
  /// redone), refuses a journal of another sweep unless `force`, and rewrites the journal
  /// without the lines it will not use. Returns the runs already done.
  func loadJournal(warn: (String) -> Void) throws(SweepError) -> [Int: Substring] {
    let path = folder + "/journal.csv"
    let journal = readJournal()
    if let first = journal.foreign.first, !force {
      throw SweepError("\(path): is the journal of a different sweep (line \(first.line) has sweep identity \(first.reason), "
                       + "this sweep's is \(spec.identity)); choose another --out, remove it, or use --force")
    }
    journal.warnings(path: path).forEach(warn)
    if !journal.foreign.isEmpty { warn("warning: \(path): dropped \(journal.foreign.count) lines of another sweep (--force)") }
    // --keep periods: a finished run whose periods file is gone is redone, not a reason to start over
    var runs = journal.runs
    var lost: Set<Int> = []
    if spec.keep.contains(SweepPeriods.name) {
      for (index, line) in journal.runs where !line.hasPrefix("!,") && !FileManager.default.fileExists(atPath: periodsFile(index)) {
        lost.insert(index)
      }
      for index in lost.sorted() {
        runs[index] = nil
        warn("warning: \(periodsFile(index)): the periods of run \(index) (point \(index / spec.replications), replicate "
             + "\(index % spec.replications)) are missing; the run is redone")
      }
    }
    if !journal.damaged.isEmpty || !journal.foreign.isEmpty || !lost.isEmpty {
      let kept = journal.goodLines.filter { line in Int(line.prefix { $0 != "," }).map { !lost.contains($0) } ?? true }
      let text = kept.map { $0 + "\n" }.joined()
      do { try AtomicFile.write(text, to: path) } catch { throw SweepError(error.description) }
    }
    return runs
  }

  /// The periods file that `--keep periods` saves for run `index` in this folder.
  func periodsFile(_ index: Int) -> String {
    SweepPeriods.path(spec: spec, point: index / spec.replications, replicate: index % spec.replications, folder: folder)
  }

  /// Why a journal payload cannot be run `index`'s row (nil when it can): a row whose point,
  /// replicate and seed are not the run's, or whose field count is not the columns'.
  static func payloadCheck(spec: SweepSpec, columns: Int?) -> (Int, Substring) -> String? {
    { index, payload in
      if payload.hasPrefix("!,") { return nil }
      let cells = SweepAssembler.splitCSV(payload)
      if let columns, cells.count != columns { return "expected \(columns) fields, found \(cells.count)" }
      let p = index / spec.replications, r = index % spec.replications
      guard cells.count >= 3, cells[0] == String(p), cells[1] == String(r), cells[2] == String(spec.seed(replicate: r)) else {
        return "its point, replicate and seed are not those of run \(index)"
      }
      return nil
    }
  }

  static func readColumns(_ folder: String) -> [String]? {
    (try? String(contentsOfFile: folder + "/columns.csv", encoding: .utf8)).map {
      $0.trimmingCharacters(in: .newlines).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  static func identityColumns(_ spec: SweepSpec) -> [String] { ["point", "replicate", "seed"] + spec.parameters }

  /// One run: (runs.csv row without the index, columns if it succeeded, failed?). A run that
  /// fails is a result (its error is journalled); failing to save its kept periods is an error.
  static func execute(spec: SweepSpec, base: JSONNode, run index: Int, folder: String) throws(SweepError) -> (String, [String]?, Bool) {
    let p = index / spec.replications, r = index % spec.replications
    let seed = spec.seed(replicate: r)
    let result: RunResult
    do {
      let root = try ScenarioLoader.apply(overrides: spec.overrides(point: p) + ["seed=\(seed)"], to: base)
      result = try ScenarioRunner.run(try Scenario.decode(root, file: spec.baseFile))
    } catch {
      var w = CSVWriter()
      w.field("!"); w.field(String("\(error)".map { $0.isNewline ? " " : $0 }))
      return (String(decoding: w.buffer, as: UTF8.self), nil, true)
    }
    if spec.keep.contains(SweepPeriods.name) {
      do { try SweepPeriods.save(result.periods, spec: spec, run: index, folder: folder) } catch { throw SweepError(error.description) }
    }
    var w = CSVWriter()
    w.field(p); w.field(r); w.field(seed)
    for cell in spec.cells(point: p) { if let cell { w.field(cell) } else { w.emptyField() } }
    for m in result.metrics { w.field(m.value) }
    let columns = identityColumns(spec) + result.metrics.map(\.name)
    return (String(decoding: w.buffer, as: UTF8.self), columns, false)
  }
}
