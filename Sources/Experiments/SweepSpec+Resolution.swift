import Foundation
import Output
import Scenario

/// How a sweep's base scenario and parameters are resolved: the base with its `--set`
/// overrides, parameters taken from a design's own keys (a CSV header) when the sweep file does
/// not declare them, and a reference that is one of the design points run once.
extension SweepSpec {
  /// The base scenario's JSON with the sweep's `--set` overrides applied.
  public func loadBase() throws(ScenarioError) -> JSONNode {
    try ScenarioLoader.apply(overrides: baseOverrides, to: try ScenarioLoader.load(baseFile))
  }

  /// Checks the `--set` overrides as `run --set` does (the base with them must be a valid
  /// scenario), and that none sets a parameter of the sweep (the point's value would hide it).
  static func checkBaseOverrides(_ overrides: [String], parameters: [String], baseFile: String, sweepFile: String) throws(ScenarioError) {
    guard !overrides.isEmpty else { return }
    for text in overrides {
      let key = String(text.prefix { $0 != "=" })
      if key == "seed" {   // each run's seed comes from the sweep's: a base seed would be recorded and change nothing
        throw .badOverride(text: text, reason: "a sweep's runs take their seeds from the sweep's seed and their replicate, not the base "
                           + "scenario's; set seed in the sweep file \(sweepFile) instead")
      }
      if parameters.contains(key) {
        throw .badOverride(text: text, reason: "\(key) is a parameter of the sweep \(sweepFile) (each point sets it); remove it from --set")
      }
      // an object holding a parameter, or a key inside a parameter's object: one would hide the other
      if let p = parameters.first(where: { ScenarioLoader.overlap($0, key) }) {
        throw .badOverride(text: text, reason: "\(key) overlaps \(p), a parameter of the sweep \(sweepFile) (each point sets it); "
                           + "set the keys beside it one by one instead")
      }
    }
    _ = try Scenario.decode(try ScenarioLoader.apply(overrides: overrides, to: try ScenarioLoader.load(baseFile)), file: baseFile)
  }

  /// Refuses a parameter no point can set: `seed` (each run's seed comes from the sweep's `seed`
  /// and its replicate), and a key inside another parameter's object (`queue` with
  /// `queue.customers`: one point's value would replace the other's). `declared`: the keys come
  /// from `parameters` (else from the design's points).
  static func checkParameterKeys(_ parameters: [String], declared: Bool, source: String) throws(ScenarioError) {
    for k in parameters {
      let path = declared ? "$.parameters.\"\(k)\"" : "$.design.points (key \"\(k)\")"
      if k == "seed" {
        throw .invalid(source: source, path: path, expected: "a scenario key other than seed (each run's seed derives from the sweep's "
                       + "seed and its replicate: set the sweep's seed, or more replications)", found: "seed")
      }
      if let outer = parameters.first(where: { ScenarioLoader.isInside(k, $0) }) {
        throw .invalid(source: source, path: path, expected: "a key outside every other parameter's object", found: "a key inside \"\(outer)\"")
      }
    }
  }

  /// The parameter keys of `points`, in order of first appearance.
  static func keysInOrder(_ points: [[Assignment]]) -> [String] {
    var keys: [String] = []
    for point in points { for a in point where !keys.contains(a.key) { keys.append(a.key) } }
    return keys
  }

  /// The keys of inline design points (objects), in order of first appearance.
  static func inlineKeys(_ items: [JSONNode]) -> [String] {
    var keys: [String] = []
    for item in items {
      guard case .object(let members) = item.value else { continue }
      for m in members where !keys.contains(m.key) { keys.append(m.key) }
    }
    return keys
  }

  /// Checks that the parameters are scenario keys: each is set alone on the base to its first
  /// value; an unknown key is an error naming where the sweep declares it — `$.parameters`
  /// (`declared`), or the design CSV's column or the inline points (parameters taken from a
  /// design) — with the nearest scenario key.
  static func checkParameterKeysExist(_ parameters: [String], declared: Bool, points: [[Assignment]], baseOverrides: [String],
                                      baseFile: String, sweepFile: String, design: JSONNode?, folder: URL) throws(ScenarioError) {
    let base = try ScenarioLoader.apply(overrides: baseOverrides, to: try ScenarioLoader.load(baseFile))
    var csvPath: String?
    if case .string(let name)? = design?.value { csvPath = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path }
    for (c, key) in parameters.enumerated() {
      guard let value = points.lazy.compactMap({ $0.first { $0.key == key } }).first else { continue }
      do {
        _ = try Scenario.decode(try ScenarioLoader.apply(overrides: ["\(key)=\(value.text)"], to: base), file: baseFile)
      } catch {
        guard case .unknownKey(_, let path, let suggestion) = error else { continue }
        let (source, place) = declared ? (sweepFile, "$.parameters.\"\(Abbreviation.of(key))\"")
          : csvPath.map { ($0, "line 1, column \(c + 1) (\"\(Abbreviation.of(key))\")") }
            ?? (sweepFile, "$.design.points: key \"\(Abbreviation.of(key))\"")
        throw .unknownKey(source: source, path: place, suggestion: suggestion.map { fullKey(key, unknownPath: path, suggestion: $0) })
      }
    }
  }

  /// `key` with the component the scenario reader did not know replaced by its suggestion.
  static func fullKey(_ key: String, unknownPath: String, suggestion: String) -> String {
    var parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let bad = unknownPath.split(separator: ".").last.map(String.init) ?? ""
    if let i = parts.lastIndex(of: bad) { parts[i] = suggestion } else { parts[parts.count - 1] = suggestion }
    return parts.joined(separator: ".")
  }

  /// The values a resolved point has at the parameters' key paths (where points can differ from
  /// one another: they share the base and its overrides), as one text.
  func resolvedParameters(_ root: JSONNode) -> String {
    parameters.map { key in ScenarioLoader.node(at: key, in: root)?.canonicalText ?? "-" }.joined(separator: "\n")
  }

  /// Drops the separate reference (point 0) for design point `same`, which resolves to the same
  /// scenario: it is run once, and the paired differences are taken against its runs.
  mutating func mergeReference(into same: Int) {
    points.remove(at: 0)
    referencePoint = same - 1
  }
}
