import Foundation
import Market
import Output
import Scenario

/// A calibration file, resolved: the base scenario, the parameters to fit with their bounds, the
/// target moments (summary metrics) with value, weight and source, the fixed seeds (common random
/// numbers: the same seeds at every evaluation) and the evaluation budget.
///
///     {
///       base: "../baseline.json", seeds: 8, maxEvaluations: 400,
///       set: ["market.periods=24"],                       // optional: fixed overrides at every evaluation
///       parameters: { "buyers.arrivalRate": { from: 1, to: 50, scale: "log" } },   // optional start
///       targets: { gmv_per_year_wan_rmb: { value: 1.6e7, weight: 1, source: "…" } },
///       restarts: 2, tolerance: 1e-4,                     // optional (Nelder–Mead)
///     }
public struct CalibrationSpec: Sendable {
  /// One parameter to fit: a numeric scenario key and its range, searched as [0, 1] (linearly, or
  /// on a log scale).
  public struct Parameter: Sendable {
    public var key: String
    public var from: Double, to: Double
    public var log: Bool
    /// Whether the key holds an integer (values are rounded).
    public var integer: Bool
    /// Where the search starts, in [0, 1] (default: the middle of the range, on its scale).
    public var start: Double

    /// The value at unit-cube coordinate `u`.
    public func value(_ u: Double) -> Double {
      let x = log ? Foundation.exp(Foundation.log(from) + u * (Foundation.log(to) - Foundation.log(from))) : from + u * (to - from)
      let bounded = Swift.min(Swift.max(x, Swift.min(from, to)), Swift.max(from, to))
      return integer ? bounded.rounded() : bounded
    }

    /// The unit-cube coordinate of value `x`.
    public func unit(_ x: Double) -> Double {
      guard from != to else { return 0.5 }
      return log ? (Foundation.log(x) - Foundation.log(from)) / (Foundation.log(to) - Foundation.log(from)) : (x - from) / (to - from)
    }

    /// The value as an override writes it (and the journal records it).
    public func text(_ value: Double) -> String { integer ? String(Int(value)) : value.description }
  }

  /// One target moment: a summary metric, its published value, its weight and where it comes from.
  public struct Target: Sendable {
    public var metric: String
    public var value: Double
    public var weight: Double
    public var source: String
  }

  public var file: String
  public var baseFile: String
  /// FNV-1a hash of the resolved base scenario.
  public var baseHash: String
  /// Overrides applied at every evaluation, before the parameters.
  public var overrides: [String]
  public var parameters: [Parameter]
  public var targets: [Target]
  /// The seeds every evaluation runs (common random numbers).
  public var seeds: [UInt64]
  public var maxEvaluations: Int
  public var restarts: Int
  public var tolerance: Double
  /// The base scenario's name (the calibrated scenario is `<name>-calibrated`).
  public var baseName: String

  /// The most evaluations × seeds a calibration may run.
  public static let maxRuns = SweepSpec.maxRuns

  /// The starting point in the unit cube.
  public var start: [Double] { parameters.map(\.start) }

  /// The parameter overrides of unit-cube point `u`.
  public func overrides(at u: [Double]) -> [String] {
    zip(parameters, u).map { p, x in "\(p.key)=\(p.text(p.value(x)))" }
  }

  /// The calibration's identity: FNV-1a 64 of its resolved description but its two paths as typed; journal lines and the
  /// folder's marker carry it, so files of another calibration are recognised.
  public var identity: String {
    guard case .object(let members) = json else { return FNV1a.hex(JSONText.file(json)) }
    // the paths as typed are not what is run (`c.json5` and `./c.json5` are one calibration;
    // the base's content is in base_hash)
    return FNV1a.hex(JSONText.file(.object(members.filter { $0.0 != "calibration" && $0.0 != "base" })))
  }

  /// The resolved calibration (deterministic; `calibration.json` adds the tool version).
  public var json: JSONText.Value {
    .object([
      ("calibration", .string(file)),
      ("base", .string(baseFile)),
      ("base_hash", .string(baseHash)),
      ("set", .array(overrides.map { .string($0) })),
      ("seeds", .array(seeds.map { .string(String($0)) })),
      ("max_evaluations", .int(Int64(maxEvaluations))),
      ("restarts", .int(Int64(restarts))),
      ("tolerance", .double(tolerance)),
      ("optimizer", .string("bounded Nelder–Mead in the unit cube, restarts from the best point")),
      ("parameters", .array(parameters.map { p in
        .object([("key", .string(p.key)), ("from", .double(p.from)), ("to", .double(p.to)), ("scale", .string(p.log ? "log" : "linear")),
                 ("integer", .bool(p.integer)), ("start", .double(p.value(p.start)))])
      })),
      ("targets", .array(targets.map { t in
        .object([("metric", .string(t.metric)), ("value", .double(t.value)), ("weight", .double(t.weight)), ("source", .string(t.source))])
      })),
    ])
  }

  /// Loads and validates a calibration file: every parameter a numeric key of the base
  /// scenario's kind with bounds inside the key's own, every target a summary metric of that
  /// kind, the base valid (with `set`) at both corners of the parameter box.
  public static func load(_ path: String) throws(ScenarioError) -> CalibrationSpec {
    var r = try ConfigReader(ScenarioLoader.parseFile(path))
    guard let baseNode = r.raw("base") else { throw .missing(source: path, path: "$.base", expected: "the base scenario file") }
    let baseName = try ConfigReader.string(baseNode, path: "$.base")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let baseFile = baseName.hasPrefix("/") ? baseName : folder.appendingPathComponent(baseName).path
    _ = try r.string("description", default: "")
    let overrides = try readOverrides(&r, source: path)
    let base = try ScenarioLoader.load(baseFile)
    let scenario: Scenario
    do { scenario = try Scenario.decode(try ScenarioLoader.apply(overrides: overrides, to: base), file: baseFile) } catch {
      throw .invalid(source: path, path: "$.set", expected: "overrides giving a valid base scenario", found: error.description)
    }
    let seeds = try readSeeds(&r, master: scenario.seed, source: path)
    let maxEvaluations = try r.integer("maxEvaluations", default: 200, 1...1_000_000)
    guard maxEvaluations * seeds.count <= maxRuns else {
      throw .invalid(source: path, path: "$.maxEvaluations", expected: "at most \(maxRuns) runs in all (evaluations × seeds)",
                     found: "\(maxEvaluations) × \(seeds.count)")
    }
    let restarts = try r.integer("restarts", default: 2, 0...1_000)
    let tolerance = try r.number("tolerance", default: 1e-4, .range(1e-12, 1))
    let parameters = try readParameters(&r, kind: kind(of: scenario), source: path)
    // a fixed override of a fitted key (or of an object holding one) would be hidden by the fit
    for (i, text) in overrides.enumerated() {
      let key = String(text.prefix { $0 != "=" })
      if let p = parameters.first(where: { ScenarioLoader.overlap($0.key, key) }) {
        throw .invalid(source: path, path: "$.set[\(i)]", expected: "an override of a key the calibration does not fit",
                       found: "\"\(text)\" (\(p.key) is a parameter)")
      }
    }
    let targets = try readTargets(&r, metrics: metricNames(scenario), source: path)
    try r.finish()
    let spec = CalibrationSpec(file: path, baseFile: baseFile, baseHash: RunMetadata.hash(base.canonicalText), overrides: overrides,
                               parameters: parameters, targets: targets, seeds: seeds, maxEvaluations: maxEvaluations,
                               restarts: restarts, tolerance: tolerance, baseName: scenario.name)
    try spec.validateCorners(base)
    return spec
  }

  /// The scenario kind's name.
  static func kind(of scenario: Scenario) -> String {
    switch scenario.model {
    case .mm1: return "mm1"
    case .doubleAuction: return "doubleAuction"
    case .dataMarket: return "dataMarket"
    case .testFunction: return "testFunction"
    }
  }

  /// The summary metrics a scenario's runs report: the data market's declared columns, or (for
  /// the small reference models) the header of one run of the base scenario.
  static func metricNames(_ scenario: Scenario) throws(ScenarioError) -> [String] {
    if case .dataMarket = scenario.model { return DataMarketColumns.summary.map(\.name) }
    do { return try ScenarioRunner.run(scenario).metrics.map(\.name) } catch {
      throw .invalid(source: scenario.file, path: "$", expected: "a base scenario that runs", found: "\(error)")
    }
  }

  /// `set`: an array of `KEY.PATH=VALUE` strings (empty when absent).
  static func readOverrides(_ r: inout ConfigReader, source: String) throws(ScenarioError) -> [String] {
    guard let items = try r.array("set") else { return [] }
    var out: [String] = []
    for (i, item) in items.enumerated() {
      let text = try ConfigReader.string(item, path: "$.set[\(i)]")
      guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
        throw .invalid(source: source, path: "$.set[\(i)]", expected: "KEY.PATH=VALUE", found: item.foundDescription)
      }
      out.append(text)
    }
    return out
  }

  /// `seeds`: a count (derived from the base scenario's seed, as a sweep's replicates) or a list.
  static func readSeeds(_ r: inout ConfigReader, master: UInt64, source: String) throws(ScenarioError) -> [UInt64] {
    guard let node = r.raw("seeds") else { return (0..<8).map { SweepSpec.seed(master: master, replicate: $0) } }
    if case .array(let items) = node.value {
      guard !items.isEmpty, items.count <= 10_000 else {
        throw .invalid(source: source, path: "$.seeds", expected: "1 to 10,000 seeds", found: "\(items.count)")
      }
      var seeds: [UInt64] = []
      for (i, item) in items.enumerated() {
        let s = UInt64(try ConfigReader.integer(item, path: "$.seeds[\(i)]", 0...Int(ConfigReader.maxSeed)))
        guard !seeds.contains(s) else {
          throw .invalid(source: source, path: "$.seeds[\(i)]", expected: "a seed not already listed", found: String(s))
        }
        seeds.append(s)
      }
      return seeds
    }
    let count = try ConfigReader.integer(node, path: "$.seeds", 1...10_000)
    return (0..<count).map { SweepSpec.seed(master: master, replicate: $0) }
  }

  /// `parameters`: each a numeric key of `kind` with `from`, `to` inside the key's bounds,
  /// optional `scale: "log"` and `start`.
  static func readParameters(_ r: inout ConfigReader, kind: String, source: String) throws(ScenarioError) -> [Parameter] {
    let p = try r.object("parameters")
    guard case .object(let members) = p.node.value, !members.isEmpty else {
      throw .missing(source: source, path: "$.parameters", expected: "an object of parameters to fit, e.g. { \"queue.arrivalRate\": { from: 0.1, to: 2 } }")
    }
    let rows = (ModelKeys.rows(kind: kind) ?? []).filter { ($0.type == "number" || $0.type == "integer") && !$0.path.contains("[]") }
    var out: [Parameter] = []
    for m in members {
      let path = "$.parameters.\"\(m.key)\""
      guard let row = rows.first(where: { $0.path == m.key }) else {
        throw .unknownKey(source: source, path: path, suggestion: EditDistance.suggestion(for: m.key, among: rows.map(\.path)))
      }
      out.append(try readParameter(m.value, key: m.key, row: row, path: path, source: source))
    }
    return out
  }

  static func readParameter(_ node: JSONNode, key: String, row: ScenarioKeyRow, path: String, source: String) throws(ScenarioError) -> Parameter {
    var q = try ConfigReader(node, path: path)
    let from = try q.number("from", default: .nan, .finite), to = try q.number("to", default: .nan, .finite)
    if from.isNaN || to.isNaN { throw .missing(source: source, path: q.path(from.isNaN ? "from" : "to"), expected: "a number") }
    guard from < to else { throw .invalid(source: source, path: q.path("to"), expected: "a number > from (\(from))", found: String(to)) }
    for (name, v) in [("from", from), ("to", to)] {
      if let b = row.bounds, !b.contains(v) {
        throw .invalid(source: source, path: q.path(name), expected: "a value of \(key) in \(row.range)", found: String(v))
      }
    }
    let log = try q.string("scale", default: "linear", allowed: ["linear", "log"]) == "log"
    if log && from <= 0 { throw .invalid(source: source, path: q.path("from"), expected: "a number > 0 for scale: \"log\"", found: String(from)) }
    var p = Parameter(key: key, from: from, to: to, log: log, integer: row.type == "integer", start: 0.5)
    let start = try q.number("start", default: p.value(0.5), .range(from, to))
    p.start = NelderMead.clamp(p.unit(start))
    try q.finish()
    return p
  }

  /// `targets`: each a summary metric with a nonzero `value`, a `weight` ≥ 0 (default 1) and a `source`.
  static func readTargets(_ r: inout ConfigReader, metrics: [String], source: String) throws(ScenarioError) -> [Target] {
    let t = try r.object("targets")
    guard case .object(let members) = t.node.value, !members.isEmpty else {
      throw .missing(source: source, path: "$.targets", expected: "an object of target moments, e.g. { mean_wait: { value: 9 } }")
    }
    var out: [Target] = []
    for m in members {
      let path = "$.targets.\"\(m.key)\""
      guard metrics.contains(m.key) else {
        throw .unknownKey(source: source, path: path, suggestion: EditDistance.suggestion(for: m.key, among: metrics))
      }
      var q = try ConfigReader(m.value, path: path)
      let value = try q.number("value", default: .nan, .finite)
      guard value.isFinite, value != 0 else {
        throw .invalid(source: source, path: q.path("value"), expected: "a nonzero number (errors are relative to it)",
                       found: value.isNaN ? "nothing" : "0")
      }
      let weight = try q.number("weight", default: 1, .nonNegative)
      let text = try q.string("source", default: "")
      try q.finish()
      out.append(Target(metric: m.key, value: value, weight: weight, source: text))
    }
    guard out.contains(where: { $0.weight > 0 }) else {
      throw .invalid(source: source, path: "$.targets", expected: "at least one target with weight > 0", found: "none")
    }
    return out
  }

  /// Decodes the base scenario with every parameter at its lower, then upper bound, within the
  /// work limits (a sweep's design points are checked alike).
  func validateCorners(_ base: JSONNode) throws(ScenarioError) {
    for (name, u) in [("from", 0.0), ("to", 1.0)] {
      let point = [Double](repeating: u, count: parameters.count)
      let values = overrides(at: point).joined(separator: ", ")
      let scenario: Scenario
      do {
        let set = try ScenarioLoader.apply(overrides: overrides, to: base)
        scenario = try Scenario.decode(try ScenarioLoader.apply(overrides: overrides(at: point), to: set, origin: "parameter"), file: baseFile)
      } catch {
        throw .invalid(source: file, path: "$.parameters (every \(name): \(values))", expected: "a valid scenario", found: error.description)
      }
      if let why = WorkLimits.standard.violation(WorkEstimate.of(scenario)) {
        throw .invalid(source: file, path: "$.parameters (every \(name): \(values))", expected: "a run within the work limits", found: why)
      }
    }
  }
}
