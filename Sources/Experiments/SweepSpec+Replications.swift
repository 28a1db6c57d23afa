import Output
import Scenario

extension SweepSpec {
  /// A sweep of one design point — the scenario `file` with `overrides` — over `count` seeds
  /// derived from `seed` (common random numbers, as every sweep's replicates): what
  /// `datamarket run SCENARIO --replications N` runs.
  public static func replications(of file: String, overrides: [String], count: Int, seed: UInt64) throws(ScenarioError) -> SweepSpec {
    guard count >= 1 else { throw .invalid(source: file, path: "--replications", expected: "an integer ≥ 1", found: String(count)) }
    try checkRunCount(points: 1, replications: count, source: file)
    var point: [Assignment] = []
    for text in overrides {
      // each override as a parameter of the one point: its value read as --set reads it
      let patched = try ScenarioLoader.apply(overrides: [text], to: JSONNode(.object([]), source: ""))
      guard let eq = text.firstIndex(of: "=") else { throw .badOverride(text: text, reason: "expected KEY.PATH=VALUE") }
      var node = patched
      for key in text[..<eq].split(separator: ".").map(String.init) { node = node[key] ?? node }
      point.removeAll { $0.key == String(text[..<eq]) }
      point.append(Assignment(key: String(text[..<eq]), value: node.value))
    }
    var spec = SweepSpec(file: file, baseFile: file, replications: count, seed: seed, parameters: point.map(\.key), points: [point],
                         hasReference: false, designName: "replications")
    spec.baseHash = RunMetadata.hash(try ScenarioLoader.load(file).canonicalText)
    try spec.validatePoints()
    return spec
  }
}
