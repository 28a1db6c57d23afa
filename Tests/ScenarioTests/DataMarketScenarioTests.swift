import Foundation
import Testing
@testable import Scenario
import Market

/// Data-market scenario checks that need more than one key.
@Suite struct DataMarketScenarioTests {
  func load(_ text: String, overrides: [String] = []) -> String {
    let path = NSTemporaryDirectory() + "datamarket-dm-scenario-\(ProcessInfo.processInfo.processIdentifier)-\(text.hashValue).json"
    try? text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try Scenario.load(file: path, overrides: overrides)
      return "no error"
    } catch {
      return error.description.replacingOccurrences(of: path, with: "F")
    }
  }

  @Test func warmUpMustLeaveAMeasuredPeriod() {
    #expect(load("{ kind: \"dataMarket\", market: { periods: 12, warmupPeriods: 12 } }")
            == "F: $.market.warmupPeriods: expected fewer warm-up periods than market.periods (12): "
             + "the summary needs a measured period, found 12")
    #expect(load("{ kind: \"dataMarket\", market: { periods: 12, warmupPeriods: 11 } }") == "no error")
  }

  /// A public operator whose region has no exchange would pay its costs and sell nothing: an
  /// error naming the region and the ways out; switched off, the same market runs.
  @Test func thePublicOperatorNeedsAnExchangeInItsRegion() {
    let expected = "F: $.publicOperator.region: expected a region with an exchange (the operator lists its products only at an "
      + "exchange of its own region): add one to exchanges.list, move the operator, or set publicOperator.enabled to false, "
      + "found \"East\", which has no exchange"
    #expect(load("{ kind: \"dataMarket\", exchanges: { list: [] } }") == expected)
    #expect(load("{ kind: \"dataMarket\", exchanges: { list: [{ name: \"X\", region: \"South\" }] } }") == expected)
    #expect(load("{ kind: \"dataMarket\", exchanges: { list: [] }, publicOperator: { enabled: false } }") == "no error")
    #expect(load("{ kind: \"dataMarket\", exchanges: { list: [] }, publicOperator: { products: 0 } }") == "no error")
    #expect(load("{ kind: \"dataMarket\", exchanges: { list: [{ name: \"X\", region: \"South\" }] }, publicOperator: { region: \"South\" } }")
            == "no error")
  }

  /// I_lo ≤ I_hi, and each contract type once in the menu.
  @Test func inconsistentInvestmentsAndRepeatedContractTypesAreErrors() {
    #expect(load("{ kind: \"dataMarket\", readiness: { lowInvestment: 30, highInvestment: 5 } }")
            == "F: $.readiness.highInvestment: expected a number ≥ readiness.lowInvestment (30.0), found 5")
    #expect(load("{ kind: \"dataMarket\", readiness: { lowInvestment: 20, highInvestment: 20 } }") == "no error")
    #expect(load("{ kind: \"dataMarket\", contracts: { allowed: [\"FIXED\", \"SUBSCRIPTION\", \"FIXED\"] } }")
            == "F: $.contracts.allowed[2]: expected each contract type once (the menu's order breaks ties), found \"FIXED\" again")
  }

  /// `--set` reaches one element of an array the scenario writes (`regions[1].key`), leaving the
  /// others as written; an index past the end, an array the scenario leaves to its default and a
  /// malformed index are errors naming the override.
  @Test func anOverrideCanSetOneElementOfAWrittenArray() throws {
    let two = "{ kind: \"dataMarket\", regions: [{ name: \"A\", buyerArrivalRate: 2 }, { name: \"B\", buyerArrivalRate: 3 }], "
      + "publicOperator: { region: \"A\" } }"
    let path = NSTemporaryDirectory() + "datamarket-dm-indexed-\(ProcessInfo.processInfo.processIdentifier).json"
    try two.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard case .dataMarket(let c) = try Scenario.load(file: path, overrides: ["regions[1].buyerArrivalRate=9", "regions[0].annotationBase=true"]).model else {
      Issue.record("not a data market"); return
    }
    #expect(c.regions.map(\.name) == ["A", "B"] && c.regions.map(\.buyerArrivalRate) == [2, 9])
    #expect(c.regions.map(\.annotationBase) == [true, false])
    // the same paths read back (a sweep compares its points' values at its parameters' paths)
    let root = try ScenarioLoader.load(path)
    #expect(ScenarioLoader.node(at: "regions[1].buyerArrivalRate", in: root)?.canonicalText == "3.0")
    #expect(ScenarioLoader.node(at: "regions[1].name", in: root)?.canonicalText == "\"B\"")
    #expect(ScenarioLoader.node(at: "regions[2].name", in: root) == nil && ScenarioLoader.node(at: "regions[x]", in: root) == nil)
    #expect(load(two, overrides: ["regions[2].buyerArrivalRate=9"])
            == "--set regions[2].buyerArrivalRate=9: expected an index below 2 (regions has 2 elements), found [2]")
    #expect(load(two, overrides: ["regions[1].buyerArivalRate=9"])
            == "--set regions[1].buyerArivalRate=9: $.regions[1].buyerArivalRate: unknown key (did you mean 'buyerArrivalRate'?)")
    #expect(load("{ kind: \"dataMarket\", market: { x: [] } }", overrides: ["market.y[0].z=2"])
            == "--set market.y[0].z=2: expected market.y to be an array the scenario writes, to index one of its "
             + "elements; the scenario does not write it (it takes its default): write the array in the scenario, or set it whole "
             + "with market.y=[…]")
    #expect(load(two, overrides: ["regions[-1].buyerArrivalRate=9"])
            == "--set regions[-1].buyerArrivalRate=9: expected KEY[INDEX] with INDEX a whole number ≥ 0, found regions[-1]")
  }

  /// The arrays a data-market scenario leaves to their defaults (regions, segments, exchanges)
  /// can be indexed too: written out as their defaults first, so setting an element's key to the
  /// value it has changes nothing, and setting another value changes that element alone.
  @Test func anOverrideCanIndexAnArrayLeftToItsDefault() throws {
    let path = NSTemporaryDirectory() + "datamarket-dm-default-arrays-\(ProcessInfo.processInfo.processIdentifier).json"
    try "{ kind: \"dataMarket\", exchanges: { defaults: { sellerFeeRate: 0.04 } } }".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    func config(_ overrides: [String]) throws -> DataMarketConfig {
      guard case .dataMarket(let c) = try Scenario.load(file: path, overrides: overrides).model else { throw ScenarioError.missing(source: "", path: "", expected: "") }
      return c
    }
    let plain = try config([])
    let same = try config(["regions[0].buyerArrivalRate=\(plain.regions[0].buyerArrivalRate)", "buyers.segments[3].share=\(plain.buyers.segments[3].share)",
                           "exchanges.list[2].name=\"\(plain.exchanges[2].name)\""])
    #expect(same == plain)
    let changed = try config(["regions[1].buyerArrivalRate=9", "exchanges.list[3].sellerFeeRate=0.1", "buyers.segments[0].readinessWeight=0.5"])
    var expected = plain
    expected.regions[1].buyerArrivalRate = 9
    expected.exchanges[3].sellerFeeRate = 0.1
    expected.buyers.segments[0].readinessWeight = 0.5
    #expect(changed == expected)
    #expect(changed.exchanges[0].sellerFeeRate == 0.04)   // the other exchanges keep exchanges.defaults
    #expect(load("{ kind: \"dataMarket\" }", overrides: ["regions[4].buyerArrivalRate=1"])
            == "--set regions[4].buyerArrivalRate=1: expected an index below 4 (regions has 4 elements), found [4]")
  }

  /// The contract mix is a mix of paid contracts: its shares add up to 1 (free uses have no type).
  @Test func contractSharesAddUpToOne() throws {
    let path = NSTemporaryDirectory() + "datamarket-dm-shares-\(ProcessInfo.processInfo.processIdentifier).json"
    try "{ kind: \"dataMarket\", market: { periods: 8, warmupPeriods: 1 }, contracts: { allowed: [\"FIXED\", \"REVSHARE\", \"SUBSCRIPTION\"] } }"
      .write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try ScenarioRunner.run(try Scenario.load(file: path))
    var sum = 0.0
    for m in result.metrics where m.name.hasPrefix("contract_share_") { sum += Double(m.value.text) ?? .nan }
    #expect(abs(sum - 1) < 1e-12, "contract shares sum to \(sum)")
    let free = result.metrics.first { $0.name == "public_free_uses" }.map { Int($0.value.text) ?? 0 } ?? 0
    #expect(free > 0)
  }
}
