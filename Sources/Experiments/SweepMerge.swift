import Foundation
import Output
import Scenario

/// Joins shard folders (`sweep --shard K/N`) into one folder with the files a single-machine
/// sweep writes, byte for byte (with `keep: periods`, periods.csv from each shard's kept files). Refuses shards of different sweeps, a missing or repeated shard,
/// and shards with missing runs.
public enum SweepMerge {
  /// Merges `folders` into `out`, built beside it and swapped in whole. `out` must be absent,
  /// empty or a merge of the same sweep, unless `force`.
  public static func merge(folders: [String], into out: String, force: Bool = false, warn: (String) -> Void = { _ in }) throws(SweepError) {
    guard let first = folders.first else { throw SweepError("merge needs at least one shard folder") }
    guard let sweepText = try? String(contentsOfFile: first + "/sweep.json", encoding: .utf8) else {
      throw SweepError("\(first): not a sweep folder (no sweep.json)")
    }
    let spec = try reloadSpec(sweepText: sweepText, first: first)
    var seen: [Int: String] = [:]
    var shardOf: [Int] = []
    var count: Int?
    var lines: [Int: Substring] = [:]
    var columns: [String]?
    for f in folders {
      guard let text = try? String(contentsOfFile: f + "/sweep.json", encoding: .utf8) else { throw SweepError("\(f): not a sweep folder (no sweep.json)") }
      guard text == sweepText else { throw SweepError("\(f): is a shard of a different sweep than \(first)") }
      guard let (k, n) = SweepRunner.shard(ofFolder: f) else {
        throw SweepError("\(f): not a shard folder (no shard number in shard.json)")
      }
      if let c = count, c != n { throw SweepError("\(f): is shard \(k) of \(n), but \(first) is of \(c)") }
      if count == nil { shardOf = spec.runShards(count: n) }
      count = n
      if let other = seen[k] { throw SweepError("\(f): shard \(k) is given twice (also \(other))") }
      seen[k] = f
      let shardColumns = SweepRunner.readColumns(f)
      let journal = JournalReader(path: f + "/journal.csv", identity: spec.identity, runCount: spec.runCount,
                                  check: SweepRunner.payloadCheck(spec: spec, columns: shardColumns?.count))
      if let foreign = journal.foreign.first {
        throw SweepError("\(f)/journal.csv: line \(foreign.line) is of a different sweep (identity \(foreign.reason), this sweep's is \(spec.identity))")
      }
      journal.warnings(path: f + "/journal.csv").forEach(warn)
      for (i, l) in journal.runs where shardOf[i] == k { lines[i] = l }
      if columns == nil { columns = shardColumns }
    }
    let n = count!
    let missingShards = (0..<n).filter { seen[$0] == nil }
    guard missingShards.isEmpty else {
      throw SweepError("shard\(missingShards.count == 1 ? "" : "s") \(missingShards.map(String.init).joined(separator: ", ")) of 0–\(n - 1) "
                       + "missing: give every shard's folder (--shard K/\(n) for K = 0 … \(n - 1))")
    }
    let missing = (0..<spec.runCount).filter { lines[$0] == nil }
    guard missing.isEmpty else {
      throw SweepError("shard \(shardOf[missing[0]]) (\(seen[shardOf[missing[0]]]!)) is incomplete: \(missing.count) runs missing (first: run \(missing[0]))")
    }
    do {
      try ResultsFolder.build(out, as: FolderMarker(kind: .merge, identity: spec.identity), force: force) { temp throws(OutputError) in
        try AtomicFile.write(sweepText, to: temp + "/sweep.json")
        if let columns { try AtomicFile.write(columns.joined(separator: ",") + "\n", to: temp + "/columns.csv") }
        try SweepAssembler.write(spec: spec, columns: columns ?? SweepRunner.identityColumns(spec), lines: lines, folder: temp,
                                 keptIn: { seen[shardOf[$0]]! })
      }
    } catch { throw SweepError(error.description) }
  }

  /// The sweep named in a shard's `sweep.json`, reloaded; it must still resolve to the same text.
  static func reloadSpec(sweepText: String, first: String) throws(SweepError) -> SweepSpec {
    let sweepFile: String? = {
      if let node = try? JSON5Parser.parse(sweepText, source: first + "/sweep.json"), case .string(let path)? = node["sweep"]?.value {
        return path
      }
      return nil
    }()
    let recorded = try? JSON5Parser.parse(sweepText, source: first + "/sweep.json")
    guard let sweepFile else { throw SweepError("\(first)/sweep.json: names no sweep file") }
    var spec: SweepSpec
    do {
      spec = try SweepSpec.load(sweepFile, baseOverrides: SweepContinuation.strings(recorded?["set"]), keep: SweepContinuation.strings(recorded?["keep"]))
    } catch {
      throw SweepError("\(first): cannot reload the sweep file its sweep.json names, which merge needs (run it where that file "
                       + "and its base exist): \(error.description)")
    }
    spec.toolVersion = SweepContinuation.string(recorded?["version"]) ?? ""
    spec.versionChanges = SweepContinuation.strings(recorded?["version_changes"])
    guard JSONText.file(spec.json) == sweepText else { throw SweepError("the sweep file has changed since the shards ran") }
    return spec
  }

  static func integer(_ node: JSONNode?) -> Int? {
    guard case .number(let d, _)? = node?.value, d == d.rounded(), d >= 0, d < 1e9 else { return nil }
    return Int(d)
  }
}
