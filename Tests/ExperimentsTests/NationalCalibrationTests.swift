import Foundation
import Testing
@testable import Experiments
import Scenario

/// The shipped national calibration (scenarios/calibration/national.json5) and the baseline that
/// carries its fit (scenarios/baseline.json) agree: same fixed overrides, fitted values inside the
/// calibration's box, every point of the box a valid scenario.
@Suite struct NationalCalibrationTests {
  static let root = CalibrationSpecTests.root
  static let horizonKeys: Set<String> = ["market.periods", "market.warmupPeriods"]

  /// The value at dotted `key` of a resolved scenario, nil when absent.
  static func value(_ node: JSONNode, _ key: String) -> JSONNode? {
    var n: JSONNode? = node
    for part in key.split(separator: ".") { n = n?[String(part)] }
    return n
  }

  static func number(_ node: JSONNode?) -> Double? {
    if case .number(let x, _) = node?.value { return x }
    return nil
  }

  @Test func everyPointOfTheBoxIsAValidValueScale() throws {
    let spec = try CalibrationSpec.load(Self.root + "/scenarios/calibration/national.json5")
    let median = try #require(spec.parameters.first { $0.key == "buyers.valueMedian" })
    let mean = try #require(spec.parameters.first { $0.key == "buyers.valueMean" })
    #expect(mean.from >= median.to, "valueMean must stay ≥ valueMedian at every point")
    #expect(spec.baseFile.hasSuffix("datamarket.json"), "a re-run must not depend on the previous fit")
    #expect(spec.targets.filter { $0.weight > 0 }.map(\.metric)
            == ["gmv_per_year_wan_rmb", "on_exchange_share", "median_deal_wan_rmb", "mean_deal_wan_rmb", "on_exchange_trades_per_exchange_year"])
  }

  @Test func theBaselineCarriesTheFitInsideTheBoxAndTheFixedOverrides() throws {
    let spec = try CalibrationSpec.load(Self.root + "/scenarios/calibration/national.json5")
    let baseline = try ScenarioLoader.load(Self.root + "/scenarios/baseline.json")
    let own = try ScenarioLoader.parseFile(Self.root + "/scenarios/baseline.json")
    #expect(own["extends"].flatMap(Self.string) == "datamarket.json" && own["name"].flatMap(Self.string) == "baseline")
    for p in spec.parameters {
      let x = try #require(Self.number(Self.value(baseline, p.key)), "baseline.json lacks \(p.key)")
      #expect(x >= p.from && x <= p.to, "\(p.key) = \(x) outside [\(p.from), \(p.to)]")
    }
    for o in spec.overrides {
      let eq = try #require(o.firstIndex(of: "="))
      let key = String(o[..<eq])
      guard !Self.horizonKeys.contains(key) else { continue }
      let expected = Double(o[o.index(after: eq)...])
      #expect(Self.number(Self.value(baseline, key)) == expected, "baseline.json's \(key) differs from the calibration's \(o)")
    }
  }

  static func string(_ node: JSONNode) -> String? {
    if case .string(let s) = node.value { return s }
    return nil
  }
}
