import Foundation
import Output
import Scenario
import Simulation

/// A sweep file, resolved: the base scenario, the design points (each a list of `--set`
/// overrides), replications, the master seed and an optional reference point.
///
///     {
///       base: "../baseline.json", replications: 30, seed: 1,
///       design: "grid",            // or { latinHypercube: { samples: 64 } }, or { points: "design.csv" | [ {...} ] }
///       parameters: { "market.periods": { values: [2, 4] }, "queue.arrivalRate": { from: 0.5, to: 0.9, steps: 5 } },
///       reference: { "market.periods": 2 },   // optional: paired differences against this point
///     }
///
/// With `design: { points: "design.csv" }` (or inline points) `parameters` may be left out: the
/// CSV header (or the points' keys) names them. `--set` overrides (``baseOverrides``) apply to
/// the base under every point.
public struct SweepSpec: Sendable {
  /// One parameter assignment: a scenario key path and its value.
  public struct Assignment: Sendable, Equatable {
    public var key: String
    public var value: JSONNode.Value
    public var text: String { JSONNode(value, source: "").canonicalText }
    public var csvCell: CSVCell {
      switch value {
      case .number(let d, _): return d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .double(d)
      case .string(let s): return .text(s)
      case .bool(let b): return .bool(b)
      default: return .text(text)
      }
      }
    public static func == (a: Assignment, b: Assignment) -> Bool { a.key == b.key && a.text == b.text }
  }

  public var file: String
  public var baseFile: String
  public var replications: Int
  public var seed: UInt64
  /// Parameter key paths, in the order written (the columns of runs.csv).
  public var parameters: [String]
  /// Design points; a reference is point 0, or the design point it resolves to (``referencePoint``).
  public var points: [[Assignment]]
  public var hasReference: Bool
  public var designName: String
  /// FNV-1a hash of the resolved base scenario, so a folder swept against another version of it is refused.
  public var baseHash: String = ""
  /// The reference's index among `points` when `hasReference`: 0, or the design point it equals
  /// (then it is run once and both roles use its runs).
  public var referencePoint: Int = 0
  /// `--set KEY.PATH=VALUE` overrides applied to the base scenario, under every point's values.
  public var baseOverrides: [String] = []
  /// Per-run outputs kept besides the summary row: `periods` (each run's periods.csv).
  public var keep: [String] = []
  /// The datamarket version running the sweep (recorded in sweep.json, not in the identity).
  public var toolVersion: String = ""
  /// Version changes accepted with `--allow-version-change`, oldest first ("0.0.9 → 0.1.0").
  public var versionChanges: [String] = []
  /// A Sobol or Morris design's layout for `datamarket analyze` (``SobolDesign``, ``MorrisDesign``); nil otherwise.
  public var sensitivity: JSONText.Value? = nil

  /// The most runs (points × replications) a sweep may have.
  public static let maxRuns = 10_000_000

  /// Total runs: points × replications.
  public var runCount: Int { points.count * replications }

  /// The seed of replicate `r`: a function of (master seed, r) alone — common random numbers.
  public func seed(replicate r: Int) -> UInt64 { SweepSpec.seed(master: seed, replicate: r) }

  /// The seed of replicate `r` under master seed `master` (sweeps and calibrations derive seeds alike).
  public static func seed(master: UInt64, replicate r: Int) -> UInt64 {
    RandomStreams.deriveSeed(master, 0x5EED_0000 &+ UInt64(r)) & ((1 << 53) - 1)
  }

  /// The cells of point `p` under the `parameters` columns, matched by key (empty where the
  /// point leaves a parameter at the base scenario's value).
  public func cells(point p: Int) -> [CSVCell?] {
    parameters.map { k in points[p].first { $0.key == k }?.csvCell }
  }

  /// The overrides of point `p`.
  public func overrides(point p: Int) -> [String] { points[p].map { "\($0.key)=\($0.text)" } }

  /// Loads and validates a sweep file; every design point is resolved against the base scenario
  /// before anything runs, and an invalid one is reported with its point number and values.
  public static func load(_ path: String, baseOverrides: [String] = [], keep: [String] = []) throws(ScenarioError) -> SweepSpec {
    let root = try ScenarioLoader.parseFile(path)
    var r = try ConfigReader(root)
    guard let baseNode = r.raw("base") else { throw .missing(source: path, path: "$.base", expected: "the base scenario file") }
    let baseName = try ConfigReader.string(baseNode, path: "$.base")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let baseFile = baseName.hasPrefix("/") ? baseName : folder.appendingPathComponent(baseName).path
    let replications = try r.integer("replications", default: 1, 1...1_000_000)
    let seed = try r.seed("seed", default: 1)
    _ = try r.string("description", default: "")
    let params = try r.object("parameters")
    guard case .object(let members) = params.node.value else { throw .missing(source: path, path: "$.parameters", expected: "an object") }
    let (declared, valueLists, ranges) = try parameterValues(members, source: path)
    var parameters = declared
    var designName = "grid"
    var points: [[Assignment]] = []
    var sensitivity: JSONText.Value?
    if let designNode = r.raw("design") {
      if case .string(let s) = designNode.value {
        guard s == "grid" else { throw .invalid(source: path, path: "$.design", expected: "\"grid\", { latinHypercube: {...} }, { sobol: {...} }, { morris: {...} } or { points: ... }", found: designNode.foundDescription) }
      } else {
        var d = try ConfigReader(designNode, path: "$.design")
        if d.node["latinHypercube"] != nil {
          var l = try d.object("latinHypercube")
          let samples = try l.integer("samples", default: 10, 1...1_000_000)
          try l.finish()
          designName = "latinHypercube"
          points = try latinHypercube(parameters: parameters, ranges: ranges, samples: samples, seed: seed, source: path)
        } else if d.node["sobol"] != nil || d.node["morris"] != nil {
          (designName, points, sensitivity) = try sensitivityDesign(&d, SensitivityParameter.all(parameters, ranges: ranges, values: valueLists),
                                                                     seed: seed, source: path)
        } else if let pointsNode = d.raw("points") {
          designName = "points"
          points = try explicitPoints(pointsNode, parameters: parameters, folder: folder, source: path)
        } else {
          throw .missing(source: path, path: "$.design", expected: "latinHypercube, sobol, morris or points")
        }
        try d.finish()
      }
    }
    if designName == "grid" { points = try grid(parameters: parameters, values: valueLists, source: path) }
    let derivedParameters = parameters.isEmpty && designName == "points"
    if derivedParameters { parameters = keysInOrder(points) }
    try checkParameterKeys(parameters, declared: !derivedParameters, source: path)
    try checkBaseOverrides(baseOverrides, parameters: parameters, baseFile: baseFile, sweepFile: path)
    try checkParameterKeysExist(parameters, declared: !derivedParameters, points: points, baseOverrides: baseOverrides, baseFile: baseFile,
                                sweepFile: path, design: root["design"]?["points"], folder: folder)
    var hasReference = false
    if let refNode = r.raw("reference") {
      // a Sobol or Morris design's points are its estimators' layout: an extra point would leave
      // the sweep unanalysable after every run was done
      guard sensitivity == nil else {
        throw .invalid(source: path, path: "$.reference", expected: "no reference with a \(designName) design (its points are the "
                       + "sensitivity estimators' layout; compare against a reference in a separate sweep)", found: refNode.foundDescription)
      }
      guard case .object(let refMembers) = refNode.value else {
        throw .invalid(source: path, path: "$.reference", expected: "an object of parameter values", found: refNode.foundDescription)
      }
      var reference: [Assignment] = []
      for m in refMembers {
        guard parameters.contains(m.key) else {
          // a scenario key that is no parameter is not unknown: the reference may set only parameters
          let hint = EditDistance.suggestion(for: m.key, among: parameters).map { " (did you mean '\($0)'?)" } ?? ""
          throw .invalid(source: path, path: "$.reference.\"\(Abbreviation.of(m.key))\"",
                         expected: "one of the sweep's parameters (\(parameters.joined(separator: ", "))): the base sets every other key",
                         found: "\"\(Abbreviation.of(m.key))\"" + hint)
        }
        reference.append(Assignment(key: m.key, value: m.value.value))
      }
      points.insert(reference, at: 0)
      hasReference = true
    }
    try r.finish()
    try checkRunCount(points: points.count, replications: replications, source: path)
    let spec = SweepSpec(file: path, baseFile: baseFile, replications: replications, seed: seed, parameters: parameters,
                         points: points, hasReference: hasReference, designName: designName)
    var checked = spec
    checked.sensitivity = sensitivity
    checked.baseHash = RunMetadata.hash(try ScenarioLoader.load(baseFile).canonicalText)
    checked.baseOverrides = baseOverrides
    checked.keep = keep
    if let same = try checked.validatePoints() { checked.mergeReference(into: same) }
    return checked
  }

  /// Resolves every point against the base scenario (no run), naming the first bad point: one
  /// that is not a valid scenario, or whose ``WorkEstimate`` exceeds ``WorkLimits/standard``.
  /// Returns, with a reference (point 0), the first other point that resolves to the same scenario.
  @discardableResult
  public func validatePoints() throws(ScenarioError) -> Int? {
    let base = try loadBase()
    var referenceText: String?
    var same: Int?
    for p in points.indices {
      let values = points[p].map { "\($0.key)=\($0.text)" }.joined(separator: ", ")
      let scenario: Scenario
      do {
        let root = try ScenarioLoader.apply(overrides: overrides(point: p), to: base, origin: "parameter")
        if hasReference && referencePoint == 0 && same == nil {
          let text = resolvedParameters(root)
          if p == 0 { referenceText = text } else if text == referenceText { same = p }
        }
        scenario = try Scenario.decode(root, file: baseFile)
      } catch {
        throw .invalid(source: file, path: "design point \(p) (\(values))", expected: "a valid scenario", found: error.description)
      }
      if let why = WorkLimits.standard.violation(WorkEstimate.of(scenario)) {
        throw .invalid(source: file, path: "design point \(p) (\(values))", expected: "a run within the work limits", found: why)
      }
    }
    return same
  }

  /// The sweep's identity: FNV-1a 64 (hex) of its `sweep.json` design members but the version
  /// ones and the two paths as typed — `g.json`, `./g.json` and `/abs/g.json` are one sweep, and
  /// the base's content is in `base_hash`: the identity is what is run, not where the files were
  /// named from. Journal lines and the results folder's marker carry it, so files of another
  /// sweep are recognised.
  public var identity: String {
    FNV1a.hex(JSONText.file(.object(designMembers.filter { !Self.pathMembers.contains($0.0) })))
  }

  /// The shard (of `n`) that runs each run: a point's replicates go round the shards from an
  /// offset fixed by the point's values, (FNV-1a(point) + replicate) mod n. A run keeps its shard
  /// when the design grows — more replications, or points added anywhere — so a grown shard
  /// runs only the new runs; within each point the shards get its replicates evenly.
  public func runShards(count n: Int) -> [Int] {
    precondition(n >= 1, "a shard count below 1")
    var shards: [Int] = []
    shards.reserveCapacity(runCount)
    for p in points.indices {
      let offset = Int(FNV1a.hash(overrides(point: p).joined(separator: "\n")) % UInt64(n))
      for r in 0..<replications { shards.append((offset + r) % n) }
    }
    return shards
  }

  /// The members of `sweep.json` that name files rather than say what is run.
  static let pathMembers: Set<String> = ["sweep", "base"]

  /// The resolved design as `sweep.json` (deterministic; no shard or clock facts): the design,
  /// then the tool version and any accepted version changes.
  public var json: JSONText.Value {
    .object(designMembers + [("version", .string(toolVersion)), ("version_changes", .array(versionChanges.map { .string($0) }))])
  }

  /// The members of `sweep.json` that make the sweep's identity.
  var designMembers: [(String, JSONText.Value)] {
    let members: [(String, JSONText.Value)] = [
      // the files absolute: runs typed from other folders or spelled otherwise record the same
      // text, and merge finds the sweep file from anywhere
      ("sweep", .string(ScenarioLoader.absolutePath(file))),
      ("base", .string(ScenarioLoader.absolutePath(baseFile))),
      ("base_hash", .string(baseHash)),
      ("design", .string(designName)),
      ("replications", .int(Int64(replications))),
      ("seed", .string(String(seed))),
      ("set", .array(baseOverrides.map { .string($0) })),
      ("keep", .array(keep.map { .string($0) })),
      ("parameters", .array(parameters.map { .string($0) })),
      ("reference", hasReference ? .int(Int64(referencePoint)) : .null),
      ("points", .array(points.enumerated().map { (i, p) in
        .object([("point", .int(Int64(i)))] + p.map { ($0.key, .string($0.text)) })
      })),
      ("replicate_seeds", .array((0..<replications).map { .string(String(seed(replicate: $0))) })),
    ]
    guard let sensitivity else { return members }
    return members + [("sensitivity", sensitivity)]
  }

  /// Each parameter's key path, its values, and for `{ from, to }` its range (for a Latin hypercube).
  static func parameterValues(_ members: [JSONNode.Member], source path: String) throws(ScenarioError)
    -> ([String], [[JSONNode.Value]], [(Double, Double, Bool)?]) {
    var parameters: [String] = []
    var valueLists: [[JSONNode.Value]] = []
    var ranges: [(Double, Double, Bool)?] = []
    for m in members {
      parameters.append(m.key)
      var p = try ConfigReader(m.value, path: "$.parameters.\"\(m.key)\"")
      if let values = try p.array("values") {
        guard !values.isEmpty else { throw .invalid(source: path, path: p.path("values"), expected: "at least one value", found: "an empty array") }
        valueLists.append(values.map(\.value)); ranges.append(nil)
        for other in ["from", "to", "steps", "integer"] where p.raw(other) != nil {
          throw .invalid(source: path, path: p.path(other), expected: "either values: [...] or from/to/steps, not both", found: "both")
        }
      } else {
        let from = try p.number("from", default: .nan, .finite)
        let to = try p.number("to", default: .nan, .finite)
        if from.isNaN || to.isNaN {
          throw .missing(source: path, path: p.path(from.isNaN ? "from" : "to"), expected: "a number (or give values: [...])")
        }
        let steps = try p.integer("steps", default: 2, 1...1_000_000)
        let integer = try p.bool("integer", default: false)
        var values: [JSONNode.Value] = []
        var previous: Double?
        for k in 0..<steps {
          var v = steps == 1 ? from : from + (to - from) * Double(k) / Double(steps - 1)
          if integer { v = v.rounded() }
          if integer, v == previous {   // more steps than integers in the range: points would repeat
            let distinct = Int(abs(to.rounded() - from.rounded())) + 1
            throw .invalid(source: path, path: p.path("steps"), expected: "at most \(distinct) steps (the integers from \(from.rounded()) to \(to.rounded()))",
                           found: "\(steps)")
          }
          previous = v
          values.append(.number(v, text: v.description))
        }
        valueLists.append(values); ranges.append((from, to, integer))
      }
      try p.finish()
    }
    return (parameters, valueLists, ranges)
  }

  /// Refuses more than ``maxRuns`` runs in all.
  static func checkRunCount(points: Int, replications: Int, source: String) throws(ScenarioError) {
    guard points * replications <= maxRuns else {
      throw .invalid(source: source, path: "$.replications", expected: "at most \(maxRuns) runs in all (points × replications)",
                     found: "\(points) × \(replications)")
    }
  }

  /// The full grid, refused before it is built when it has more than ``maxRuns`` points.
  static func grid(parameters: [String], values: [[JSONNode.Value]], source: String) throws(ScenarioError) -> [[Assignment]] {
    var size = 1
    for list in values { size = size.multipliedReportingOverflow(by: list.count).overflow ? Int.max : size * list.count }
    guard size <= maxRuns else {
      throw .invalid(source: source, path: "$.parameters", expected: "a grid of at most \(maxRuns) points", found: size == Int.max ? "more" : "\(size)")
    }
    return grid(parameters: parameters, values: values)
  }

  static func grid(parameters: [String], values: [[JSONNode.Value]]) -> [[Assignment]] {
    var points: [[Assignment]] = [[]]
    for (k, list) in zip(parameters, values) {
      points = points.flatMap { p in list.map { p + [Assignment(key: k, value: $0)] } }
    }
    return points
  }

  static func latinHypercube(parameters: [String], ranges: [(Double, Double, Bool)?], samples n: Int, seed: UInt64,
                             source: String) throws(ScenarioError) -> [[Assignment]] {
    var rng = RandomStreams(masterSeed: seed).stream("design")
    var columns: [[Double]] = []
    for (k, range) in zip(parameters, ranges) {
      guard let (from, to, integer) = range else {
        throw .invalid(source: source, path: "$.parameters.\"\(k)\"", expected: "{ from, to } for a Latin hypercube", found: "values")
      }
      var strata = Array(0..<n)
      for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, Int(UniformIntegerDistribution.below(UInt64(i + 1), using: &rng))) }
      columns.append(strata.map { s in
        let v = from + (to - from) * (Double(s) + rng.nextUnitDouble()) / Double(n)
        return integer ? v.rounded() : v
      })
    }
    return (0..<n).map { i in zip(parameters, columns).map { Assignment(key: $0.0, value: .number($0.1[i], text: $0.1[i].description)) } }
  }

  static func explicitPoints(_ node: JSONNode, parameters: [String], folder: URL, source: String) throws(ScenarioError) -> [[Assignment]] {
    switch node.value {
    case .array(let items):
      guard !items.isEmpty else {
        throw .invalid(source: source, path: "$.design.points", expected: "at least one point", found: "an empty array")
      }
      var out: [[Assignment]] = []
      let parameters = parameters.isEmpty ? inlineKeys(items) : parameters
      for (i, item) in items.enumerated() {
        guard case .object(let members) = item.value else {
          throw .invalid(source: source, path: "$.design.points[\(i)]", expected: "an object of parameter values", found: item.foundDescription)
        }
        for m in members where !parameters.contains(m.key) {
          throw .unknownKey(source: source, path: "$.design.points[\(i)].\"\(m.key)\"", suggestion: EditDistance.suggestion(for: m.key, among: parameters))
        }
        out.append(parameters.compactMap { k in members.first { $0.key == k }.map { Assignment(key: k, value: $0.value.value) } })
      }
      return out
    case .string(let name):
      let csvPath = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path
      guard let text = try? String(contentsOfFile: csvPath, encoding: .utf8) else {
        throw .cannotRead(path: csvPath, reason: "no such file")
      }
      return try DesignCSV.read(text, file: csvPath, parameters: parameters)
    default:
      throw .invalid(source: source, path: "$.design.points", expected: "a CSV file name or an array of points", found: node.foundDescription)
    }
  }
}
