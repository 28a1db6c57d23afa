import Foundation
import Output
import Scenario

/// What a sweep folder that already holds this sweep file's `sweep.json` allows: resuming the
/// same sweep; extending it — the same design with more replications or more points, whose
/// finished runs are renumbered into the larger design and kept (seeds depend on the master
/// seed and the replicate alone, so they do not change); nothing else. A folder swept by another
/// datamarket version is refused unless `allowVersionChange`, which sweep.json then records.
struct SweepContinuation {
  let spec: SweepSpec
  let folder: String
  let allowVersionChange: Bool

  /// The sweep as it is to be recorded in the folder's sweep.json (with any accepted version
  /// change); for an extension, rewrites the journal into the new design and re-marks the folder.
  /// A folder of another sweep file, or not yet a sweep folder, is left to ``ResultsFolder/admit``.
  func reconcile(warn: (String) -> Void) throws(SweepError) -> SweepSpec {
    let path = folder + "/sweep.json"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8), let old = try? JSON5Parser.parse(text, source: path),
          Self.string(old["sweep"]).map(ScenarioLoader.absolutePath) == ScenarioLoader.absolutePath(spec.file), let marker = FolderMarker.read(folder: folder), marker.kind == .sweep,
          let oldIdentity = marker.identity else { return spec }
    var recorded = spec
    recorded.versionChanges = Self.strings(old["version_changes"])
    guard let oldVersion = Self.string(old["version"]) else {
      throw SweepError("\(folder): was swept by an earlier datamarket whose sweep.json records no version and another design format; "
                       + "choose another --out, or use --force to start over")
    }
    if oldVersion != spec.toolVersion {
      guard allowVersionChange else {
        throw SweepError("\(folder): was swept by datamarket \(oldVersion), this is datamarket \(spec.toolVersion); "
                         + "use --allow-version-change to continue it anyway (recorded in sweep.json), or choose another --out")
      }
      recorded.versionChanges.append("\(oldVersion) → \(spec.toolVersion)")
    }
    guard oldIdentity != spec.identity else { return recorded }
    let mapping = try pointMapping(old)
    try migrateJournal(oldIdentity: oldIdentity, mapping: mapping, oldReplications: Self.int(old["replications"]) ?? 0, warn: warn)
    do { try FolderMarker(kind: .sweep, identity: spec.identity).write(into: folder) } catch { throw SweepError(error.description) }
    return recorded
  }

  /// The sweep.json members that an extension must leave unchanged, with how to name them.
  static let fixed = [("base", "base scenario file"), ("base_hash", "base scenario's contents"), ("seed", "master seed"),
                      ("set", "--set overrides"), ("keep", "--keep outputs"), ("parameters", "parameters"), ("design", "design kind")]

  /// Each old point's index in the new design; refuses any change but more replications or points.
  func pointMapping(_ old: JSONNode) throws(SweepError) -> [Int] {
    let new = JSONText.render(.object(spec.designMembers))
    guard let newNode = try? JSON5Parser.parse(new, source: "sweep.json") else { throw SweepError("\(folder): cannot read the new design") }
    for (key, name) in Self.fixed {
      // a path is compared made absolute: an earlier build recorded it as typed
      let same = key == "base" ? Self.string(old[key]).map(ScenarioLoader.absolutePath) == Self.string(newNode[key])
        : old[key]?.canonicalText == newNode[key]?.canonicalText
      if !same { throw refusal("its \(name) changed") }
    }
    let oldReplications = Self.int(old["replications"]) ?? 0
    guard oldReplications <= spec.replications else { throw refusal("replications went down (\(oldReplications) → \(spec.replications))") }
    var newIndices: [String: [Int]] = [:]
    for p in spec.points.indices { newIndices[spec.overrides(point: p).joined(separator: "\n"), default: []].append(p) }
    var mapping: [Int] = []
    guard case .array(let oldPoints)? = old["points"]?.value else { throw refusal("its points cannot be read") }
    for (i, point) in oldPoints.enumerated() {
      let overrides = Self.overrides(point)
      guard let p = newIndices[overrides.joined(separator: "\n")]?.first else {
        throw refusal("point \(i) (\(overrides.joined(separator: ", "))) is not in the new design")
      }
      newIndices[overrides.joined(separator: "\n")]?.removeFirst()
      mapping.append(p)
    }
    let oldReference = Self.int(old["reference"]).map { $0 < mapping.count ? mapping[$0] : -1 }
    guard oldReference == (spec.hasReference ? spec.referencePoint : nil) else { throw refusal("its reference point changed") }
    return mapping
  }

  func refusal(_ what: String) -> SweepError {
    SweepError("\(folder): holds an earlier run of \(spec.file), but \(what); a sweep, finished or not, can only be extended with more "
               + "replications or more points — choose another --out, or use --force to start over")
  }

  /// Rewrites the journal for the new design: each finished run of the old one under its new run
  /// index and point number and the new identity (lines already rewritten are kept as they are).
  func migrateJournal(oldIdentity: String, mapping: [Int], oldReplications: Int, warn: (String) -> Void) throws(SweepError) {
    let path = folder + "/journal.csv"
    let spec = self.spec
    let old = JournalReader(path: path, identity: oldIdentity, runCount: mapping.count * oldReplications) { index, payload in
      if payload.hasPrefix("!,") { return nil }
      let cells = SweepAssembler.splitCSV(payload), p = index / oldReplications, r = index % oldReplications
      guard cells.count >= 3, cells[0] == String(p), cells[1] == String(r), cells[2] == String(spec.seed(replicate: r)) else {
        return "its point, replicate and seed are not those of run \(index) of the earlier design"
      }
      return nil
    }
    let current = JournalReader(path: path, identity: spec.identity, runCount: spec.runCount,
                                check: SweepRunner.payloadCheck(spec: spec, columns: SweepRunner.readColumns(folder)?.count))
    old.warnings(path: path).forEach(warn)
    var lines: [(Int, String)] = current.runs.map { ($0.key, Journal.line(run: $0.key, identity: spec.identity, payload: String($0.value))) }
    for (index, payload) in old.runs {
      let p = mapping[index / oldReplications], r = index % oldReplications, newIndex = p * spec.replications + r
      guard current.runs[newIndex] == nil else { continue }
      let moved = payload.hasPrefix("!,") ? String(payload) : String(p) + payload[payload.firstIndex(of: ",")!...]
      lines.append((newIndex, Journal.line(run: newIndex, identity: spec.identity, payload: moved)))
    }
    let text = lines.sorted { $0.0 < $1.0 }.map { $0.1 + "\n" }.joined()
    do { try AtomicFile.write(text, to: path) } catch { throw SweepError(error.description) }
  }

  static func string(_ node: JSONNode?) -> String? {
    if case .string(let s)? = node?.value { return s }
    return nil
  }

  static func strings(_ node: JSONNode?) -> [String] {
    guard case .array(let items)? = node?.value else { return [] }
    return items.compactMap { string($0) }
  }

  static func int(_ node: JSONNode?) -> Int? {
    guard case .number(let d, _)? = node?.value, d == d.rounded(), d >= 0, d < 1e15 else { return nil }
    return Int(d)
  }

  /// A recorded point's overrides (`key=value`, in order), as ``SweepSpec/overrides(point:)`` writes them.
  static func overrides(_ point: JSONNode) -> [String] {
    guard case .object(let members) = point.value else { return [] }
    return members.filter { $0.key != "point" }.map { "\($0.key)=\(string($0.value) ?? $0.value.canonicalText)" }
  }
}
